package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.MarkdownRendererAccess;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Relative links between imported files lead to the imported manuals; the text keeps them. */
class ImportLinksTest {
  private static TestApp app;
  private static Workspace workspace;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    workspace = app.workspace("liens");
    var importer = app.app().services().importer();
    importer.importOne(
        workspace,
        "guides/accueil.md",
        ("# Accueil\n\nVoir [la facturation](../compta/factures.md#relance), [le voisin](voisin.md)"
                + " et [ailleurs](https://exemple.fr/page.md).\n")
            .getBytes(StandardCharsets.UTF_8),
        Optional.of("fr"),
        Actor.SYSTEM);
    importer.importOne(
        workspace,
        "compta/factures.md",
        "# Factures\n\n## Relance {#relance}\nJ+15.\n".getBytes(StandardCharsets.UTF_8),
        Optional.of("fr"),
        Actor.SYSTEM);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void a_relative_link_is_resolved_against_the_files_folder() {
    var from = new MarkdownRenderer.ImportedFrom("ws", "guides/intro/a.md");
    assertEquals(
        "/w/ws/source?path=guides%2Fb.md#step",
        MarkdownRendererAccess.target(from, "../b.md#step"));
    assertEquals(
        "/w/ws/source?path=guides%2Fintro%2Fc.md", MarkdownRendererAccess.target(from, "./c.md"));
    assertEquals(null, MarkdownRendererAccess.target(from, "../../../outside.md"));
    assertEquals(null, MarkdownRendererAccess.target(from, "https://example.org/x.md"));
    assertEquals(null, MarkdownRendererAccess.target(from, "/absolute.md"));
    assertEquals(null, MarkdownRendererAccess.target(from, "#anchor"));
    assertEquals(null, MarkdownRendererAccess.target(from, "picture.png"));
  }

  @Test
  void the_link_leads_to_the_imported_manual_at_its_procedure() {
    Browser reader = app.signedIn(workspace, Role.ASSISTANT);
    String page = reader.get("/w/liens/m/accueil").body();
    // The sanitiser writes "=" as an entity; browsers read it back as "=".
    assertTrue(
        page.contains("href=\"/w/liens/source?path&#61;compta%2Ffactures.md#relance\""), page);
    assertTrue(page.contains("href=\"https://exemple.fr/page.md\""), "other sites untouched");
    var redirect = reader.get("/w/liens/source?path=compta%2Ffactures.md");
    assertEquals(303, redirect.statusCode());
    assertEquals("/w/liens/m/factures", redirect.headers().firstValue("Location").orElseThrow());
    assertEquals(404, reader.get("/w/liens/source?path=guides%2Fvoisin.md").statusCode());
    // The stored text keeps the relative link, so an export gives it back unchanged.
    var manuals = app.app().services().manuals();
    assertTrue(
        manuals
            .latest(manuals.require(workspace, "accueil"))
            .markdown()
            .contains("(../compta/factures.md#relance)"));
  }

  @Test
  void an_archived_manual_answers_a_reader_as_one_never_imported() {
    app.app()
        .services()
        .importer()
        .importOne(
            workspace,
            "rh/plan.md",
            "# Plan social 2027\n\n## Calendrier\nEn mars.\n".getBytes(StandardCharsets.UTF_8),
            Optional.of("fr"),
            Actor.SYSTEM);
    app.app().services().shelf().archive(workspace, "plan-social-2027", Actor.SYSTEM);
    Browser reader = app.signedIn(workspace, Role.ASSISTANT);
    var archived = reader.get("/w/liens/source?path=rh%2Fplan.md");
    var never = reader.get("/w/liens/source?path=rh%2Fautre.md");
    assertEquals(404, archived.statusCode());
    assertFalse(archived.body().contains("plan-social-2027"), archived.body());
    assertEquals(
        message(never.body()).replace("rh/autre.md", "rh/plan.md"), message(archived.body()));
    var editor = app.signedIn(workspace, Role.EDITOR).get("/w/liens/source?path=rh%2Fplan.md");
    assertEquals(303, editor.statusCode(), "editors read archived manuals");
  }

  /** The error page's message: what differs between two refusals, beside their forms' tokens. */
  private static String message(String page) {
    int h1 = page.indexOf("</h1>");
    return page.substring(h1, page.indexOf("</p>", h1));
  }
}
