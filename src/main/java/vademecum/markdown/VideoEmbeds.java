package vademecum.markdown;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.TextBase;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Loom, YouTube or Vimeo link alone on its line becomes an embedded player. Only these hosts, and
 * only frames this renderer builds: raw HTML stays text, the sanitizer lets through only the player
 * addresses below, and the page policy's {@code frame-src} names exactly these hosts. YouTube is
 * embedded from youtube-nocookie.com, which sets no cookie until the video is played.
 */
public final class VideoEmbeds implements HtmlRenderer.HtmlRendererExtension {
  /** The hosts of the players, for the page policy's {@code frame-src}. */
  public static final List<String> PLAYER_HOSTS =
      List.of(
          "https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://www.loom.com");

  /** Every address a player frame may have; the sanitizer allows {@code iframe} only with one. */
  static final Pattern PLAYER =
      Pattern.compile(
          "https://(?:www\\.youtube-nocookie\\.com/embed/[A-Za-z0-9_-]{11}(?:\\?start=[0-9]{1,6})?"
              + "|player\\.vimeo\\.com/video/[0-9]{1,12}(?:\\?h=[0-9a-f]{1,20})?"
              + "|www\\.loom\\.com/embed/[0-9a-f]{32})");

  private static final Pattern YOUTUBE =
      Pattern.compile(
          "https?://(?:(?:www\\.|m\\.)?youtube\\.com/(?:watch\\?(?:.*&)?v=|shorts/|embed/|live/)"
              + "|youtu\\.be/)([A-Za-z0-9_-]{11})(?:[?&#].*)?");
  private static final Pattern YOUTUBE_START = Pattern.compile("[?&#]t=([0-9]{1,6})s?(?:&|$)");
  private static final Pattern VIMEO =
      Pattern.compile("https?://(?:www\\.)?vimeo\\.com/([0-9]{1,12})(?:/([0-9a-f]{1,20}))?/?");
  private static final Pattern LOOM =
      Pattern.compile("https?://(?:www\\.)?loom\\.com/(?:share|embed)/([0-9a-f]{32})(?:[?#].*)?");

  /** The player's address for a video page's address, if it is one we embed. */
  static Optional<String> player(String url) {
    Matcher youtube = YOUTUBE.matcher(url);
    if (youtube.matches()) {
      Matcher start = YOUTUBE_START.matcher(url);
      return Optional.of(
          "https://www.youtube-nocookie.com/embed/"
              + youtube.group(1)
              + (start.find() ? "?start=" + start.group(1) : ""));
    }
    Matcher vimeo = VIMEO.matcher(url);
    if (vimeo.matches()) {
      return Optional.of(
          "https://player.vimeo.com/video/"
              + vimeo.group(1)
              + (vimeo.group(2) == null ? "" : "?h=" + vimeo.group(2)));
    }
    Matcher loom = LOOM.matcher(url);
    if (loom.matches()) {
      return Optional.of("https://www.loom.com/embed/" + loom.group(1));
    }
    return Optional.empty();
  }

  /** A paragraph that held only a video link, replaced by its player. */
  static final class Video extends Block {
    final String player;
    final String title;

    Video(String player, String title) {
      this.player = player;
      this.title = title;
    }

    @Override
    public BasedSequence[] getSegments() {
      return EMPTY_SEGMENTS;
    }
  }

  /** Replaces each paragraph made of one video link (nothing else on its lines) by a player. */
  static void embed(Document document) {
    List<Paragraph> paragraphs = new ArrayList<>();
    for (Node node : document.getDescendants()) {
      if (node instanceof Paragraph paragraph) {
        paragraphs.add(paragraph);
      }
    }
    for (Paragraph paragraph : paragraphs) {
      Node only = paragraph.getFirstChild();
      // The autolink extension wraps a bare address in a TextBase of its own.
      while (only instanceof TextBase base && only.getNext() == null) {
        only = base.getFirstChild();
      }
      if (only == null || only.getNext() != null) {
        continue;
      }
      String url;
      String text;
      if (only instanceof AutoLink link) {
        url = link.getUrl().toString();
        text = url;
      } else if (only instanceof Link link) {
        url = link.getUrl().toString();
        text = PlainText.of(link).strip();
      } else {
        continue;
      }
      Optional<String> player = player(url);
      if (player.isPresent()) {
        paragraph.insertBefore(new Video(player.get(), text.isEmpty() ? url : text));
        paragraph.unlink();
      }
    }
  }

  @Override
  public void rendererOptions(MutableDataHolder options) {}

  @Override
  public void extend(HtmlRenderer.Builder builder, String rendererType) {
    builder.nodeRendererFactory(options -> new Renderer());
  }

  private static final class Renderer implements NodeRenderer {
    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
      return Set.of(new NodeRenderingHandler<>(Video.class, Renderer::render));
    }

    private static void render(Video video, NodeRendererContext context, HtmlWriter html) {
      html.line();
      html.attr("class", "video").withAttr().tag("div");
      html.attr("src", video.player)
          .attr("title", video.title)
          .attr("loading", "lazy")
          .attr("allowfullscreen", "")
          .attr("referrerpolicy", "strict-origin-when-cross-origin")
          .withAttr()
          .tag("iframe");
      html.closeTag("iframe");
      html.closeTag("div");
      html.line();
    }
  }
}
