package vademecum.workspace;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualCollection;
import vademecum.manual.ManualService;
import vademecum.manual.ShelfService;
import vademecum.web.Access;
import vademecum.web.Chrome;
import vademecum.web.Confirmation;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/**
 * Keeping a workspace's manuals tidy: archive and delete a manual, group manuals in collections and
 * put both in order. Archiving and deleting ask first ({@link Confirmation}).
 */
public final class ShelfRoutes implements WebServer.Routes {
  private final ShelfService shelf;
  private final ManualService manuals;
  private final Access access;
  private final Templates templates;
  private final WorkspaceRoutes pages;

  public ShelfRoutes(
      ShelfService shelf,
      ManualService manuals,
      Access access,
      Templates templates,
      WorkspaceRoutes pages) {
    this.shelf = shelf;
    this.manuals = manuals;
    this.access = access;
    this.templates = templates;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router.post("/w/{workspace}/m/{manual}/archive", Need.EDITOR, this::archive);
    router.post("/w/{workspace}/m/{manual}/unarchive", Need.EDITOR, this::unarchive);
    router.post("/w/{workspace}/m/{manual}/delete", Need.OWNER, this::delete);
    router.post("/w/{workspace}/m/{manual}/collection", Need.EDITOR, this::place);
    router.post("/w/{workspace}/m/{manual}/move", Need.EDITOR, this::moveManual);
    router.post("/w/{workspace}/collections", Need.EDITOR, this::createCollection);
    router.post(
        "/w/{workspace}/collections/{collection}/rename", Need.EDITOR, this::renameCollection);
    router.post("/w/{workspace}/collections/{collection}/move", Need.EDITOR, this::moveCollection);
    router.post(
        "/w/{workspace}/collections/{collection}/delete", Need.EDITOR, this::deleteCollection);
  }

  private void archive(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    String title = manuals.publishedOrLatest(manuals.require(workspace, slug)).title();
    Chrome c = access.chrome(ctx);
    String page = manualUrl(workspace, slug);
    if (!Confirmation.given(
        ctx, templates, c, c.t("confirm.archive", title), c.t("shelf.archive"), page)) {
      return;
    }
    shelf.archive(workspace, slug, access.actor(ctx));
    ctx.redirect(page, HttpStatus.SEE_OTHER);
  }

  private void unarchive(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    shelf.unarchive(workspace, slug, access.actor(ctx));
    ctx.redirect(manualUrl(workspace, slug), HttpStatus.SEE_OTHER);
  }

  private void delete(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    String title = manuals.publishedOrLatest(manuals.require(workspace, slug)).title();
    Chrome c = access.chrome(ctx);
    if (!Confirmation.given(
        ctx,
        templates,
        c,
        c.t("confirm.delete", title, ShelfService.RESTORABLE.toDays()),
        c.t("shelf.delete"),
        manualUrl(workspace, slug))) {
      return;
    }
    shelf.delete(workspace, slug, access.actor(ctx));
    ctx.redirect("/w/" + workspace.slug() + "?deleted=" + slug, HttpStatus.SEE_OTHER);
  }

  private void place(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String value = Forms.text(ctx, "collection").strip();
    Long collection = value.isEmpty() ? null : id(value);
    shelf.place(workspace, ctx.pathParam("manual"), collection, access.actor(ctx));
    organizing(ctx, workspace);
  }

  private void moveManual(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    shelf.move(workspace, ctx.pathParam("manual"), up(ctx));
    organizing(ctx, workspace);
  }

  private void createCollection(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String name = Forms.text(ctx, "name");
    try {
      shelf.createCollection(workspace, name, access.actor(ctx));
    } catch (Refusal.Invalid refused) {
      // The page comes back with the name as it was typed and why it was refused.
      pages.show(ctx, WebServer.status(refused), true, refused.getMessage(), name, null);
      return;
    }
    organizing(ctx, workspace);
  }

  private void renameCollection(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String name = Forms.text(ctx, "name");
    try {
      shelf.renameCollection(workspace, collectionId(ctx), name, access.actor(ctx));
    } catch (Refusal.Invalid refused) {
      pages.show(ctx, WebServer.status(refused), true, refused.getMessage(), null, null);
      return;
    }
    organizing(ctx, workspace);
  }

  private void moveCollection(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    shelf.moveCollection(workspace, collectionId(ctx), up(ctx));
    organizing(ctx, workspace);
  }

  private void deleteCollection(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    ManualCollection collection = shelf.collection(workspace, collectionId(ctx));
    Chrome c = access.chrome(ctx);
    if (!Confirmation.given(
        ctx,
        templates,
        c,
        c.t("confirm.deleteCollection", collection.name()),
        c.t("shelf.deleteCollection"),
        "/w/" + workspace.slug() + "?organize")) {
      return;
    }
    shelf.deleteCollection(workspace, collection.id(), access.actor(ctx));
    organizing(ctx, workspace);
  }

  private static void organizing(Context ctx, Workspace workspace) {
    ctx.redirect("/w/" + workspace.slug() + "?organize", HttpStatus.SEE_OTHER);
  }

  private static String manualUrl(Workspace workspace, String slug) {
    return "/w/" + workspace.slug() + "/m/" + slug;
  }

  private static boolean up(Context ctx) {
    return switch (Forms.text(ctx, "direction")) {
      case "up" -> true;
      case "down" -> false;
      default -> throw Refusal.badRequest("Move up or down.");
    };
  }

  private static long collectionId(Context ctx) {
    return id(ctx.pathParam("collection"));
  }

  private static long id(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no collection " + value + " here.");
    }
  }
}
