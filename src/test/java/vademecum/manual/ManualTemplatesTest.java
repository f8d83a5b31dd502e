package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** The starting points of "New manual": real Markdown that publishes as real procedures. */
class ManualTemplatesTest {
  private static TestApp app;
  private static Workspace workspace;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    workspace = app.workspace("modeles");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void every_template_publishes_as_procedures_with_their_own_keys() {
    for (ManualTemplates.Entry entry : ManualTemplates.all()) {
      ManualTemplates.Starter starter = ManualTemplates.load(entry.name()).orElseThrow();
      ManualService.Saved saved =
          app.app()
              .services()
              .manuals()
              .create(
                  workspace,
                  new Draft(
                      starter.title(),
                      starter.language(),
                      List.of(),
                      "",
                      starter.markdown(),
                      null,
                      "",
                      false,
                      true),
                  null,
                  Actor.SYSTEM);
      int procedures = saved.revision().procedureCount();
      if (entry.name().startsWith("assistant-manual")) {
        assertEquals(7, procedures, entry.name());
      } else {
        assertEquals(1, procedures, entry.name());
      }
    }
    ManualView french =
        app.app()
            .services()
            .manuals()
            .view(workspace, "manuel-de-mon-assistant", Role.EDITOR, null);
    List<String> keys = french.procedures().stream().map(p -> p.key()).toList();
    assertEquals(
        List.of(
            "regles-generales",
            "emails",
            "agenda",
            "deplacements",
            "comptabilite",
            "reseaux-sociaux",
            "contacts"),
        keys);
  }

  @Test
  void new_manual_offers_the_templates_and_fills_the_editor_with_one() {
    Browser editor = app.signedIn(workspace, Role.EDITOR);
    String empty = editor.get("/w/modeles/new").body();
    for (ManualTemplates.Entry entry : ManualTemplates.all()) {
      assertTrue(empty.contains("?template=" + entry.name()), entry.name());
    }
    String filled = editor.get("/w/modeles/new?template=procedure-en").body();
    assertTrue(filled.contains("### Who to ask"), filled);
    assertTrue(filled.contains("value=\"New procedure\""));
    assertTrue(filled.contains("<option value=\"en\" selected"), filled);
    assertEquals(404, editor.get("/w/modeles/new?template=../../etc/passwd").statusCode());
  }
}
