package vademecum.manual;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** Manuals out: Markdown, archives of a workspace or of a manual's history, a page to print. */
public final class ExportRoutes implements WebServer.Routes {
  private final ManualService manuals;
  private final ManualExporter exporter;
  private final Access access;
  private final Templates templates;

  public ExportRoutes(
      ManualService manuals, ManualExporter exporter, Access access, Templates templates) {
    this.manuals = manuals;
    this.exporter = exporter;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/m/{manual}/export.md", Need.EDITOR, this::markdown);
    router.get("/w/{workspace}/m/{manual}/history.zip", Need.EDITOR, this::history);
    router.get("/w/{workspace}/export.zip", Need.EDITOR, this::workspace);
    router.get("/w/{workspace}/m/{manual}/print", Need.MEMBER, this::print);
  }

  private void markdown(Context ctx) {
    Manual manual = manuals.require(access.workspace(ctx), ctx.pathParam("manual"));
    // The text readers see, unless the draft is asked for (?draft).
    Revision revision =
        ctx.queryParam("draft") != null
            ? manuals.latest(manual)
            : manuals.publishedOrLatest(manual);
    String name = manual.slug() + ".md";
    String text = exporter.markdown(manual, revision, name);
    download(ctx, name, "text/markdown; charset=utf-8");
    ctx.result(text.getBytes(StandardCharsets.UTF_8));
  }

  private void history(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    var files = exporter.history(workspace, slug);
    download(ctx, slug + "-history.zip", "application/zip");
    stream(ctx, files);
  }

  private void workspace(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    var files = exporter.workspace(workspace, (done, total, path) -> {});
    download(ctx, workspace.slug() + ".zip", "application/zip");
    stream(ctx, files);
  }

  /** The manual alone on a page made for printing (the browser saves it as PDF). */
  private void print(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    ManualView view = manuals.view(workspace, ctx.pathParam("manual"), access.role(ctx), null);
    templates.render(ctx, "manual/print.jte", new PrintPage(access.chrome(ctx), view));
  }

  /**
   * The archive goes out as it is written. What could be refused was checked before the first byte;
   * a failure after it (the database gone) cuts the download, and the browser says so.
   */
  private static void stream(Context ctx, List<ManualExporter.ExportedFile> files) {
    try {
      ManualExporter.zip(files, ctx.outputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Slugs are [a-z0-9-], so the file name needs no quoting beyond the quotes. */
  private static void download(Context ctx, String fileName, String contentType) {
    ctx.contentType(contentType);
    ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    ctx.header("Cache-Control", "private, no-store");
  }
}
