package vademecum.manual;

import vademecum.markdown.MarkdownRenderer;

/**
 * What changed between two texts, both ways a reader may want it: as the text reads ({@link
 * RenderedDiff}) and as Markdown source ({@link TextDiff}). The diff page, the inbox and the
 * conflict page show the first, with the second one click away.
 */
public record Changes(RenderedDiff.Result rendered, TextDiff.Result source) {

  public boolean identical() {
    return source.identical();
  }

  public int added() {
    return source.added();
  }

  public int removed() {
    return source.removed();
  }

  /** Computes both views of a change. */
  public static final class Maker {
    private final TextDiff text = new TextDiff();
    private final RenderedDiff rendered;

    public Maker(MarkdownRenderer markdown) {
      this.rendered = new RenderedDiff(markdown);
    }

    public Changes between(String before, String after) {
      return new Changes(rendered.diff(before, after), text.diff(before, after));
    }
  }
}
