package vademecum.markdown;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ast.TextBase;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeVisitor;
import com.vladsch.flexmark.util.ast.VisitHandler;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.misc.Extension;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown to safe HTML. flexmark escapes raw HTML instead of passing it through, and the result
 * still goes through the OWASP sanitizer, because flexmark alone lets {@code JavaScript:} and
 * {@code data:} links through (see STACK-FACTS.md).
 */
public final class MarkdownRenderer {
  private static final Pattern EXPLICIT_ID = PlainText.EXPLICIT_ID;

  private final Parser parser;
  private final HtmlRenderer renderer;
  private final HtmlSanitizer sanitizer = new HtmlSanitizer();

  public MarkdownRenderer() {
    MutableDataSet options = options(false);
    this.parser = Parser.builder(options).build();
    this.renderer =
        HtmlRenderer.builder(options)
            .attributeProviderFactory(headingIds())
            .attributeProviderFactory(FileImages.sizes())
            .extensions(List.of(new VideoEmbeds()))
            .build();
  }

  /**
   * @param stockParts flexmark's own heading, thematic break and code span parsing and text nodes,
   *     whose time grows with the square of some texts: only for the test that compares them with
   *     the linear parts
   */
  static MutableDataSet options(boolean stockParts) {
    MutableDataSet options = new MutableDataSet();
    List<Extension> extensions =
        new ArrayList<>(
            List.of(
                TablesExtension.create(),
                TaskListExtension.create(),
                StrikethroughExtension.create(),
                AutolinkExtension.create()));
    if (!stockParts) {
      extensions.add(new LinearHeadings());
      extensions.add(new LinearThematicBreaks());
      extensions.add(new UnclosedBackticks());
      extensions.add(new ShortEscapeRuns());
    }
    options.set(Parser.EXTENSIONS, extensions);
    options.set(HtmlRenderer.ESCAPE_HTML, true);
    options.set(HtmlRenderer.SUPPRESS_HTML, false);
    options.set(HtmlRenderer.GENERATE_HEADER_ID, false);
    options.set(HtmlRenderer.RENDER_HEADER_ID, false);
    options.set(TablesExtension.WITH_CAPTION, false);
    options.set(TablesExtension.COLUMN_SPANS, false);
    options.set(TablesExtension.APPEND_MISSING_COLUMNS, true);
    options.set(TablesExtension.DISCARD_EXTRA_COLUMNS, true);
    return options;
  }

  public Parser parser() {
    return parser;
  }

  public ProcedureSplitter splitter() {
    return new ProcedureSplitter(parser);
  }

  /**
   * The words a reader sees, without Markdown syntax or {@code {#key}} markers: what search indexes
   * and shows in snippets. Blocks are separated by blank lines.
   */
  public String plainText(String text) {
    return PlainText.paragraphs(parser.parse(text).getFirstChild(), null);
  }

  /** The text's blocks as Markdown source, in order ({@link Blocks}). */
  public List<String> blocks(String markdown) {
    return Blocks.of(parser.parse(markdown));
  }

  /** Renders a whole manual; each {@code ##} heading gets its procedure key as id. */
  public String render(String markdown) {
    return render(markdown, null);
  }

  /**
   * Where an imported manual came from: its relative links to other imported files ({@code
   * ../guides/other.md#step}) then lead to those manuals inside Vademecum.
   */
  public record ImportedFrom(String workspaceSlug, String sourcePath) {}

  /** Like {@link #render(String)}; links to other imported files are followed inside the app. */
  public String render(String markdown, ImportedFrom from) {
    Document document = parser.parse(markdown);
    assignHeadingIds(document);
    FileImages.linkOriginals(document);
    VideoEmbeds.embed(document);
    if (from != null && from.sourcePath() != null) {
      rewriteImportLinks(document, from);
    }
    return sanitizer.sanitize(renderer.render(document));
  }

  /**
   * The text keeps its relative links (an export gives them back unchanged); rendering points them
   * at {@code /w/SLUG/source?path=…}, which finds the manual imported from that file.
   */
  private static void rewriteImportLinks(Document document, ImportedFrom from) {
    new NodeVisitor(
            new VisitHandler<>(
                Link.class,
                link -> {
                  String target = importTarget(from, link.getUrl().toString());
                  if (target != null) {
                    link.setUrl(BasedSequence.of(target));
                  }
                }))
        .visit(document);
  }

  static String importTarget(ImportedFrom from, String url) {
    if (url.isEmpty() || url.startsWith("/") || url.startsWith("#") || url.contains(":")) {
      return null;
    }
    int hash = url.indexOf('#');
    String path = hash < 0 ? url : url.substring(0, hash);
    String fragment = hash < 0 ? "" : url.substring(hash);
    if (!path.toLowerCase(Locale.ROOT).endsWith(".md") || path.contains("?")) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    String source = from.sourcePath();
    int slash = source.lastIndexOf('/');
    if (slash > 0) {
      for (String part : source.substring(0, slash).split("/")) {
        parts.addLast(part);
      }
    }
    for (String part : URLDecoder.decode(path, StandardCharsets.UTF_8).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null; // outside the imported folder
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/w/"
        + from.workspaceSlug()
        + "/source?path="
        + URLEncoder.encode(String.join("/", parts), StandardCharsets.UTF_8)
        + fragment;
  }

  /**
   * Procedure headings take their key as id ({@code {#key}} or the folded title), other headings
   * the slug of their title made unique, so every heading is a link target.
   */
  private static void assignHeadingIds(Document document) {
    Map<Heading, String> ids = new HashMap<>();
    Set<String> used = new HashSet<>();
    // The next suffix to try per base id: a text of many equal headings stays linear.
    Map<String, Integer> nextSuffix = new HashMap<>();
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof Heading heading && heading.getLevel() == 2) {
        String key = explicitId(heading);
        if (key == null) {
          key = ProcedureSplitter.keyFor(ProcedureSplitter.plainTitle(heading));
        }
        if (!key.isEmpty() && used.add(key)) {
          ids.put(heading, key);
        }
      }
    }
    new NodeVisitor(
            new VisitHandler<>(
                Heading.class,
                heading -> {
                  String id = ids.get(heading);
                  if (id == null) {
                    id = explicitId(heading);
                    String base =
                        id != null ? id : Slugs.slug(ProcedureSplitter.plainTitle(heading));
                    String root = base.isEmpty() ? "section" : base;
                    id = root;
                    while (!used.add(id)) {
                      int n = nextSuffix.merge(root, 1, Integer::sum) + 1;
                      id = root + "-" + n;
                    }
                  }
                  removeExplicitId(heading);
                  heading.setAnchorRefId(id);
                }))
        .visit(document);
  }

  private static String explicitId(Heading heading) {
    Matcher matcher = EXPLICIT_ID.matcher(heading.getText().toString());
    return matcher.find() ? matcher.group(1) : null;
  }

  /** The {@code {#key}} marker is for Vademecum, not for the reader. */
  private static void removeExplicitId(Heading heading) {
    Node last = heading.getLastChild();
    // A heading with an address in it ("Support : help@client.fr {#support}"): the autolink
    // extension puts its text, marker included, in a node of its own.
    while (last instanceof TextBase base && base.getLastChild() != null) {
      last = base.getLastChild();
    }
    if (last instanceof Text text) {
      Matcher matcher = EXPLICIT_ID.matcher(text.getChars());
      if (matcher.find()) {
        int end = matcher.start();
        while (end > 0 && Character.isWhitespace(text.getChars().charAt(end - 1))) {
          end--;
        }
        text.setChars(text.getChars().subSequence(0, end));
      }
    }
  }

  /** Emits the id chosen during the AST walk, kept on the heading node itself. */
  private static IndependentAttributeProviderFactory headingIds() {
    return new IndependentAttributeProviderFactory() {
      @Override
      public AttributeProvider apply(LinkResolverContext context) {
        return (node, part, attributes) -> {
          if (node instanceof Heading heading
              && part == AttributablePart.NODE
              && !heading.getAnchorRefId().isEmpty()) {
            attributes.addValue("id", heading.getAnchorRefId());
          }
        };
      }
    };
  }
}
