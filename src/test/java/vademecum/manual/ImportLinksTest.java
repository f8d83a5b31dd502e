package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
