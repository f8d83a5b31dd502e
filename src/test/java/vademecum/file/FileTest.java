package vademecum.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.testing.TestApp.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.audit.AuditLog;
import vademecum.db.schema.Tables;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.share.ShareService;
import vademecum.suggestion.SuggestionService;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.testing.TestImages;

/**
 * Screenshots and files over real HTTP: what is kept (cleaned, once), who may read it, and the
 * refusals, each naming its limit.
 */
class FileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestApp app;
  private static Workspace acme;
  private static Browser editor;
  private static Browser assistant;

  @BeforeAll
  static void start() {
    app =
        TestApp.startWith(
            Map.of(
                "VADEMECUM_MAX_FILE_BYTES", String.valueOf(2 * 1024 * 1024),
                "VADEMECUM_WORKSPACE_FILE_BYTES", String.valueOf(3 * 1024 * 1024)));
    acme = app.workspace("acme");
    editor = app.signedIn(acme, Role.EDITOR);
    assistant = app.signedIn(acme, Role.ASSISTANT);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void an_upload_in_progress_holds_up_no_other_write_to_its_workspace() throws Exception {
    var dsl = app.app().services().database().dsl();
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    CompletableFuture<Void> upload =
        CompletableFuture.runAsync(
            () ->
                dsl.transaction(
                    tx -> {
                      // What an upload holds while it stores a file.
                      new FileRepository().lockWorkspace(tx.dsl(), acme.id());
                      locked.countDown();
                      done.await(20, TimeUnit.SECONDS);
                    }));
    assertTrue(locked.await(10, TimeUnit.SECONDS));
    try {
      // An audit event (every save writes one) takes FOR KEY SHARE on the workspace's row: under
      // FOR UPDATE it waited for the upload, and a save that had linked the file deadlocked.
      dsl.transaction(
          tx -> {
            tx.dsl().execute("set local lock_timeout = '2s'");
            new AuditLog().record(tx.dsl(), null, acme.id(), "test.write", "x", "");
          });
    } finally {
      done.countDown();
      upload.get(20, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<String> upload(Browser who, String ws, String name, byte[] bytes) {
    who.get("/w/" + ws);
    return who.upload(
        "/w/" + ws + "/files", name, bytes, Map.of("alt", "Écran de saisie"), "application/json");
  }

  private static JsonNode uploaded(Browser who, String ws, String name, byte[] bytes) {
    HttpResponse<String> response = upload(who, ws, name, bytes);
    assertEquals(201, response.statusCode(), response.body());
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(response.body(), e);
    }
  }

  private static JsonNode refusal(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(response.body(), e);
    }
  }

  private static String publish(String slugTitle, String markdown, boolean publish) {
    editor.get("/w/acme/new");
    HttpResponse<String> created =
        editor.post(
            "/w/acme/manuals",
            form(
                "title",
                slugTitle,
                "language",
                "fr",
                "markdown",
                markdown,
                "action",
                publish ? "publish" : "draft"));
    assertEquals(303, created.statusCode(), created.body());
    return created.headers().firstValue("Location").orElseThrow();
  }

  @Test
  void a_screenshot_is_seen_by_assistants_once_a_published_manual_uses_it() {
    byte[] png = TestImages.png(40, 30);
    JsonNode file = uploaded(editor, "acme", "Capture d'écran 2026.png", png);
    String url = file.get("url").asText();
    assertTrue(url.matches("/w/acme/files/[0-9a-f]{64}/capture-d-ecran-2026\\.png"), url);
    assertEquals("![Écran de saisie](" + url + "?size=40x30)", file.get("markdown").asText());
    assertEquals("image/png", file.get("contentType").asText());
    assertEquals(png.length, file.get("size").asInt());
    assertEquals(FileService.sha256(png), file.get("sha256").asText(), "kept byte for byte");

    HttpResponse<byte[]> read = editor.getBytes(url);
    assertEquals(200, read.statusCode());
    assertArrayEquals(png, read.body());
    assertEquals("image/png", read.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("nosniff", read.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertTrue(
        read.headers().firstValue("Content-Disposition").orElseThrow().startsWith("inline;"));
    assertTrue(
        read.headers().firstValue("Content-Security-Policy").orElseThrow().contains("sandbox"));
    assertEquals(
        "private, max-age=31536000, immutable",
        read.headers().firstValue("Cache-Control").orElseThrow());
    String etag = read.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again = editor.getBytes(url, "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);

    assertEquals(404, assistant.getBytes(url).statusCode(), "uploaded, used by nothing");
    String draft = publish("Brouillon", "## Saisir\n\n" + file.get("markdown").asText(), false);
    assertEquals(404, assistant.getBytes(url).statusCode(), "only a draft uses it");
    assertEquals(200, editor.getBytes(url).statusCode());

    String location = publish("Saisie", "## Saisir\n\n" + file.get("markdown").asText(), true);
    assertEquals(200, assistant.getBytes(url).statusCode());
    assertArrayEquals(png, assistant.getBytes(url).body());
    String page = assistant.get(location).body();
    assertTrue(
        page.contains(
            "<a href=\""
                + url.substring(0, url.indexOf("/files/"))
                + "/files/"
                + file.get("sha256").asText()
                + "/capture-d-ecran-2026.png?original\""),
        page);
    assertTrue(page.contains("width=\"40\""), page);
    assertTrue(page.contains("height=\"30\""), page);
    assertTrue(page.contains("loading=\"lazy\""), page);
    String print = assistant.get(location + "/print").body();
    assertTrue(print.contains("<img src=\"" + url + "?size"), "the print page shows it too");
    assertNotEquals(draft, location);
  }

  @Test
  void a_screenshot_goes_from_readers_with_its_archived_manual() {
    JsonNode file = uploaded(editor, "acme", "retire.png", TestImages.png(31, 21));
    String url = file.get("url").asText();
    String location = publish("Retiré", "## Retirer\n\n" + file.get("markdown").asText(), true);
    assertEquals(200, assistant.getBytes(url).statusCode());
    String slug = location.substring(location.lastIndexOf('/') + 1);
    app.app().services().shelf().archive(acme, slug, Actor.SYSTEM);
    assertEquals(404, assistant.get(location).statusCode(), "the manual is gone for readers");
    assertEquals(404, assistant.getBytes(url).statusCode(), "and so is its screenshot");
    assertEquals(200, editor.getBytes(url).statusCode(), "editors still have it");
  }

  @Test
  void another_workspace_cannot_read_a_file_even_knowing_its_address() {
    JsonNode file = uploaded(editor, "acme", "facture.png", TestImages.png(30, 20));
    String url = file.get("url").asText();
    publish("Factures", "## Classer\n\n" + file.get("markdown").asText(), true);
    assertEquals(200, assistant.getBytes(url).statusCode());

    Workspace other = app.workspace("other");
    Browser outsider = app.signedIn(other, Role.OWNER);
    assertEquals(404, outsider.getBytes(url).statusCode());
    String theirs = url.replace("/w/acme/", "/w/other/");
    assertEquals(404, outsider.getBytes(theirs).statusCode(), "the same hash in their workspace");
    // Their own manual naming our file's address does not make it theirs.
    Browser otherEditor = app.signedIn(other, Role.EDITOR);
    otherEditor.get("/w/other/new");
    otherEditor.post(
        "/w/other/manuals",
        form(
            "title",
            "Vol",
            "language",
            "fr",
            "markdown",
            "## Voler\n\n![x](" + theirs + ")\n",
            "action",
            "publish"));
    assertEquals(404, outsider.getBytes(theirs).statusCode());
    assertEquals(404, outsider.getBytes("/w/acme/files/" + "0".repeat(64) + "/x.png").statusCode());
  }

  @Test
  void html_named_png_and_svg_are_refused_from_their_bytes() {
    String html =
        "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>";
    JsonNode disguised =
        refusal(upload(editor, "acme", "capture.png", html.getBytes(StandardCharsets.UTF_8)), 415);
    assertEquals("unsupported_type", disguised.get("error").asText());
    assertTrue(disguised.get("message").asText().contains("PNG, JPEG, GIF, WebP, PDF"));
    String svg =
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">"
            + "<script>alert(1)</script></svg>";
    refusal(upload(editor, "acme", "logo.svg", svg.getBytes(StandardCharsets.UTF_8)), 415);
    refusal(upload(editor, "acme", "logo.png", svg.getBytes(StandardCharsets.UTF_8)), 415);
    // Text is welcome as text, and only ever downloaded.
    JsonNode notes =
        uploaded(
            editor, "acme", "notes.txt", "Liste des comptes\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("text/plain; charset=utf-8", notes.get("contentType").asText());
    assertEquals(
        "[Écran de saisie](" + notes.get("url").asText() + ")", notes.get("markdown").asText());
    HttpResponse<byte[]> read = editor.getBytes(notes.get("url").asText());
    assertTrue(
        read.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"));
  }

  @Test
  void a_decompression_bomb_is_refused_from_its_header() {
    byte[] bomb = TestImages.zeroPng(15_000, 15_000, null);
    assertTrue(bomb.length < 2 * 1024 * 1024, "a small file: " + bomb.length);
    JsonNode refused = refusal(upload(editor, "acme", "bomb.png", bomb), 413);
    assertEquals("too_large", refused.get("error").asText());
    assertEquals(
        "This image is 15000 × 15000 pixels; images are limited to 200 megapixels.",
        refused.get("message").asText());
    // Under the pixel limit but with metadata to remove: re-encoding has its own budget.
    byte[] tagged = TestImages.zeroPng(5_000, 4_000, "author: Camille Martin");
    JsonNode tooBig = refusal(upload(editor, "acme", "tagged.png", tagged), 413);
    assertTrue(tooBig.get("message").asText().contains("16 megapixels"), tooBig.toString());
  }

  @Test
  void png_text_chunks_are_removed() {
    byte[] tagged = TestImages.zeroPng(300, 200, "author: Camille Martin");
    JsonNode file = uploaded(editor, "acme", "tagged.png", tagged);
    byte[] kept = editor.getBytes(file.get("url").asText()).body();
    assertFalse(new String(kept, StandardCharsets.ISO_8859_1).contains("Camille"));
    BufferedImage image = TestImages.decode(kept);
    assertEquals(300, image.getWidth());
    assertEquals(200, image.getHeight());
  }

  @Test
  void a_gif_keeps_its_animation_and_loses_its_comments_and_xmp() {
    byte[] tagged = TestImages.animatedGif(3, "Camille Martin, 12 rue des Lilas");
    assertTrue(new String(tagged, StandardCharsets.ISO_8859_1).contains("Camille"));
    JsonNode file = uploaded(editor, "acme", "anim.gif", tagged);
    byte[] kept = editor.getBytes(file.get("url").asText()).body();
    assertFalse(new String(kept, StandardCharsets.ISO_8859_1).contains("Camille"));
    assertEquals(3, TestImages.frames(kept), "still an animation");
    assertTrue(new String(kept, StandardCharsets.ISO_8859_1).contains("NETSCAPE2.0"), "it loops");
    byte[] plain = TestImages.animatedGif(2, null);
    assertEquals(
        FileService.sha256(plain),
        uploaded(editor, "acme", "plain.gif", plain).get("sha256").asText(),
        "nothing to remove: kept byte for byte");
  }

  @Test
  void a_jpeg_loses_its_gps_position_and_author() throws Exception {
    byte[] photo = TestImages.jpegWithGps(64, 48);
    assertTrue(((JpegImageMetadata) Imaging.getMetadata(photo)).getExif().getGpsInfo() != null);
    JsonNode file = uploaded(editor, "acme", "bureau.jpg", photo);
    byte[] kept = editor.getBytes(file.get("url").asText()).body();
    ImageMetadata metadata = Imaging.getMetadata(kept);
    assertTrue(
        metadata == null || ((JpegImageMetadata) metadata).getExif() == null,
        String.valueOf(metadata));
    assertFalse(new String(kept, StandardCharsets.ISO_8859_1).contains("Camille"));
    assertEquals(64, TestImages.decode(kept).getWidth(), "the picture itself is untouched");
  }

  @Test
  void a_phone_photos_second_image_video_and_comments_do_not_survive() throws Exception {
    byte[] picture = TestImages.jpeg(64, 48);
    ByteArrayOutputStream phone = new ByteArrayOutputStream();
    phone.write(picture, 0, 2); // SOI
    for (byte[] segment :
        List.of(
            segment(0xFE, "Camille au bureau"),
            segment(0xE2, "MPF\0second image, GPS 48.8566 2.3522"))) {
      phone.write(segment);
    }
    phone.write(picture, 2, picture.length - 2);
    phone.write("ftypmp42 motion photo video, GPS 48.8566".getBytes(StandardCharsets.ISO_8859_1));
    JsonNode file = uploaded(editor, "acme", "motion.jpg", phone.toByteArray());
    byte[] kept = editor.getBytes(file.get("url").asText()).body();
    String text = new String(kept, StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("Camille"), "comments go");
    assertFalse(text.contains("GPS"), "a second image and a video after the picture go");
    assertEquals(64, TestImages.decode(kept).getWidth(), "the picture itself is untouched");
  }

  @Test
  void a_spreadsheet_written_by_pandas_is_accepted_a_plain_zip_named_like_one_is_not()
      throws Exception {
    // openpyxl and pandas write docProps/app.xml first; Tika's magic reads only the first entry.
    JsonNode sheet =
        uploaded(
            editor,
            "acme",
            "rapprochement.xlsx",
            zip("docProps/app.xml", "[Content_Types].xml", "xl/workbook.xml"));
    assertTrue(sheet.get("url").asText().endsWith(".xlsx"), sheet.toString());
    assertEquals(415, upload(editor, "acme", "faux.xlsx", zip("a.txt", "b.txt")).statusCode());
  }

  private static byte[] zip(String... names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name : names) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(("<x>" + name + "</x>").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A JPEG segment: its marker, its length, its bytes. */
  private static byte[] segment(int marker, String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.ISO_8859_1);
    int length = bytes.length + 2;
    byte[] segment = new byte[bytes.length + 4];
    segment[0] = (byte) 0xFF;
    segment[1] = (byte) marker;
    segment[2] = (byte) (length >> 8);
    segment[3] = (byte) length;
    System.arraycopy(bytes, 0, segment, 4, bytes.length);
    return segment;
  }

  @Test
  void a_portrait_phone_photo_stays_upright_and_loses_its_gps_position() throws Exception {
    // Stored 800 × 400 and "turn a quarter clockwise": a portrait, 400 × 800 as seen.
    JsonNode file = uploaded(editor, "acme", "portrait.jpg", TestImages.phonePhoto(800, 400, 6));
    assertTrue(file.get("markdown").asText().endsWith("?size=400x800)"), file.toString());
    byte[] kept = editor.getBytes(file.get("url").asText()).body();
    JpegImageMetadata metadata = (JpegImageMetadata) Imaging.getMetadata(kept);
    assertEquals(
        6,
        metadata.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_ORIENTATION).getIntValue(),
        "the one tag that turns it upright is kept");
    assertEquals(null, metadata.getExif().getGpsInfo());
    assertFalse(new String(kept, StandardCharsets.ISO_8859_1).contains("Camille"));

    // Too wide to show as is: the display copy (no EXIF) has its pixels turned instead.
    JsonNode large = uploaded(editor, "acme", "grand.jpg", TestImages.phonePhoto(2400, 1200, 6));
    BufferedImage display = TestImages.decode(editor.getBytes(large.get("url").asText()).body());
    assertEquals(800, display.getWidth());
    assertEquals(1600, display.getHeight());
    // The red mark near the stored top left is near the top right once turned.
    Color mark = new Color(display.getRGB(display.getWidth() - 10, 9));
    assertTrue(mark.getRed() > 180 && mark.getGreen() < 90, mark.toString());
  }

  @Test
  void a_wide_screenshot_is_shown_as_a_display_copy_with_the_original_a_click_away() {
    JsonNode file = uploaded(editor, "acme", "large.png", TestImages.png(2400, 1200));
    String url = file.get("url").asText();
    assertTrue(file.get("markdown").asText().endsWith("?size=2400x1200)"));
    HttpResponse<byte[]> display = editor.getBytes(url);
    assertEquals(1600, TestImages.decode(display.body()).getWidth());
    HttpResponse<byte[]> original = editor.getBytes(url + "?original");
    assertEquals(2400, TestImages.decode(original.body()).getWidth());
    assertNotEquals(
        display.headers().firstValue("ETag").orElseThrow(),
        original.headers().firstValue("ETag").orElseThrow());
  }

  @Test
  void the_same_bytes_are_kept_once() {
    byte[] png = TestImages.png(33, 21);
    JsonNode first = uploaded(editor, "acme", "a.png", png);
    JsonNode second = uploaded(editor, "acme", "b.png", png);
    assertEquals(first.get("id").asLong(), second.get("id").asLong());
    // Each upload is linked under its own name, not the name someone else gave the same bytes.
    assertTrue(second.get("markdown").asText().contains("/b.png"), second.toString());
    assertFalse(second.get("markdown").asText().contains("a.png"), second.toString());

    // And downloaded under it: the first name may come from someone's private question.
    byte[] statement = TestImages.png(34, 21);
    JsonNode iban = uploaded(editor, "acme", "IBAN Alice été.png", statement);
    JsonNode step = uploaded(editor, "acme", "etape-3.png", statement);
    String stepDisposition = disposition(step.get("url").asText());
    assertTrue(stepDisposition.contains("etape-3.png"), stepDisposition);
    assertFalse(stepDisposition.toLowerCase().contains("iban"), stepDisposition);
    String ibanDisposition = disposition(iban.get("url").asText());
    assertTrue(ibanDisposition.contains("IBAN%20Alice%20%C3%A9t%C3%A9.png"), ibanDisposition);
    int rows =
        app.app()
            .services()
            .database()
            .dsl()
            .fetchCount(Tables.STORED_FILE, Tables.STORED_FILE.SHA256.eq(FileService.sha256(png)));
    assertEquals(1, rows);
  }

  private static String disposition(String address) {
    return editor.get(address).headers().firstValue("Content-Disposition").orElseThrow();
  }

  @Test
  void bytes_the_clean_up_removes_during_an_upload_are_stored_again_not_handed_out_gone()
      throws Exception {
    byte[] png = TestImages.png(35, 23);
    long id = uploaded(editor, "acme", "avant.png", png).get("id").asLong();
    var db = app.app().services().database().dsl();
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch delete = new CountDownLatch(1);
    // The hourly clean-up holds the unused file's row, then removes it.
    Thread cleanUp =
        new Thread(
            () ->
                db.transaction(
                    c -> {
                      c.dsl()
                          .selectFrom(Tables.STORED_FILE)
                          .where(Tables.STORED_FILE.ID.eq(id))
                          .forUpdate()
                          .fetch();
                      locked.countDown();
                      delete.await();
                      c.dsl()
                          .deleteFrom(Tables.STORED_FILE)
                          .where(Tables.STORED_FILE.ID.eq(id))
                          .execute();
                    }));
    cleanUp.start();
    locked.await();
    var upload = CompletableFuture.supplyAsync(() -> uploaded(editor, "acme", "apres.png", png));
    Thread.sleep(500); // the upload waits on the row
    delete.countDown();
    cleanUp.join();
    JsonNode again = upload.get(10, TimeUnit.SECONDS);
    assertEquals(200, editor.getBytes(again.get("url").asText()).statusCode(), again.toString());
  }

  @Test
  void the_clean_up_skips_an_old_file_a_save_is_linking_and_the_save_goes_through()
      throws Exception {
    byte[] png = TestImages.png(37, 29);
    app.publish(acme, "Classement ancien", "## Ranger\nLe vendredi.\n");
    long id = uploaded(editor, "acme", "ancien.png", png).get("id").asLong();
    var db = app.app().services().database().dsl();
    db.update(Tables.STORED_FILE)
        .set(Tables.STORED_FILE.LAST_UPLOADED_AT, OffsetDateTime.now().minusDays(30))
        .where(Tables.STORED_FILE.ID.eq(id))
        .execute();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch link = new CountDownLatch(1);
    // A save links text copied from elsewhere that points at this file, unused for a month.
    var save =
        CompletableFuture.runAsync(
            () ->
                db.transaction(
                    c -> {
                      c.dsl()
                          .select(Tables.STORED_FILE.ID)
                          .from(Tables.STORED_FILE)
                          .where(Tables.STORED_FILE.ID.eq(id))
                          .forKeyShare()
                          .fetch();
                      held.countDown();
                      link.await();
                      long revision =
                          c.dsl()
                              .select(Tables.REVISION.ID)
                              .from(Tables.REVISION)
                              .limit(1)
                              .fetchSingle(Tables.REVISION.ID);
                      new FileRepository()
                          .linkRevision(
                              c.dsl(), acme.id(), revision, List.of(FileService.sha256(png)));
                    }));
    held.await();
    var cleanUp = CompletableFuture.supplyAsync(() -> app.app().services().files().removeUnused());
    cleanUp.get(5, TimeUnit.SECONDS); // not held up by the save
    assertEquals(
        1, db.fetchCount(Tables.STORED_FILE, Tables.STORED_FILE.ID.eq(id)), "skipped, not removed");
    link.countDown();
    save.get(10, TimeUnit.SECONDS); // no foreign-key error
    assertEquals(1, db.fetchCount(Tables.REVISION_FILE, Tables.REVISION_FILE.FILE_ID.eq(id)));
  }

  private static int storedFiles() {
    return app.app().services().database().dsl().fetchCount(Tables.STORED_FILE);
  }

  @Test
  void control_characters_in_a_file_name_are_dropped_and_a_nul_in_the_text_keeps_nothing() {
    // A name encoded as RFC 5987 allows any byte: %00 arrives as a real NUL, which PostgreSQL
    // refuses in text (it answered 500), and U+202E turns "gnp.exe" around on screen.
    JsonNode file =
        uploaded(
            editor,
            "acme",
            "x.png\"; filename*=\"UTF-8''fac%00ture%E2%80%AEgnp.png",
            TestImages.png(35, 22));
    String url = file.get("url").asText();
    HttpResponse<String> download = editor.get(url);
    assertEquals(200, download.statusCode());
    // The name kept is the one a download is saved under.
    String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
    assertTrue(disposition.contains("filename*=UTF-8''facturegnp.png"), disposition);
    int before = storedFiles();
    editor.get("/w/acme");
    HttpResponse<String> refused =
        editor.upload(
            "/w/acme/files",
            "nul.png",
            TestImages.png(36, 22),
            Map.of("alt", "a\u0000b"),
            "application/json");
    refusal(refused, 400);
    assertEquals(before, storedFiles(), "refused before anything is stored");
  }

  @Test
  void limits_are_named_and_nothing_is_kept() {
    Workspace roomy = app.workspace("quota");
    Browser writer = app.signedIn(roomy, Role.EDITOR);
    byte[] tooLarge = text(2 * 1024 * 1024 + 1, 1);
    JsonNode refused = refusal(upload(writer, "quota", "big.txt", tooLarge), 413);
    assertTrue(refused.get("message").asText().contains("2 MB"), refused.toString());
    // Far over: refused before the body is read, still as JSON naming the limit.
    JsonNode huge = refusal(upload(writer, "quota", "huge.txt", text(3 * 1024 * 1024, 2)), 413);
    assertEquals("too_large", huge.get("error").asText());
    assertEquals(
        "The file is larger than 2 MB, the limit for an upload; nothing was kept.",
        huge.get("message").asText());

    uploaded(writer, "quota", "one.txt", text(1900 * 1024, 3));
    JsonNode full = refusal(upload(writer, "quota", "two.txt", text(1900 * 1024, 4)), 413);
    assertTrue(full.get("message").asText().contains("3 MB"), full.toString());

    Browser french = app.browser();
    french.login(app.account(roomy, Role.EDITOR, "fr").email(), TestApp.PASSWORD);
    JsonNode inFrench = refusal(upload(french, "quota", "big.txt", tooLarge), 413);
    assertEquals(
        "Ce fichier dépasse 2 Mo, la limite pour un fichier.", inFrench.get("message").asText());
  }

  @Test
  void files_no_revision_uses_are_removed_after_a_week() {
    JsonNode unused = uploaded(editor, "acme", "oublie.png", TestImages.png(17, 17));
    JsonNode used = uploaded(editor, "acme", "garde.png", TestImages.png(18, 18));
    publish("Gardé", "## Garder\n\n" + used.get("markdown").asText(), false);
    var db = app.app().services().database().dsl();
    db.update(Tables.STORED_FILE)
        .set(Tables.STORED_FILE.LAST_UPLOADED_AT, OffsetDateTime.now().minusDays(8))
        .where(Tables.STORED_FILE.ID.in(unused.get("id").asLong(), used.get("id").asLong()))
        .execute();
    assertTrue(app.app().services().files().removeUnused() >= 1);
    assertEquals(404, editor.getBytes(unused.get("url").asText()).statusCode());
    assertEquals(200, editor.getBytes(used.get("url").asText()).statusCode(), "a draft uses it");
  }

  @Test
  void a_screenshot_only_an_open_suggestion_uses_is_kept_until_it_is_accepted() {
    String manual = publish("Suggéré", "## Étape\n\nFaire.\n", true);
    String slug = manual.substring(manual.lastIndexOf('/') + 1);
    JsonNode shot = uploaded(editor, "acme", "suggere.png", TestImages.png(21, 21));
    var services = app.app().services();
    Account author = app.account(acme, Role.EDITOR);
    var suggestion =
        services
            .suggestions()
            .propose(
                acme,
                Role.EDITOR,
                new Actor(author.id(), "Editor"),
                slug,
                null,
                1,
                "## Étape\n\nFaire.\n\n" + shot.get("markdown").asText() + "\n",
                "",
                null,
                null);
    var db = services.database().dsl();
    db.update(Tables.STORED_FILE)
        .set(Tables.STORED_FILE.LAST_UPLOADED_AT, OffsetDateTime.now().minusDays(30))
        .where(Tables.STORED_FILE.ID.eq(shot.get("id").asLong()))
        .execute();
    services.files().removeUnused();
    assertEquals(200, editor.getBytes(shot.get("url").asText()).statusCode(), "still there");

    services
        .suggestions()
        .accept(
            acme,
            Role.OWNER,
            new Actor(app.account(acme, Role.OWNER).id(), "Owner"),
            suggestion.id(),
            SuggestionService.Outcome.MAJOR);
    services.files().removeUnused();
    assertEquals(200, assistant.getBytes(shot.get("url").asText()).statusCode(), "published");
  }

  @Test
  void a_file_removed_between_its_check_and_its_read_is_a_404() {
    var files = app.app().services().files();
    Account owner = app.account(acme, Role.OWNER);
    var stored =
        files.upload(acme, new Actor(owner.id(), "Owner"), "parti.png", TestImages.png(23, 23));
    app.app()
        .services()
        .database()
        .dsl()
        .deleteFrom(Tables.STORED_FILE)
        .where(Tables.STORED_FILE.ID.eq(stored.id()))
        .execute();
    assertThrows(Refusal.NotFound.class, () -> files.content(stored, true));
  }

  @Test
  void the_bytes_of_an_old_unused_file_uploaded_again_are_kept_for_another_week() {
    byte[] image = TestImages.png(19, 19);
    JsonNode first = uploaded(editor, "acme", "encore.png", image);
    var db = app.app().services().database().dsl();
    var mine = Tables.STORED_FILE.ID.eq(first.get("id").asLong());
    OffsetDateTime weekAgo = OffsetDateTime.now().minusDays(8);
    db.update(Tables.STORED_FILE)
        .set(Tables.STORED_FILE.CREATED_AT, weekAgo)
        .set(Tables.STORED_FILE.LAST_UPLOADED_AT, weekAgo)
        .where(mine)
        .execute();

    JsonNode again = uploaded(editor, "acme", "encore.png", image);
    assertEquals(first.get("id").asLong(), again.get("id").asLong(), "the same bytes, one file");
    app.app().services().files().removeUnused();
    assertEquals(200, editor.getBytes(again.get("url").asText()).statusCode());
    String manual = publish("Encore", "## Encore\n\n" + again.get("markdown").asText(), true);
    assertEquals(200, editor.get(manual).statusCode());
    assertEquals(
        1,
        db.fetchCount(
            Tables.REVISION_FILE, Tables.REVISION_FILE.FILE_ID.eq(first.get("id").asLong())),
        "the saved text keeps its image");
  }

  @Test
  void the_api_uploads_with_a_token_and_reads_with_it() throws Exception {
    var owner = app.account(acme, Role.OWNER);
    String token = app.app().services().tokens().create(owner.id(), "script");
    Browser script = app.browser().always("Authorization", "Bearer " + token);
    HttpResponse<String> created =
        script.upload("/api/v1/workspaces/acme/files", "api.png", TestImages.png(12, 9), Map.of());
    assertEquals(201, created.statusCode(), created.body());
    JsonNode file = JSON.readTree(created.body());
    assertEquals(200, script.getBytes(file.get("url").asText()).statusCode());
    HttpResponse<String> refused =
        script.upload(
            "/api/v1/workspaces/acme/files", "page.png", "<html></html>".getBytes(), Map.of());
    JsonNode error = refusal(refused, 415);
    assertNull(error.get("fields"));
  }

  @Test
  void an_image_address_copied_with_its_host_shows_on_a_candidate_s_page() {
    JsonNode shot = uploaded(editor, "acme", "copie.png", TestImages.png(24, 14));
    publish("Adresse complète", "## Étape {#etape}\n\nAvant.\n", true);
    Account owner = app.account(acme, Role.OWNER);
    var link =
        app.app()
            .services()
            .shares()
            .create(
                acme,
                new ShareService.Request("adresse-complete", "Léa", 7, List.of(), false),
                new Actor(owner.id(), "Owner"));
    // This server's own address, as a browser's bar shows it, and another site's.
    String server = link.url().substring(0, link.url().indexOf("/s/"));
    String elsewhere = "https://intranet.example.com/w/equipe/files/" + "a".repeat(64) + "/q3.pdf";
    var manuals = app.app().services().manuals();
    var latest = manuals.latest(manuals.require(acme, "adresse-complete"));
    manuals.save(
        acme,
        "adresse-complete",
        new Draft(
            latest.title(),
            "fr",
            List.of(),
            "",
            "## Étape {#etape}\n\n![Écran]("
                + server
                + shot.get("url").asText()
                + ")\n\n[Rapport]("
                + elsewhere
                + ")\n",
            latest.number(),
            "",
            false,
            true),
        new Actor(owner.id(), "Owner"));
    String path = link.url().substring(link.url().indexOf("/s/"));
    Browser candidate = app.browser();
    String page = candidate.get(path).body();
    String shown = path + "/files/" + shot.get("sha256").asText() + "/copie.png";
    assertTrue(page.contains("src=\"" + shown + "\""), page);
    assertTrue(page.contains("href=\"" + elsewhere + "\""), "another site's link stays: " + page);
    assertFalse(page.contains("/w/acme/"), "no workspace address on a candidate's page");
    assertEquals(200, candidate.getBytes(shown).statusCode());
  }

  @Test
  void a_candidate_link_shows_the_shared_procedures_images_and_no_other() {
    JsonNode shown = uploaded(editor, "acme", "accueil.png", TestImages.png(21, 14));
    JsonNode hidden = uploaded(editor, "acme", "salaires.png", TestImages.png(22, 14));
    String location =
        publish(
            "Accueil",
            "## Premier jour {#jour}\n\n"
                + shown.get("markdown").asText()
                + "\n\nhttps://youtu.be/dQw4w9WgXcQ\n"
                + "\n\n## Salaires {#salaires}\n\n"
                + hidden.get("markdown").asText()
                + "\n",
            true);
    Account owner = app.account(acme, Role.OWNER);
    var link =
        app.app()
            .services()
            .shares()
            .create(
                acme,
                new ShareService.Request("accueil", "Camille", 14, List.of("jour"), false),
                new Actor(owner.id(), "Owner"));
    String path = link.url().substring(link.url().indexOf("/s/"));
    Browser candidate = app.browser();
    String page = candidate.get(path).body();
    String shownPath = path + "/files/" + shown.get("sha256").asText() + "/accueil.png";
    assertTrue(page.contains("src=\"" + shownPath + "?size"), page);
    assertTrue(page.contains("href=\"" + shownPath + "?original\""), page);
    assertFalse(page.contains("/w/acme/"), "no workspace address on a candidate's page");
    // Members get the player; a candidate's page loads nothing from elsewhere, so a link.
    HttpResponse<String> member = assistant.get(location);
    assertTrue(member.body().contains("<iframe src=\"https://www.youtube-nocookie.com/embed/"));
    assertTrue(
        member
            .headers()
            .firstValue("Content-Security-Policy")
            .orElseThrow()
            .contains(
                "frame-src https://www.youtube-nocookie.com https://player.vimeo.com"
                    + " https://www.loom.com;"));
    assertFalse(page.contains("<iframe"), page);
    assertTrue(
        page.contains("<a href=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\""), page);

    HttpResponse<byte[]> image = candidate.getBytes(shownPath);
    assertEquals(200, image.statusCode());
    assertArrayEquals(editor.getBytes(shown.get("url").asText()).body(), image.body());
    assertEquals("private, no-cache", image.headers().firstValue("Cache-Control").orElseThrow());
    String hiddenPath = path + "/files/" + hidden.get("sha256").asText() + "/salaires.png";
    assertEquals(404, candidate.getBytes(hiddenPath).statusCode(), "a procedure not shared");
    String otherSha =
        uploaded(editor, "acme", "x.png", TestImages.png(23, 14)).get("sha256").asText();
    assertEquals(404, candidate.getBytes(path + "/files/" + otherSha + "/x.png").statusCode());

    app.app().services().shares().revoke(acme, link.link().id(), new Actor(owner.id(), "Owner"));
    assertEquals(404, candidate.getBytes(shownPath).statusCode(), "revoked: gone at once");
  }

  /** Printable text of this size: accepted as a .txt, and not compressible into a small row. */
  private static byte[] text(int size, long seed) {
    Random random = new Random(seed);
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i % 80 == 79 ? '\n' : 'a' + random.nextInt(26));
    }
    return bytes;
  }
}
