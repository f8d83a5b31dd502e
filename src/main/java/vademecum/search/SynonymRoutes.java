package vademecum.search;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.ApiDoc;
import vademecum.web.Forms;
import vademecum.web.JsonBody;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** A workspace's synonyms: the page, the file, and the API. */
public final class SynonymRoutes implements WebServer.Routes {
  private final SynonymLists lists;
  private final Access access;
  private final Templates templates;

  public SynonymRoutes(SynonymLists lists, Access access, Templates templates) {
    this.lists = lists;
    this.access = access;
    this.templates = templates;
  }

  /**
   * The workspace's list, the built-in one, and the list's {@code base}: sent back with a new list,
   * it makes a save over someone else's a 409 instead of their list lost.
   */
  public record SynonymList(String text, String builtIn, String base) {}

  /**
   * A new list for the workspace (one group per line); {@code base} as read, to be told (409) when
   * someone saved since; left out, the list is replaced whatever it is.
   */
  public record SynonymBody(String text, @Nullable String base) {}

  /** How many entries the saved list gives. */
  public record SynonymsSaved(int entries) {}

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/synonyms", Need.EDITOR, this::page);
    router.post("/w/{workspace}/synonyms", Need.EDITOR, this::save);
    router.get("/w/{workspace}/synonyms.txt", Need.EDITOR, this::file);
    router.get(
        "/api/v1/workspaces/{workspace}/synonyms",
        Need.API_EDITOR,
        ApiDoc.of(
            "The workspace's own synonyms and the built-in list they go over.",
            "owner, editor",
            SynonymList.class),
        this::apiRead);
    router.post(
        "/api/v1/workspaces/{workspace}/synonyms",
        Need.API_EDITOR,
        ApiDoc.of(
                "Replace the workspace's synonyms: one group per line, \"a, b, c\" (or \"a = b\")"
                    + " for words that mean the same, \"a => b\" to widen a alone. A line that"
                    + " cannot be read is refused with its number (400). With the base read,"
                    + " a list saved by someone since is a conflict (409).",
                "owner, editor",
                SynonymsSaved.class)
            .withBody(SynonymBody.class),
        this::apiSave);
  }

  private void page(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String text = lists.text(workspace, access.role(ctx));
    render(ctx, text, null, null, SynonymLists.base(text), null);
  }

  private void render(
      Context ctx, String text, String error, Integer saved, String base, String theirs) {
    templates.render(
        ctx,
        "search/synonyms.jte",
        new SynonymsPage(
            access.chrome(ctx),
            access.workspace(ctx),
            text,
            Synonyms.builtInText(),
            error,
            saved,
            base,
            theirs));
  }

  private void save(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    // A file sent replaces the list whatever it is (that is what the button says); the form's
    // text replaces the list it started from, or is a conflict.
    String text = uploaded(ctx);
    String base = null;
    if (text == null) {
      Forms.requireUtf8(ctx);
      text = Forms.text(ctx, "text");
      base = ctx.formParam("base");
    }
    try {
      int entries = lists.save(workspace, access.role(ctx), access.actor(ctx), text, base);
      render(ctx, text, null, entries, SynonymLists.base(text), null);
    } catch (Refusal.Invalid e) {
      ctx.status(WebServer.status(e));
      // A file refused leaves its text in the form, to be mended there: that form then starts
      // from the list saved now.
      String from =
          base != null ? base : SynonymLists.base(lists.text(workspace, access.role(ctx)));
      render(ctx, text, e.getMessage(), null, from, null);
    } catch (SynonymLists.Conflict conflict) {
      // The person's text stays in the form; theirs is shown beside it, and saving again (from
      // theirs) replaces it knowingly.
      ctx.status(409);
      render(
          ctx,
          text,
          conflict.getMessage()
              + " Your text is kept below and theirs is shown under it: save again to replace"
              + " theirs.",
          null,
          SynonymLists.base(conflict.current),
          conflict.current);
    }
  }

  /** The list as a file, to keep or to edit elsewhere and upload again. */
  private void file(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    ctx.contentType("text/plain; charset=utf-8");
    ctx.header(
        "Content-Disposition", "attachment; filename=\"synonyms-" + workspace.slug() + ".txt\"");
    ctx.result(lists.text(workspace, access.role(ctx)));
  }

  private void apiRead(Context ctx) {
    String text = lists.text(access.workspace(ctx), access.role(ctx));
    ctx.json(new SynonymList(text, Synonyms.builtInText(), SynonymLists.base(text)));
  }

  private void apiSave(Context ctx) {
    JsonBody body = JsonBody.of(ctx, SynonymBody.class);
    if (!body.gives("text")) {
      // Leaving the list out (or sending null, as generated clients do) is not asking to empty
      // it ("" does that).
      throw Refusal.invalid("text", "Send the list as \"text\" (\"\" empties it).");
    }
    String text = body.text("text", "");
    try {
      ctx.json(
          new SynonymsSaved(
              lists.save(
                  access.workspace(ctx),
                  access.role(ctx),
                  access.actor(ctx),
                  text,
                  body.text("base", null))));
    } catch (SynonymLists.Conflict savedSince) {
      throw Refusal.conflict(
          "Someone else saved this list since you read it: read it again, with its new base.");
    }
  }

  /** The text of an uploaded synonyms file, or null when the text form was sent. */
  private static String uploaded(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      return null;
    }
    UploadedFile upload = ctx.uploadedFile("file");
    if (upload == null || upload.filename() == null || upload.filename().isBlank()) {
      // Only the file form is sent this way: read as the text form, its missing text emptied the
      // whole list.
      throw Refusal.badRequest("Choose the synonyms file to upload. The list is unchanged.");
    }
    try (InputStream in = upload.content()) {
      byte[] bytes = in.readNBytes(4 * Synonyms.MAX_CHARS + 1);
      if (bytes.length > 4 * Synonyms.MAX_CHARS) {
        throw Refusal.contentTooLarge(
            "This file is larger than a synonym list can be ("
                + Synonyms.MAX_CHARS
                + " characters).");
      }
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      // Notepad and Excel start UTF-8 files with a byte order mark, which glued itself to the
      // first entry ("\uFEFFndf") and made it match nothing.
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        throw Refusal.invalid(
            "synonyms",
            upload.filename()
                + " is empty: the list is left as it is (empty the box to clear it).");
      }
      return text;
    } catch (CharacterCodingException e) {
      throw Refusal.invalid(
          "synonyms",
          upload.filename() + " is not UTF-8 text: save it as UTF-8 and send it again.");
    } catch (IOException e) {
      throw Refusal.badRequest("The file could not be read; send it again.");
    }
  }
}
