package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Video players and kept screenshots, as the renderer writes them. */
class EmbedsTest {
  private final MarkdownRenderer renderer = new MarkdownRenderer();

  @Test
  void a_video_link_alone_on_its_line_becomes_a_player_of_that_host_only() {
    String html =
        renderer.render(
            "Regardez :\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"
                + "[Démo de la saisie](https://youtu.be/dQw4w9WgXcQ?t=30)\n\n"
                + "https://vimeo.com/76979871\n\n"
                + "https://www.loom.com/share/0123456789abcdef0123456789abcdef\n");
    assertEquals(4, html.split("<iframe", -1).length - 1, html);
    assertTrue(
        html.contains(
            "<div class=\"video\"><iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\""),
        html);
    assertTrue(html.contains("title=\"Démo de la saisie\""), html);
    assertTrue(html.contains("youtube-nocookie.com/embed/dQw4w9WgXcQ?start&#61;30"), html);
    assertTrue(html.contains("src=\"https://player.vimeo.com/video/76979871\""), html);
    assertTrue(
        html.contains("src=\"https://www.loom.com/embed/0123456789abcdef0123456789abcdef\""), html);
    assertFalse(html.contains("src=\"https://www.youtube.com"), "the page itself is not framed");
  }

  @Test
  void other_links_and_raw_frames_stay_what_they_are() {
    String html =
        renderer.render(
            "Voir https://www.youtube.com/watch?v=dQw4w9WgXcQ dans la phrase.\n\n"
                + "https://example.com/video.mp4\n\n"
                + "<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\"></iframe>\n\n"
                + "[a](https://www.youtube.com/watch?v=dQw4w9WgXcQ) et [b](https://vimeo.com/1)\n");
    assertFalse(html.contains("<iframe"), html);
    assertTrue(html.contains("&lt;iframe"), "raw HTML is shown as text: " + html);
  }

  @Test
  void the_sanitizer_keeps_only_player_addresses_in_frames() {
    HtmlSanitizer sanitizer = new HtmlSanitizer();
    String kept =
        sanitizer.sanitize(
            "<iframe src=\"https://player.vimeo.com/video/42\" title=\"t\"></iframe>");
    assertTrue(kept.contains("src=\"https://player.vimeo.com/video/42\""), kept);
    for (String hostile :
        new String[] {
          "<iframe src=\"https://evil.example/embed/dQw4w9WgXcQ\"></iframe>",
          "<iframe src=\"https://www.youtube-nocookie.com.evil.example/embed/dQw4w9WgXcQ\"></iframe>",
          "<iframe src=\"javascript:alert(1)\"></iframe>",
          "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>"
        }) {
      String html = sanitizer.sanitize(hostile);
      assertFalse(html.contains("src"), hostile + " gave " + html);
    }
  }

  @Test
  void a_kept_screenshot_carries_its_size_and_opens_its_original() {
    String sha = "a".repeat(64);
    String html = renderer.render("![Écran](/w/acme/files/" + sha + "/ecran.png?size=1280x720)\n");
    assertTrue(html.contains("<a href=\"/w/acme/files/" + sha + "/ecran.png?original\""), html);
    assertTrue(html.contains("width=\"1280\" height=\"720\" loading=\"lazy\""), html);
    String elsewhere = renderer.render("![x](https://example.com/a.png?size=10x10)\n");
    assertFalse(elsewhere.contains("width="), elsewhere);
    assertFalse(elsewhere.contains("<a "), "an image from elsewhere is not wrapped: " + elsewhere);
  }

  @Test
  void a_kept_screenshots_alt_text_and_file_name_are_searchable_words() {
    String sha = "b".repeat(64);
    assertEquals(
        "Étape 2 : Le relevé releve bancaire",
        renderer.plainText("Étape 2 : ![Le relevé](/w/a/files/" + sha + "/releve-bancaire.png)"));
    assertEquals(
        "Relevé bancaire",
        renderer.plainText("![Relevé bancaire](/w/a/files/" + sha + "/releve-bancaire.png)"));
    assertEquals(
        "Capture d'écran",
        renderer.plainText("![Capture d'écran](/w/a/files/" + sha + "/image.png)"));
  }
}
