package vademecum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vademecum.cli.VademecumCommand;
import vademecum.config.Config;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.manual.Draft;
import vademecum.manual.SampleManuals;
import vademecum.testing.Scratch;
import vademecum.testing.TestSettings;

/** The embedded default: data in the data directory survives a restart; samples load once. */
class RestartTest {

  @Test
  void data_survives_a_restart_and_samples_are_loaded_once() throws Exception {
    Path data = Scratch.directory("vademecum-restart");
    var settings = TestSettings.of(data, null);
    settings.put("VADEMECUM_SAMPLES", "true");
    Config config = TestSettings.config(settings);

    int samples;
    try (App app = App.start(config)) {
      var services = app.services();
      var workspace = services.workspaces().findBySlug(SampleManuals.WORKSPACE_SLUG).orElseThrow();
      samples = services.manuals().list(workspace, Role.OWNER).size();
      assertTrue(samples >= 4, "sample manuals loaded: " + samples);
      services
          .manuals()
          .create(
              workspace,
              new Draft(
                  "Après redémarrage",
                  "fr",
                  List.of(),
                  "",
                  "## Étape\nTexte.\n",
                  null,
                  "",
                  false,
                  true),
              null,
              Actor.SYSTEM);

      String listed =
          runCli("list", "--data", data.toString(), "--workspace", SampleManuals.WORKSPACE_SLUG);
      assertTrue(
          listed.contains("apres-redemarrage\tAprès redémarrage\tfr\t1\t1\t1\t-"),
          "list attaches to the running database: " + listed);
    }

    try (App app = App.start(config)) {
      var services = app.services();
      var workspace = services.workspaces().findBySlug(SampleManuals.WORKSPACE_SLUG).orElseThrow();
      var manuals = services.manuals().list(workspace, Role.OWNER);
      assertEquals(samples + 1, manuals.size(), "nothing lost, no sample loaded twice");
      assertTrue(manuals.stream().anyMatch(m -> m.title().equals("Après redémarrage")));
    }

    String listed = runCli("list", "--data", data.toString());
    assertTrue(
        listed.startsWith(SampleManuals.WORKSPACE_SLUG + "\t"),
        "list starts its own database when none runs: " + listed);
  }

  private static String runCli(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = VademecumCommand.commandLine().execute(args);
      assertEquals(0, code);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
