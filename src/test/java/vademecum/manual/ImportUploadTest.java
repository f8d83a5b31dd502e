package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.testing.TestApp.form;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.testing.Archives;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Importing from the browser: preview, confirm, report, and archives that are refused. */
class ImportUploadTest {
  private static final Pattern CONFIRM = Pattern.compile("action=\"(/w/import-ws/import/[^\"]+)\"");
  private static TestApp app;
  private static Workspace workspace;
  private static Browser editor;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    workspace = app.workspace("import-ws");
    editor = app.signedIn(workspace, Role.EDITOR);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static byte[] zip(Map<String, byte[]> entries) {
    return Archives.zip(entries);
  }

  /** An archive of these entries, each {@code megabytes} of zeros (a few kilobytes compressed). */
  private static byte[] zeros(List<String> names, int megabytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      byte[] zeros = new byte[1024 * 1024];
      for (String name : names) {
        zip.putNextEntry(new ZipEntry(name));
        for (int i = 0; i < megabytes; i++) {
          zip.write(zeros);
        }
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> upload(String name, byte[] content) {
    editor.get("/w/import-ws/import");
    return editor.upload("/w/import-ws/import", name, content, Map.of("language", ""));
  }

  private static int manuals() {
    return app.app().services().manuals().list(workspace, Role.OWNER).size();
  }

  @Test
  void a_folder_is_previewed_then_imported_with_a_report_per_file() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "handbook/travel.md",
        utf8("---\ntitle: Travel\nlanguage: en\n---\n## Trains\nBook early.\n"));
    files.put("handbook/sub/mail.md", utf8("# Courriels\n\n## Trier\nChaque matin.\n"));
    byte[] broken = utf8("## Titre\nligne deux \u00e9\n");
    broken[broken.length - 3] = (byte) 0xC3; // a lone lead byte: not UTF-8
    broken[broken.length - 2] = (byte) 0x28;
    files.put("handbook/broken.md", broken);
    files.put("handbook/picture.png", new byte[] {1, 2, 3});
    files.put("__MACOSX/handbook/._travel.md", new byte[] {0});
    int before = manuals();

    HttpResponse<String> preview = upload("handbook.zip", zip(files));
    assertEquals(200, preview.statusCode(), preview.body());
    assertTrue(preview.body().contains("will be created"));
    assertTrue(preview.body().contains("not valid UTF-8 text (line 2)"), preview.body());
    assertFalse(preview.body().contains("picture.png"), "only Markdown is imported");
    assertEquals(before, manuals(), "a preview saves nothing");

    Matcher confirm = CONFIRM.matcher(preview.body());
    assertTrue(confirm.find(), preview.body());
    HttpResponse<String> report = editor.post(confirm.group(1), form());
    assertEquals(200, report.statusCode(), report.body());
    assertTrue(
        report.body().contains("2 created, 0 updated, 0 unchanged, 1 failed."), report.body());
    assertEquals(before + 2, manuals());
    assertEquals(404, editor.post(confirm.group(1), form()).statusCode(), "imported once");

    // The same folder again, one file changed: updated, unchanged, still refused.
    files.put(
        "handbook/travel.md",
        utf8("---\ntitle: Travel\nlanguage: en\n---\n## Trains\nBook two weeks early.\n"));
    HttpResponse<String> again = upload("handbook.zip", zip(files));
    assertTrue(again.body().contains("will be updated"), again.body());
    assertTrue(again.body().contains("unchanged"));
    Matcher second = CONFIRM.matcher(again.body());
    assertTrue(second.find());
    assertTrue(
        editor
            .post(second.group(1), form())
            .body()
            .contains("0 created, 1 updated, 1 unchanged, 1 failed."));
    assertEquals(before + 2, manuals(), "no duplicates");
  }

  @Test
  void a_failure_halfway_keeps_the_upload_so_confirming_again_imports_the_rest() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("mi-chemin/a.md", utf8("---\ntitle: Premier\n---\n## Un\nFait.\n"));
    files.put("mi-chemin/b.md", utf8("---\ntitle: Boum\n---\n## Deux\nÀ faire.\n"));
    files.put("mi-chemin/c.md", utf8("---\ntitle: Troisième\n---\n## Trois\nAussi.\n"));
    var db = app.app().services().database().dsl();
    // PostgreSQL itself fails the second file: not a refusal of the file, a failure halfway.
    db.execute(
        "create function boum() returns trigger language plpgsql as $$ begin"
            + " if new.title = 'Boum' then raise exception 'disk full'; end if;"
            + " return new; end $$");
    db.execute(
        "create trigger boum before insert on revision for each row execute function boum()");
    try {
      Matcher confirm = CONFIRM.matcher(upload("mi-chemin.zip", zip(files)).body());
      assertTrue(confirm.find());
      int before = manuals();
      HttpResponse<String> failed = editor.post(confirm.group(1), form());
      assertEquals(500, failed.statusCode(), failed.body());
      assertEquals(before + 1, manuals(), "the first file went in");

      db.execute("drop trigger boum on revision");
      HttpResponse<String> again = editor.post(confirm.group(1), form());
      assertEquals(200, again.statusCode(), "the upload was kept: " + again.body());
      assertTrue(
          again.body().contains("2 created, 0 updated, 1 unchanged, 0 failed."), again.body());
      assertEquals(before + 3, manuals());
    } finally {
      db.execute("drop trigger if exists boum on revision");
      db.execute("drop function boum()");
    }
  }

  @Test
  void a_synonym_list_saved_after_the_preview_is_not_replaced_by_the_import() {
    var lists = app.app().services().synonyms();
    lists.save(workspace, Role.OWNER, Actor.SYSTEM, "cb, carte bancaire\n");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("synonymes/a.md", utf8("---\ntitle: Cartes\n---\n## Bloquer\nAppeler.\n"));
    files.put("synonyms.txt", utf8("rdv, rendez-vous\n"));
    String preview = upload("synonymes.zip", zip(files)).body();
    assertTrue(
        preview.contains("replaces the workspace&#39;s synonym list")
            || preview.contains("replaces the workspace's synonym list"),
        preview);
    Matcher confirm = CONFIRM.matcher(preview);
    assertTrue(confirm.find(), preview);
    // A colleague saves the list between the preview and the confirmation.
    lists.save(
        workspace, Role.OWNER, Actor.SYSTEM, "cb, carte bancaire\nnote de frais, expense report\n");
    String report = editor.post(confirm.group(1), form()).body();
    assertTrue(report.contains("after the preview: it was not replaced"), report);
    assertEquals(
        "cb, carte bancaire\nnote de frais, expense report\n",
        lists.synonyms(workspace).orElseThrow(),
        "the colleague's list stays");
  }

  @Test
  void a_heading_made_of_a_million_braces_is_previewed_at_once() {
    // The title cleaner scanned to the end of the line from every "{#": hours of a core.
    String heading = "# Titre " + "{#".repeat(500_000) + "\n\n## Étape\nTexte.\n";
    HttpResponse<String> preview =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> upload("accolades.md", utf8(heading)));
    assertEquals(200, preview.statusCode());
    assertTrue(
        preview.body().contains("title cut to 200 characters (it had more than 2000)"),
        preview.body());
  }

  @Test
  void a_single_file_whose_name_holds_a_nul_is_refused_not_a_500() {
    HttpResponse<String> refused =
        upload("x.md\"; filename*=\"UTF-8''gui%00de.md", utf8("# Guide\n\n## A\nB.\n"));
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("control characters"), refused.body());
  }

  @Test
  void names_written_in_the_dos_code_page_are_read_not_a_500() throws IOException {
    // Windows' "compressed folder" on a French system: code page 850, no UTF-8 flag.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, Charset.forName("IBM850"))) {
      zip.putNextEntry(new ZipEntry("Procédures/Facturation à faire.md"));
      zip.write(utf8("# Facturation\n\n## Relancer\nLe 5 du mois.\n"));
      zip.closeEntry();
    }
    HttpResponse<String> preview = upload("dos.zip", bytes.toByteArray());
    assertEquals(200, preview.statusCode(), preview.body());
    assertTrue(preview.body().contains("Procédures/Facturation à faire.md"), preview.body());
  }

  @Test
  void entries_written_from_the_current_folder_are_not_left_out() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("./pointes/guide.md", utf8("# Guide pointé\n\n## Étape\nA.\n"));
    files.put("pointes/./autre.md", utf8("# Autre pointé\n\n## Étape\nB.\n"));
    files.put("./.cache/x.md", utf8("## caché\n"));
    HttpResponse<String> preview = upload("pointes.zip", zip(files));
    assertEquals(200, preview.statusCode(), preview.body());
    assertTrue(preview.body().contains("pointes/guide.md"), preview.body());
    assertTrue(preview.body().contains("pointes/autre.md"), preview.body());
    assertFalse(preview.body().contains("x.md"), "a hidden folder stays out");

    // The same path twice is said at once, not refused at the confirmation as someone else's.
    Map<String, byte[]> twice = new LinkedHashMap<>();
    twice.put("./pointes/double.md", utf8("## Un\nA.\n"));
    twice.put("pointes/double.md", utf8("## Deux\nB.\n"));
    HttpResponse<String> refused = upload("double.zip", zip(twice));
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("pointes/double.md twice"), refused.body());
  }

  @Test
  void a_revision_saved_between_preview_and_confirmation_is_not_overwritten() {
    HttpResponse<String> first = upload("regles.md", utf8("## Règle\nVersion importée 1.\n"));
    Matcher confirm = CONFIRM.matcher(first.body());
    assertTrue(confirm.find());
    assertTrue(editor.post(confirm.group(1), form()).body().contains("1 created"));

    HttpResponse<String> again = upload("regles.md", utf8("## Règle\nVersion importée 2.\n"));
    Matcher second = CONFIRM.matcher(again.body());
    assertTrue(second.find());
    // Meanwhile a colleague saves the manual.
    var manuals = app.app().services().manuals();
    var manual = manuals.require(workspace, "regles");
    manuals.save(
        workspace,
        "regles",
        new Draft(
            "Regles",
            "fr",
            List.of(),
            "",
            "## Règle\nTexte du collègue.\n",
            manuals.latest(manual).number(),
            "",
            false,
            true),
        Actor.SYSTEM);
    String report = editor.post(second.group(1), form()).body();
    assertTrue(report.contains("0 created, 0 updated, 0 unchanged, 1 failed."), report);
    assertTrue(
        manuals
            .latest(manuals.require(workspace, "regles"))
            .markdown()
            .contains("Texte du collègue."),
        "the colleague's revision stays the latest");

    // Uploaded again now, the preview says whose text the file would replace.
    HttpResponse<String> third = upload("regles.md", utf8("## Règle\nVersion importée 3.\n"));
    assertTrue(
        third.body().contains("changed in Vademecum since its last import: replaces revision 2"),
        third.body());
  }

  @Test
  void a_single_markdown_file_is_imported() {
    HttpResponse<String> preview =
        upload("accueil.md", utf8("## Premier jour\nPrésenter l'équipe.\n"));
    Matcher confirm = CONFIRM.matcher(preview.body());
    assertTrue(confirm.find(), preview.body());
    assertTrue(editor.post(confirm.group(1), form()).body().contains("1 created"));
  }

  @Test
  void hostile_archives_are_refused_with_a_clear_message() throws IOException {
    int before = manuals();
    HttpResponse<String> traversal =
        upload("evil.zip", zip(Map.of("../../etc/evil.md", utf8("## X\ny\n"))));
    assertEquals(400, traversal.statusCode());
    assertTrue(traversal.body().contains("points outside its folder"), traversal.body());

    HttpResponse<String> absolute = upload("evil.zip", zip(Map.of("/etc/evil.md", utf8("x"))));
    assertEquals(400, absolute.statusCode());

    // A tab and a line break broke the list kept for the confirmation; kilobytes of name went
    // past PostgreSQL's index: both were 500s at the confirmation, at every try.
    HttpResponse<String> control = upload("odd.zip", zip(Map.of("x\ty\nz.md", utf8("## X\ny\n"))));
    assertEquals(400, control.statusCode());
    assertTrue(control.body().contains("control characters"), control.body());
    // Not a manual: left out like a system file (macOS names a folder's icon "Icon\r").
    HttpResponse<String> icon =
        upload(
            "mac.zip",
            zip(Map.of("guide/guide.md", utf8("## X\ny\n"), "guide/Icon\r", utf8("icon"))));
    assertEquals(200, icon.statusCode(), icon.body());
    HttpResponse<String> long_ =
        upload("long.zip", zip(Map.of("d/".repeat(1500) + "long.md", utf8("## X\ny\n"))));
    assertEquals(400, long_.statusCode());
    assertTrue(long_.body().contains("longer than 500 characters"), long_.body());

    // 100 MB of zeros compress to about 100 KB: reading stops at the first byte over the limit.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("bomb.md"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 100; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertTrue(bytes.size() < 1024 * 1024);
    HttpResponse<String> bomb = upload("bomb.zip", bytes.toByteArray());
    assertEquals(400, bomb.statusCode());
    assertTrue(bomb.body().contains("once uncompressed"), bomb.body());

    // The same bomb in a picture (screenshots are imported too): it stops at the file limit.
    HttpResponse<String> hiddenBomb = upload("hidden.zip", zeros(List.of("picture.png"), 100));
    assertEquals(400, hiddenBomb.statusCode());
    assertTrue(
        hiddenBomb
            .body()
            .contains("picture.png is larger than the limit of 10 MB once uncompressed"),
        hiddenBomb.body());
    // Pictures each under that limit, together over the archive's: stopped at the first byte over.
    List<String> pictures =
        List.of("p1.png", "p2.png", "p3.png", "p4.png", "p5.png", "p6.png", "a.md");
    HttpResponse<String> total = upload("total.zip", zeros(pictures, 9));
    assertEquals(400, total.statusCode());
    assertTrue(total.body().contains("add up to more than 50 MB"), total.body());

    Map<String, byte[]> many = new LinkedHashMap<>();
    for (int i = 0; i <= UploadedFiles.MAX_FILES; i++) {
      many.put("f" + i + ".md", utf8("x"));
    }
    HttpResponse<String> tooMany = upload("many.zip", zip(many));
    assertEquals(400, tooMany.statusCode());
    assertTrue(tooMany.body().contains("more than 2000 entries"));

    HttpResponse<String> notZip = upload("fake.zip", utf8("this is not a zip"));
    assertEquals(400, notZip.statusCode());
    assertTrue(notZip.body().contains("fake.zip"), notZip.body());

    HttpResponse<String> wrongType = upload("notes.txt", utf8("text"));
    assertEquals(400, wrongType.statusCode());
    assertTrue(wrongType.body().contains("Upload a .md file or a .zip archive"));
    assertEquals(before, manuals(), "nothing was imported");
  }

  @Test
  void an_upload_over_the_limit_says_its_limit() {
    int before = manuals();
    // Archives carry screenshots: the limit is a file's (10 MB by default), named in the answer.
    HttpResponse<String> huge = upload("huge.zip", new byte[11 * 1024 * 1024]);
    assertEquals(413, huge.statusCode());
    assertTrue(huge.body().contains("larger than 10 MB, the limit for an upload"), huge.body());
    assertEquals(before, manuals(), "nothing was imported");
  }
}
