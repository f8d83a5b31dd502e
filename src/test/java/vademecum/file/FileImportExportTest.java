package vademecum.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.STORED_FILE;
import static vademecum.testing.TestApp.form;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.manual.ManualExporter;
import vademecum.manual.ManualImporter;
import vademecum.testing.Browser;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;
import vademecum.testing.TestImages;

/**
 * Screenshots leave with an export (under {@code files/}, with relative links) and come back with
 * an import, from the browser or the command line: export, import, export gives the same bytes.
 */
class FileImportExportTest {
  private static final Pattern CONFIRM = Pattern.compile("action=\"(/w/[a-z-]+/import/[^\"]+)\"");
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static String text(Map<String, byte[]> entries, String path) {
    return new String(entries.get(path), StandardCharsets.UTF_8);
  }

  /** The export without its index (which names revision numbers, new in another workspace). */
  private static String latestText(Workspace ws, String slug) {
    var manuals = app.app().services().manuals();
    return manuals.latest(manuals.require(ws, slug)).markdown();
  }

  private static Map<String, byte[]> exported(Workspace workspace) throws IOException {
    Map<String, byte[]> entries =
        unzip(
            ManualExporter.zip(
                app.app().services().exporter().workspace(workspace, (d, t, p) -> {})));
    entries.remove("index.json");
    return entries;
  }

  private static void assertSameEntries(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
  }

  @Test
  void export_then_import_then_export_gives_the_same_bytes() throws Exception {
    Workspace from = app.workspace("depart");
    var files = app.app().services().files();
    StoredFile first = files.upload(from, Actor.SYSTEM, "capture.png", TestImages.png(40, 20));
    StoredFile second = files.upload(from, Actor.SYSTEM, "capture.png", TestImages.png(41, 20));
    StoredFile photo =
        files.upload(from, Actor.SYSTEM, "bureau.jpg", TestImages.jpegWithGps(30, 20));
    StoredFile list =
        files.upload(
            from,
            Actor.SYSTEM,
            "comptes.csv",
            "compte;solde\n512;10\n".getBytes(StandardCharsets.UTF_8));
    var manuals = app.app().services().manuals();
    manuals.create(
        from,
        new Draft(
            "Saisie",
            "fr",
            List.of(),
            "",
            "## Saisir {#saisir}\n"
                + first.markdown("depart", "Écran de saisie")
                + "\n\n"
                + list.markdown("depart", "La liste des comptes")
                + "\n\n## Photo {#photo}\n"
                + photo.markdown("depart", "Le bureau")
                + "\n",
            null,
            "",
            false,
            true),
        null,
        Actor.SYSTEM);
    manuals.create(
        from,
        new Draft(
            "Autre",
            "fr",
            List.of(),
            "",
            "## Voir {#voir}\n" + second.markdown("depart", "Autre écran") + "\n",
            null,
            "",
            false,
            true),
        null,
        Actor.SYSTEM);

    Map<String, byte[]> exported = exported(from);
    // Two files named capture.png: the first written keeps the name, the other has its hash first.
    String saisie = text(exported, "saisie.md");
    String autre = text(exported, "autre.md");
    Matcher firstLink = Pattern.compile("!\\[Écran de saisie]\\((files/[^)]+)\\)").matcher(saisie);
    Matcher secondLink = Pattern.compile("!\\[Autre écran]\\((files/[^)]+)\\)").matcher(autre);
    assertTrue(firstLink.find(), saisie);
    assertTrue(secondLink.find(), autre);
    assertArrayEquals(files.content(first, true).bytes(), exported.get(firstLink.group(1)));
    assertArrayEquals(files.content(second, true).bytes(), exported.get(secondLink.group(1)));
    assertTrue(
        Set.of(firstLink.group(1), secondLink.group(1)).contains("files/capture.png"),
        firstLink.group(1) + " " + secondLink.group(1));
    assertTrue(exported.containsKey("files/bureau.jpg"));
    assertTrue(saisie.contains("[La liste des comptes](files/comptes.csv)"), saisie);
    assertFalse(saisie.contains("/w/depart/"), saisie);
    assertFalse(saisie.contains("?size="), "an import measures the image again");

    // Back through the browser, as an archive.
    Workspace browserCopy = app.workspace("arrivee");
    Browser editor = app.signedIn(browserCopy, Role.EDITOR);
    editor.get("/w/arrivee/import");
    byte[] zip =
        ManualExporter.zip(app.app().services().exporter().workspace(from, (d, t, p) -> {}));
    HttpResponse<String> preview =
        editor.upload("/w/arrivee/import", "depart.zip", zip, Map.of("language", ""));
    Matcher confirm = CONFIRM.matcher(preview.body());
    assertTrue(confirm.find(), preview.body());
    HttpResponse<String> report = editor.post(confirm.group(1), form());
    assertTrue(report.body().contains("2 created"), report.body());
    assertFalse(report.body().contains("not in the import"), report.body());
    assertSameEntries(exported, exported(browserCopy));
    // Readers see the imported screenshots.
    Browser assistant = app.signedIn(browserCopy, Role.ASSISTANT);
    String page = assistant.get("/w/arrivee/m/saisie").body();
    Matcher image = Pattern.compile("<img src=\"(/w/arrivee/files/[^\"?]+)").matcher(page);
    assertTrue(image.find(), page);
    assertArrayEquals(exported.get(firstLink.group(1)), assistant.getBytes(image.group(1)).body());

    // And through the command line's folder import.
    Path folder = Scratch.directory("export");
    ManualExporter.write(folder, app.app().services().exporter().workspace(from, (d, t, p) -> {}));
    Workspace cliCopy = app.workspace("ligne");
    var outcomes =
        app.app()
            .services()
            .importer()
            .importAll(
                cliCopy,
                Optional.empty(),
                ManualImporter.collect(List.of(folder)),
                Actor.SYSTEM,
                (d, t, o) -> {});
    outcomes.forEach(o -> assertEquals("", o.message(), o.toString()));
    assertSameEntries(exported, exported(cliCopy));
  }

  @Test
  void a_file_named_like_another_files_second_choice_is_still_exported() throws Exception {
    Workspace ws = app.workspace("homonymes");
    var files = app.app().services().files();
    StoredFile a = files.upload(ws, Actor.SYSTEM, "x.png", TestImages.png(40, 21));
    StoredFile b = files.upload(ws, Actor.SYSTEM, "x.png", TestImages.png(41, 21));
    StoredFile c =
        files.upload(
            ws, Actor.SYSTEM, b.sha256().substring(0, 8) + "-x.png", TestImages.png(42, 21));
    app.publish(
        ws,
        "Homonymes",
        "fr",
        "## Un {#un}\n"
            + c.markdown("homonymes", "C")
            + "\n\n"
            + a.markdown("homonymes", "A")
            + "\n\n"
            + b.markdown("homonymes", "B")
            + "\n");
    // Downloaded as a person does: the archive is written to the answer as it is made.
    var download = app.signedIn(ws, Role.EDITOR).getBytes("/w/homonymes/export.zip");
    assertEquals(200, download.statusCode());
    Map<String, byte[]> exported = unzip(download.body());
    String text = text(exported, "homonymes.md");
    for (var file : List.of(a, b, c)) {
      String label = file == a ? "A" : file == b ? "B" : "C";
      Matcher link = Pattern.compile("!\\[" + label + "]\\((files/[^)]+)\\)").matcher(text);
      assertTrue(link.find(), text);
      assertArrayEquals(files.content(file, true).bytes(), exported.get(link.group(1)), label);
    }
  }

  /** A copied image address, with this server's host in front, is exported relative too. */
  @Test
  void an_absolute_address_of_the_workspace_s_own_file_is_exported_relative() throws Exception {
    Workspace ws = app.workspace("absolus");
    StoredFile shot =
        app.app().services().files().upload(ws, Actor.SYSTEM, "shot.png", TestImages.png(30, 20));
    String relative = shot.markdown("absolus", "Écran");
    String absolute = relative.replace("](/w/", "](https://vademecum.example/w/");
    assertTrue(absolute.contains("https://vademecum.example/w/absolus/files/"), absolute);
    app.publish(ws, "Absolus", "fr", "## Un {#un}\n" + absolute + "\n");
    String text = text(exported(ws), "absolus.md");
    assertTrue(text.contains("![Écran](files/shot.png)"), text);
    assertFalse(text.contains("vademecum.example"), text);
  }

  @Test
  void a_workspaces_own_export_imported_again_changes_nothing() throws Exception {
    Workspace ws = app.workspace("retour");
    app.publish(ws, "Écrit ici", "fr", "## Étape\nTexte.\n");
    // Saved without a last line end (an API client, a pasted text): the export adds one.
    app.publish(ws, "Sans fin", "fr", "## Étape\nTexte sans fin de ligne.");
    Browser editor = app.signedIn(ws, Role.EDITOR);
    byte[] archive = editor.getBytes("/w/retour/export.zip").body();
    editor.get("/w/retour/import");
    String preview =
        editor.upload("/w/retour/import", "retour.zip", archive, Map.of("language", "")).body();
    assertTrue(preview.contains("unchanged"), preview);
    assertFalse(preview.contains("will be created"), preview);
    Matcher confirm = CONFIRM.matcher(preview);
    assertTrue(confirm.find(), preview);
    assertFalse(preview.contains("will be updated"), preview);
    String report = editor.post(confirm.group(1), form()).body();
    assertTrue(report.contains("0 created, 0 updated, 2 unchanged"), report);
    var manuals = app.app().services().manuals();
    assertEquals(2, manuals.list(ws, Role.OWNER).size());
    assertEquals(1, manuals.latest(manuals.require(ws, "sans-fin")).number(), "no new revision");
  }

  @Test
  void bytes_kept_under_another_name_are_exported_under_the_name_the_text_links() throws Exception {
    Workspace ws = app.workspace("renomme");
    var files = app.app().services().files();
    byte[] png = TestImages.png(42, 22);
    files.upload(ws, Actor.SYSTEM, "iban-alice.png", png); // first, from a private question
    StoredFile step = files.upload(ws, Actor.SYSTEM, "etape-3.png", png);
    app.publish(
        ws, "Virement", "fr", "## Virer {#virer}\n" + step.markdown("renomme", "Écran") + "\n");

    Browser editor = app.signedIn(ws, Role.EDITOR);
    byte[] archive = editor.getBytes("/w/renomme/export.zip").body();
    Map<String, byte[]> exported = unzip(archive);
    assertTrue(exported.containsKey("files/etape-3.png"), exported.keySet()::toString);
    assertFalse(exported.keySet().toString().contains("iban"), exported.keySet()::toString);
    editor.get("/w/renomme/import");
    String preview =
        editor.upload("/w/renomme/import", "renomme.zip", archive, Map.of("language", "")).body();
    assertTrue(preview.contains("unchanged"), preview);
    assertFalse(preview.contains("will be updated"), preview);
  }

  @Test
  void a_manual_imported_from_a_hidden_folder_is_exported_where_an_import_reads_it()
      throws Exception {
    // Imports skip hidden folders (tool caches, version control); the command line once read
    // them, so such a manual may exist. Its export was skipped when imported again: it was lost.
    Workspace from = app.workspace("cache");
    Path folder = Scratch.directory("depot");
    Files.createDirectories(folder.resolve(".github"));
    Files.createDirectories(folder.resolve("docs"));
    Files.writeString(folder.resolve(".github/contribuer.md"), "## Caché\nA.\n");
    Files.writeString(folder.resolve("docs/guide.md"), "## Visible\nB.\n");
    assertEquals(
        List.of("docs/guide.md"),
        ManualImporter.collect(List.of(folder)).stream()
            .map(ManualImporter.Source::sourcePath)
            .toList());
    app.publish(from, "Contribuer", "fr", "# Contribuer\n\n## Ouvrir une demande\nTexte.\n");
    app.app()
        .services()
        .database()
        .dsl()
        .update(MANUAL)
        .set(MANUAL.SOURCE_PATH, ".github/contribuer.md")
        .where(MANUAL.WORKSPACE_ID.eq(from.id()))
        .execute();

    Browser editor = app.signedIn(from, Role.EDITOR);
    byte[] archive = editor.getBytes("/w/cache/export.zip").body();
    assertTrue(unzip(archive).containsKey("contribuer.md"), unzip(archive).keySet()::toString);
    editor.get("/w/cache/import");
    String same =
        editor.upload("/w/cache/import", "cache.zip", archive, Map.of("language", "")).body();
    assertTrue(same.contains("unchanged") && !same.contains("will be created"), same);

    Workspace to = app.workspace("cache-copie");
    Browser other = app.signedIn(to, Role.EDITOR);
    other.get("/w/cache-copie/import");
    String elsewhere =
        other.upload("/w/cache-copie/import", "cache.zip", archive, Map.of("language", "")).body();
    Matcher confirm = CONFIRM.matcher(elsewhere);
    assertTrue(confirm.find(), elsewhere);
    assertTrue(other.post(confirm.group(1), form()).body().contains("1 created"), elsewhere);
    assertEquals(
        "contribuer.md", app.app().services().manuals().require(to, "contribuer").sourcePath());
  }

  @Test
  void an_export_imported_elsewhere_keeps_text_that_an_import_from_another_generator_cleans()
      throws Exception {
    Workspace from = app.workspace("boutique");
    String text =
        "# Thème de la boutique\n\n"
            + "## Afficher le prix {#prix}\n\n"
            + "Ajouter {% render 'prix' %} dans le modèle produit.\n"
            + "<!-- à vérifier avec la cliente -->\n\n"
            + "    {{ product.price | money }}\n";
    app.publish(from, "Thème de la boutique", "fr", text);
    byte[] archive = app.signedIn(from, Role.EDITOR).getBytes("/w/boutique/export.zip").body();

    Workspace to = app.workspace("boutique-copie");
    Browser editor = app.signedIn(to, Role.EDITOR);
    editor.get("/w/boutique-copie/import");
    String preview =
        editor
            .upload("/w/boutique-copie/import", "boutique.zip", archive, Map.of("language", ""))
            .body();
    Matcher confirm = CONFIRM.matcher(preview);
    assertTrue(confirm.find(), preview);
    assertTrue(editor.post(confirm.group(1), form()).body().contains("1 created"));
    var manuals = app.app().services().manuals();
    String copied = manuals.latest(manuals.require(to, "theme-de-la-boutique")).markdown();
    String original = manuals.latest(manuals.require(from, "theme-de-la-boutique")).markdown();
    assertTrue(original.contains("{% render 'prix' %}") && original.contains("<!--"), original);
    assertEquals(original, copied);
  }

  @Test
  void a_manual_with_a_newer_draft_exports_its_published_text_and_the_draft_beside_it()
      throws Exception {
    Workspace from = app.workspace("brouillon");
    app.publish(from, "Congés", "fr", "## Poser un congé {#poser}\nDans le tableau, publié.\n");
    var manuals = app.app().services().manuals();
    manuals.save(
        from,
        "conges",
        new Draft(
            "Congés",
            "fr",
            List.of(),
            "",
            "## Poser un congé {#poser}\nBrouillon en cours.\n",
            1,
            "",
            false,
            false),
        Actor.SYSTEM);
    Browser editor = app.signedIn(from, Role.EDITOR);
    byte[] archive = editor.getBytes("/w/brouillon/export.zip").body();
    Map<String, byte[]> exported = unzip(archive);
    String main = text(exported, "conges.md");
    assertTrue(main.contains("publié") && !main.contains("status:"), main);
    String draft = text(exported, "conges.draft.txt");
    assertTrue(draft.contains("Brouillon en cours.") && draft.contains("status: draft"), draft);

    // Imported elsewhere: published, as readers had it.
    Workspace to = app.workspace("brouillon-ailleurs");
    Browser other = app.signedIn(to, Role.EDITOR);
    other.get("/w/brouillon-ailleurs/import");
    String preview =
        other
            .upload("/w/brouillon-ailleurs/import", "b.zip", archive, Map.of("language", ""))
            .body();
    Matcher confirm = CONFIRM.matcher(preview);
    assertTrue(confirm.find(), preview);
    assertTrue(other.post(confirm.group(1), form()).body().contains("1 created"));
    String read = app.signedIn(to, Role.ASSISTANT).get("/w/brouillon-ailleurs/m/conges").body();
    assertTrue(read.contains("publié"), "assistants read it: " + read);

    // Imported again where it came from: unchanged, the draft still the latest.
    editor.get("/w/brouillon/import");
    String again =
        editor.upload("/w/brouillon/import", "b.zip", archive, Map.of("language", "")).body();
    assertTrue(again.contains("unchanged") && !again.contains("will be updated"), again);
    Matcher second = CONFIRM.matcher(again);
    assertTrue(second.find());
    editor.post(second.group(1), form());
    assertEquals(2, manuals.latest(manuals.require(from, "conges")).number());
  }

  @Test
  void the_history_carries_the_files_of_every_revision() throws Exception {
    Workspace ws = app.workspace("histoire");
    var files = app.app().services().files();
    StoredFile old = files.upload(ws, Actor.SYSTEM, "ancien.png", TestImages.png(25, 20));
    StoredFile now = files.upload(ws, Actor.SYSTEM, "nouveau.png", TestImages.png(26, 20));
    var manuals = app.app().services().manuals();
    manuals.create(
        ws,
        new Draft(
            "Suivi",
            "fr",
            List.of(),
            "",
            "## A\n" + old.markdown("histoire", "v1") + "\n",
            null,
            "",
            false,
            true),
        null,
        Actor.SYSTEM);
    manuals.save(
        ws,
        "suivi",
        new Draft(
            "Suivi",
            "fr",
            List.of(),
            "",
            "## A\n" + now.markdown("histoire", "v2") + "\n",
            1,
            "",
            false,
            true),
        Actor.SYSTEM);
    Map<String, byte[]> history =
        unzip(ManualExporter.zip(app.app().services().exporter().history(ws, "suivi")));
    assertTrue(text(history, "suivi/revision-0001.md").contains("](../files/ancien.png)"));
    assertTrue(text(history, "suivi/revision-0002.md").contains("](../files/nouveau.png)"));
    assertArrayEquals(files.content(old, true).bytes(), history.get("files/ancien.png"));
    // The old revision keeps its old screenshot; restoring it shows it to readers again.
    Browser editor = app.signedIn(ws, Role.EDITOR);
    Browser assistant = app.signedIn(ws, Role.ASSISTANT);
    assertEquals(200, editor.getBytes(old.url("histoire")).statusCode());
    assertEquals(404, assistant.getBytes(old.url("histoire")).statusCode(), "not published now");
    editor.get("/w/histoire/m/suivi/history");
    assertEquals(
        303,
        editor
            .post(
                "/w/histoire/m/suivi/restore",
                form("number", "1", "base", "2", "publish", "true", "confirm", "yes"))
            .statusCode());
    assertEquals(200, assistant.getBytes(old.url("histoire")).statusCode());
  }

  @Test
  void a_folder_import_never_follows_a_symbolic_link_out_of_the_folder() throws Exception {
    // A client's folder with links to the server's own files: neither a linked manual nor a
    // screenshot reached through a linked folder may end up readable in the workspace.
    Path outside = Scratch.directory("outside");
    Files.writeString(outside.resolve("secret.md"), "# Secret\n\n## Clé\nmot-de-passe-serveur\n");
    Files.write(outside.resolve("shot.png"), TestImages.png(20, 20));
    Path folder = Scratch.directory("linked");
    Files.writeString(
        folder.resolve("guide.md"),
        "# Guide\n\n## Étape\n![Écran](img/shot.png)\n\n![Local](local.png)\n");
    Files.write(folder.resolve("local.png"), TestImages.png(10, 10));
    Files.createSymbolicLink(folder.resolve("img"), outside);
    Files.createSymbolicLink(folder.resolve("stolen.md"), outside.resolve("secret.md"));
    // A link within the folder (git-annex makes every file one) is read like a file.
    Files.createDirectories(folder.resolve(".annex"));
    Files.writeString(folder.resolve(".annex/objet"), "# Annexe\n\n## Étape\nTexte.\n");
    Files.createSymbolicLink(folder.resolve("annexe.md"), Path.of(".annex/objet"));
    Workspace ws = app.workspace("symlinks");
    var outcomes =
        app.app()
            .services()
            .importer()
            .importAll(
                ws,
                Optional.empty(),
                ManualImporter.collect(List.of(folder)),
                Actor.SYSTEM,
                (d, t, o) -> {});
    Map<String, ManualImporter.Outcome> bySource = new TreeMap<>();
    outcomes.forEach(o -> bySource.put(o.sourcePath(), o));
    assertEquals(Set.of("annexe.md", "guide.md", "stolen.md"), bySource.keySet());
    assertEquals(ManualImporter.Status.FAILED, bySource.get("stolen.md").status());
    assertTrue(bySource.get("stolen.md").message().contains("outside the folder"));
    assertEquals(ManualImporter.Status.CREATED, bySource.get("annexe.md").status());
    String text = latestText(ws, "guide");
    assertTrue(text.contains("![Écran](img/shot.png)"), "the link is kept as written: " + text);
    assertTrue(
        text.matches("(?s).*!\\[Local]\\(/w/symlinks/files/[0-9a-f]{64}/local\\.png.*"), text);
  }

  @Test
  void a_missing_or_refused_file_is_named_with_its_line_and_the_rest_is_imported()
      throws Exception {
    Workspace ws = app.workspace("manques");
    Browser editor = app.signedIn(ws, Role.EDITOR);
    byte[] zip =
        zip(
            Map.of(
                "guide/guide.md",
                "# Guide\n\n## Étape\n![Écran](../images/present.png)\n\n![Absent](../images/absent.png)\n\n![Logo](logo.svg)\n"
                    .getBytes(StandardCharsets.UTF_8),
                "images/present.png",
                TestImages.png(30, 30),
                "guide/logo.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                    .getBytes(StandardCharsets.UTF_8)));
    editor.get("/w/manques/import");
    HttpResponse<String> preview =
        editor.upload("/w/manques/import", "guide.zip", zip, Map.of("language", ""));
    String body = preview.body();
    assertTrue(
        body.contains(
            "../images/absent.png (line 6) is not in the import: its link is kept as written."),
        body);
    assertTrue(body.contains("logo.svg (line 8) was not kept:"), body);
    assertTrue(body.contains("This type of file is not accepted."), body);
    Matcher confirm = CONFIRM.matcher(body);
    assertTrue(confirm.find(), body);
    String report = editor.post(confirm.group(1), form()).body();
    assertTrue(report.contains("1 created"), report);
    assertTrue(report.contains("../images/absent.png (line 6)"), "named again in the report");
    String text = latestText(ws, "guide");
    assertTrue(
        text.matches(
            "(?s).*!\\[Écran]\\(/w/manques/files/[0-9a-f]{64}/present\\.png\\?size=30x30\\).*"),
        text);
    assertTrue(text.contains("![Absent](../images/absent.png)"), text);
  }

  @Test
  void links_are_rewritten_where_the_parser_found_them_and_a_long_list_of_missing_files_is_cut()
      throws Exception {
    Workspace ws = app.workspace("liens");
    Browser editor = app.signedIn(ws, Role.EDITOR);
    StringBuilder text =
        new StringBuilder(
            "# Liens\n\n## Étape\n![A](img/a.png) ![B](img/a.png?v=2) [ref][r]\n\n"
                + "`![code](img/a.png)`\n\n```\n![bloc](img/a.png)\n```\n\n[r]: img/a.png\n\n");
    for (int i = 0; i < 30; i++) {
      text.append("![absent](img/absent").append(i).append(".png)\n");
    }
    byte[] zip =
        zip(
            Map.of(
                "liens.md",
                text.toString().getBytes(StandardCharsets.UTF_8),
                "img/a.png",
                TestImages.png(30, 30)));
    editor.get("/w/liens/import");
    String body = editor.upload("/w/liens/import", "liens.zip", zip, Map.of("language", "")).body();
    assertTrue(body.contains("img/absent19.png (line"), body);
    assertFalse(body.contains("img/absent20.png (line"), body);
    assertTrue(body.contains("and 10 more links to files."), body);
    Matcher confirm = CONFIRM.matcher(body);
    assertTrue(confirm.find(), body);
    editor.post(confirm.group(1), form());
    String kept = latestText(ws, "liens");
    String address = "/w/liens/files/[0-9a-f]{64}/a\\.png\\?size=30x30";
    assertTrue(
        kept.matches("(?s).*!\\[A]\\(" + address + "\\) !\\[B]\\(" + address + "\\).*"), kept);
    assertTrue(kept.matches("(?s).*\\[r]: " + address + "\n.*"), kept);
    // Examples in code are text, not links.
    assertTrue(kept.contains("`![code](img/a.png)`"), kept);
    assertTrue(kept.contains("```\n![bloc](img/a.png)\n```"), kept);
    assertEquals(
        1,
        app.app()
            .services()
            .database()
            .dsl()
            .fetchCount(STORED_FILE, STORED_FILE.WORKSPACE_ID.eq(ws.id())),
        "one file, however linked");
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var entry : new TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
