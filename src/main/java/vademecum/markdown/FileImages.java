package vademecum.markdown;

import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.NodeVisitor;
import com.vladsch.flexmark.util.ast.VisitHandler;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screenshots kept by Vademecum: their address carries their size ({@code ?size=1280x720}), which
 * becomes {@code width} and {@code height} so the page does not jump while they load, and each one
 * opens its original on click. Images from elsewhere are left as written.
 */
final class FileImages {
  /** A workspace file's address, as {@code StoredFile.markdown} writes it. */
  static final Pattern ADDRESS =
      Pattern.compile(
          "/w/[a-z0-9-]{1,64}/files/[0-9a-f]{64}/[A-Za-z0-9._-]{1,200}"
              + "(?:\\?size=([1-9][0-9]{0,4})x([1-9][0-9]{0,4}))?");

  private FileImages() {}

  /** Wraps each kept image that is not already in a link in a link to its original. */
  static void linkOriginals(Document document) {
    List<Image> images = new ArrayList<>();
    new NodeVisitor(new VisitHandler<>(Image.class, images::add)).visit(document);
    for (Image image : images) {
      Matcher matcher = ADDRESS.matcher(image.getUrl());
      if (!matcher.matches() || insideLink(image)) {
        continue;
      }
      String url = image.getUrl().toString();
      int query = url.indexOf('?');
      Link link = new Link();
      link.setUrl(BasedSequence.of((query < 0 ? url : url.substring(0, query)) + "?original"));
      image.insertBefore(link);
      link.appendChild(image);
    }
  }

  private static boolean insideLink(Image image) {
    for (var parent = image.getParent(); parent != null; parent = parent.getParent()) {
      if (parent instanceof Link) {
        return true;
      }
    }
    return false;
  }

  /** Width, height and lazy loading on kept images whose address says their size. */
  static IndependentAttributeProviderFactory sizes() {
    return new IndependentAttributeProviderFactory() {
      @Override
      public AttributeProvider apply(LinkResolverContext context) {
        return (node, part, attributes) -> {
          if (node instanceof Image image) {
            Matcher matcher = ADDRESS.matcher(image.getUrl());
            if (matcher.matches() && matcher.group(1) != null) {
              attributes.addValue("width", matcher.group(1));
              attributes.addValue("height", matcher.group(2));
              attributes.addValue("loading", "lazy");
            }
          }
        };
      }
    };
  }
}
