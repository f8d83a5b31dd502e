package vademecum.manual;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.Translations;
import vademecum.web.WebServer;

/** Importing Markdown from the browser: upload, preview, confirm, report. */
public final class ImportRoutes implements WebServer.Routes {
  private final UploadImports imports;
  private final Access access;
  private final Templates templates;
  private final String uploadLimit;

  public ImportRoutes(
      UploadImports imports, Access access, Templates templates, String uploadLimit) {
    this.imports = imports;
    this.access = access;
    this.templates = templates;
    this.uploadLimit = uploadLimit;
  }

  @Override
  public void register(Router router) {
    router.get(
        "/w/{workspace}/import",
        Need.EDITOR,
        ctx -> show(ctx, 200, null, List.of(), null, false, null));
    router.post("/w/{workspace}/import", Need.EDITOR, this::preview);
    router.post("/w/{workspace}/import/{upload}", Need.EDITOR, this::confirm);
  }

  private void preview(Context ctx) {
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null || file.filename() == null || file.filename().isBlank()) {
      show(
          ctx,
          400,
          null,
          List.of(),
          null,
          false,
          "Choose a .md file or a .zip archive of .md files.");
      return;
    }
    String language = ctx.formParam("language");
    Optional<String> forced =
        "fr".equals(language) || "en".equals(language) ? Optional.of(language) : Optional.empty();
    byte[] content;
    try (var in = file.content()) {
      content = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    UploadImports.Preview preview;
    try {
      preview =
          imports.preview(
              access.workspace(ctx), access.account(ctx).id(), file.filename(), content, forced);
    } catch (Refusal refusal) {
      show(
          ctx,
          WebServer.status(refusal),
          file.filename(),
          List.of(),
          null,
          false,
          refusal.getMessage());
      return;
    }
    List<ImportPage.Row> rows =
        preview.plans().stream()
            .map(p -> new ImportPage.Row(p.sourcePath(), p.status(), p.message(), p.slug()))
            .toList();
    show(ctx, 200, preview.fileName(), rows, preview.token(), false, null);
  }

  private void confirm(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    List<ImportPage.Row> rows =
        imports.confirm(workspace, access.actor(ctx), ctx.pathParam("upload")).stream()
            .map(o -> new ImportPage.Row(o.sourcePath(), o.status(), o.message(), o.manualSlug()))
            .toList();
    show(ctx, 200, null, rows, null, true, null);
  }

  private void show(
      Context ctx,
      int status,
      String fileName,
      List<ImportPage.Row> rows,
      String token,
      boolean done,
      String error) {
    templates.render(
        ctx,
        status,
        "manual/import.jte",
        new ImportPage(
            access.chrome(ctx),
            access.workspace(ctx),
            fileName,
            rows,
            token,
            done,
            error,
            Translations.size(access.chrome(ctx).lang(), uploadLimit)));
  }
}
