package vademecum.file;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Sizes;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.ApiDoc;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.WebServer;

/**
 * Uploading a screenshot or a file from the editor (or the API), and reading one. What is uploaded
 * is never served as a page: images inline, everything else as a download, both under {@code
 * nosniff} and a sandboxing policy.
 */
public final class FileRoutes implements WebServer.Routes {
  private static final String SHA = "{sha256}";

  private final FileService files;
  private final Access access;
  private final SharedFiles shared;

  /**
   * Which workspace's file a share link may show: the link must be live and the procedures it shows
   * must use the file. Answered by the share feature, which this package does not know.
   */
  @FunctionalInterface
  public interface SharedFiles {
    /**
     * @return the workspace of the link
     * @throws Refusal the link's own refusal (unknown, expired, too many tries), or not found when
     *     what it shows does not use this file
     */
    long workspaceShowing(String token, String client, String sha256);
  }

  public FileRoutes(FileService files, Access access, SharedFiles shared) {
    this.files = files;
    this.access = access;
    this.shared = shared;
  }

  /** The answer to an upload: where the file is and the Markdown that shows it. */
  public record Uploaded(
      long id, String url, String markdown, String contentType, int size, String sha256) {}

  /** The upload form, as the API describes it: the file, and the image's alt text. */
  public record UploadForm(byte[] file, @Nullable String alt) {}

  @Override
  public void register(Router router) {
    router.post("/w/{workspace}/files", Need.EDITOR, this::upload);
    router.post(
        "/api/v1/workspaces/{workspace}/files",
        Need.API_EDITOR,
        ApiDoc.of(
                "Upload a screenshot or a file (multipart/form-data: `file`, optional `alt`); the"
                    + " answer holds the Markdown to put in a manual. 413 and 415 name the limit"
                    + " or the accepted types.",
                "owner, editor",
                Uploaded.class)
            .withStatus(201)
            .withForm(UploadForm.class),
        this::upload);
    router.get("/w/{workspace}/files/" + SHA + "/{name}", Need.MEMBER_OR_API, this::read);
    router.get("/s/{token}/files/" + SHA + "/{name}", Need.PUBLIC, this::readShared);
  }

  private void upload(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    UploadedFile upload = ctx.uploadedFile("file");
    if (upload == null) {
      throw Refusal.badRequest("Choose a file to upload (the form field is named file).");
    }
    byte[] bytes = read(upload, files.maxFileBytes());
    // Checked before the file is stored: refused after, it stayed until the clean-up.
    String alt = ctx.formParam("alt") == null ? null : Forms.noNul(ctx.formParam("alt"));
    StoredFile file = files.upload(workspace, access.actor(ctx), upload.filename(), bytes);
    ctx.status(HttpStatus.CREATED)
        .json(
            new Uploaded(
                file.id(),
                file.url(workspace.slug()),
                file.markdown(workspace.slug(), alt),
                file.contentType(),
                file.size(),
                file.sha256()));
  }

  /** Reads at most one byte past the limit, so an oversized file is refused without being kept. */
  private static byte[] read(UploadedFile upload, int limit) {
    try (InputStream in = upload.content()) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw Refusal.contentTooLarge(
            "This file is larger than %s, the limit for a file.".formatted(Sizes.human(limit)));
      }
      return bytes;
    } catch (IOException e) {
      throw Refusal.badRequest("The file could not be read; upload it again.");
    }
  }

  private void read(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String sha = sha(ctx);
    boolean original = ctx.queryParam("original") != null;
    send(ctx, files.read(workspace, access.role(ctx), access.account(ctx).id(), sha), original);
    // The address names the bytes: they never change, so browsers keep them for a year.
    ctx.header("Cache-Control", "private, max-age=31536000, immutable");
  }

  /**
   * A candidate's image. Asked again at each view (no-cache, answered 304 by the ETag), so a
   * revoked or expired link stops showing it at once.
   */
  private void readShared(Context ctx) {
    String sha = sha(ctx);
    long workspaceId = shared.workspaceShowing(ctx.pathParam("token"), access.client(ctx), sha);
    boolean original = ctx.queryParam("original") != null;
    send(ctx, files.readShared(workspaceId, sha), original);
    ctx.header("Cache-Control", "private, no-cache");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Robots-Tag", "noindex, nofollow, noarchive");
  }

  private static String sha(Context ctx) {
    String sha = ctx.pathParam("sha256");
    if (!sha.matches("[0-9a-f]{64}")) {
      throw Refusal.notFound("There is no such file here.");
    }
    return sha;
  }

  private void send(Context ctx, StoredFile kept, boolean original) {
    StoredFile file = kept.askedAs(ctx.pathParam("name"));
    String etag =
        "\"" + file.sha256() + (original || !file.hasDisplayCopy() ? "" : "-display") + "\"";
    ctx.header("ETag", etag);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
    String disposition = file.image() ? "inline" : "attachment";
    ctx.header(
        "Content-Disposition",
        disposition
            + "; filename=\""
            + file.urlName()
            + "\"; filename*=UTF-8''"
            + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"));
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    FileRepository.Content content = files.content(file, original);
    ctx.contentType(content.contentType());
    ctx.result(content.bytes());
  }
}
