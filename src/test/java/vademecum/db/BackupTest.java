package vademecum.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import vademecum.cli.VademecumCommand;
import vademecum.file.StoredFile;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.manual.Draft;
import vademecum.search.SearchRequest;
import vademecum.search.Searcher;
import vademecum.testing.Browser;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;
import vademecum.testing.TestDatabase;
import vademecum.testing.TestImages;

/** backup → restore into a new instance → the same data, and the instance works. */
class BackupTest {

  private static int cli(String... args) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return VademecumCommand.commandLine().execute(args);
    } finally {
      System.setOut(original);
    }
  }

  private static Map<String, Long> counts(String url) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var statement = connection.createStatement();
        var tables =
            statement.executeQuery(
                "select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history' order by tablename")) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      for (String name : names) {
        try (var count =
            connection.createStatement().executeQuery("select count(*) from " + name)) {
          count.next();
          counts.put(name, count.getLong(1));
        }
      }
    }
    return counts;
  }

  @Test
  void a_backup_to_a_folder_that_does_not_exist_says_so_in_one_line() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          cli(
              "backup",
              "--out",
              Scratch.directory("backup-nowhere").resolve("missing/x.backup").toString(),
              "--data",
              Scratch.directory("backup-nowhere-data").toString(),
              "--database-url",
              TestDatabase.freshUrl() + "?user=postgres");
    } finally {
      System.setErr(original);
    }
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, said);
    assertTrue(said.contains("backup: no such file or folder: "), said);
    assertFalse(said.contains("\tat "), "no stack trace: " + said);
  }

  @Test
  void a_backup_restored_into_a_new_instance_gives_the_same_data_and_works() throws Exception {
    Path dataA = Scratch.directory("backup-a");
    String urlA = TestDatabase.freshUrl();
    Path file = Scratch.directory("backup-file").resolve("vademecum.backup");
    String email;
    String mapUrl;
    byte[] mapOriginal;
    byte[] mapDisplay;
    try (TestApp a = TestApp.start(dataA, urlA)) {
      var workspace = a.workspace("sauvegarde");
      Account assistant = a.account(workspace, Role.ASSISTANT);
      email = assistant.email();
      var manuals = a.app().services().manuals();
      manuals.create(
          workspace,
          new Draft(
              "Voyages",
              "fr",
              List.of("voyage"),
              "",
              "## Vols {#vols}\nMot pélican.\n",
              null,
              "",
              false,
              true),
          null,
          Actor.SYSTEM);
      var manual = manuals.require(workspace, "voyages");
      // A screenshot wide enough to have a display copy: both come back.
      var files = a.app().services().files();
      StoredFile map =
          files.upload(workspace, Actor.SYSTEM, "carte.png", TestImages.png(2000, 120));
      mapUrl = map.url("sauvegarde");
      mapOriginal = files.content(map, true).bytes();
      mapDisplay = files.content(map, false).bytes();
      manuals.save(
          workspace,
          "voyages",
          new Draft(
              "Voyages",
              "fr",
              List.of("voyage"),
              "",
              "## Vols {#vols}\nMot pélican, révisé.\n\n"
                  + map.markdown("sauvegarde", "Carte des albatros")
                  + "\n",
              manuals.latest(manual).number(),
              "",
              false,
              true),
          Actor.SYSTEM);
      long version =
          a.app()
              .services()
              .acks()
              .standingsInManual(assistant.id(), manual.id())
              .get("vols")
              .currentVersionId();
      a.app().services().acks().acknowledge(assistant.id(), workspace.id(), List.of(version));

      assertEquals(
          0,
          cli(
              "backup",
              "--out",
              file.toString(),
              "--data",
              dataA.toString(),
              "--database-url",
              urlA + "?user=postgres"));
    }
    assertTrue(Files.size(file) > 0);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
        "password hashes and webhook secrets: readable by the owner only");
    assertFalse(Files.exists(file.resolveSibling(file.getFileName() + ".partial")));

    // A copy cut short between two entries reads as a shorter zip: refused, nothing restored.
    Path cut = file.resolveSibling("cut.backup");
    try (var in = new ZipInputStream(Files.newInputStream(file));
        var out = new ZipOutputStream(Files.newOutputStream(cut))) {
      int tables = 0;
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().startsWith("tables/") && ++tables > 5) {
          break;
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        in.transferTo(out);
        out.closeEntry();
      }
    }
    String urlC = TestDatabase.freshUrl();
    Path dataC = Scratch.directory("backup-c");
    assertEquals(
        1,
        cli(
            "restore",
            cut.toString(),
            "--data",
            dataC.toString(),
            "--database-url",
            urlC + "?user=postgres"));
    assertEquals(0, counts(urlC).get("workspace"), "nothing restored");
    assertEquals(1, counts(urlC).get("account"), "only the seeded system account");

    Path dataB = Scratch.directory("backup-b");
    String urlB = TestDatabase.freshUrl();
    // A data directory kept while the database is new: its index was made from another
    // database, whose transaction ids and reindex requests mean nothing to this one.
    Path staleIndex = Files.createDirectories(dataB.resolve("index"));
    Files.writeString(staleIndex.resolve("write.lock"), "");
    assertEquals(
        0,
        cli(
            "restore",
            file.toString(),
            "--data",
            dataB.toString(),
            "--database-url",
            urlB + "?user=postgres"));
    Map<String, Long> before = new TreeMap<>(counts(urlA));
    Map<String, Long> after = new TreeMap<>(counts(urlB));
    assertTrue(before.get("search_change") > 0, "publishing wrote the search change log");
    // The change log names transactions of the other database: left empty, the index is rebuilt.
    assertEquals(0, after.remove("search_change"));
    before.remove("search_change");
    assertEquals(before, after, "every row of every other table");
    assertFalse(Files.exists(staleIndex), "the index of another database is dropped");
    assertEquals(
        1,
        cli(
            "restore",
            file.toString(),
            "--data",
            dataB.toString(),
            "--database-url",
            urlB + "?user=postgres"),
        "a second restore is refused: not empty");

    try (TestApp b = TestApp.start(dataB, urlB)) {
      Browser reader = b.browser();
      assertEquals(303, reader.login(email, TestApp.PASSWORD).statusCode(), "accounts came back");
      String page = reader.get("/w/sauvegarde/m/voyages").body();
      assertTrue(page.contains("Mot pélican, révisé."), page);
      assertTrue(
          page.contains("Lu (version 2)") || page.contains("version 1"), "acknowledgement kept");
      assertArrayEquals(mapDisplay, reader.getBytes(mapUrl).body(), "the screenshot came back");
      assertArrayEquals(mapOriginal, reader.getBytes(mapUrl + "?original").body());
      Searcher searcher = new Searcher(b.app().searchIndex());
      long deadline = System.nanoTime() + 20_000_000_000L;
      int found = 0;
      while (found == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        found =
            searcher
                .search(new SearchRequest("pélican", Set.of("sauvegarde"), null, null, null, 5, 0))
                .total();
      }
      assertEquals(1, found, "the index was rebuilt from the restored database");
      assertEquals(
          1,
          searcher
              .search(new SearchRequest("albatros", Set.of("sauvegarde"), null, null, null, 5, 0))
              .total(),
          "an image's alt text is searchable");
      // New rows continue after the restored ids.
      b.app()
          .services()
          .manuals()
          .create(
              b.workspace("sauvegarde"),
              new Draft("Nouveau", "fr", List.of(), "", "## A\nB\n", null, "", false, true),
              null,
              Actor.SYSTEM);
    }
  }
}
