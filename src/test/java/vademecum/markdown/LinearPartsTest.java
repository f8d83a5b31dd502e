package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The linear heading and code span parsing give what flexmark's own parsing gives: the same HTML
 * and the same heading and code positions (procedures are cut at heading offsets), on the sample
 * manuals, the shared handbooks when present, small pathological texts and written edge cases.
 */
class LinearPartsTest {
  private final Parsed linear = new Parsed(MarkdownRenderer.options(false));
  private final Parsed stock = new Parsed(MarkdownRenderer.options(true));

  private record Parsed(Parser parser, HtmlRenderer renderer) {
    Parsed(MutableDataSet options) {
      this(Parser.builder(options).build(), HtmlRenderer.builder(options).build());
    }

    String describe(String text) {
      Document document = parser.parse(text);
      StringBuilder out = new StringBuilder(renderer.render(document));
      walk(document, out);
      return out.toString();
    }

    private static void walk(Node node, StringBuilder out) {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        if (child instanceof Heading || child instanceof Code) {
          out.append('\n')
              .append(child.getClass().getSimpleName())
              .append(' ')
              .append(child.getStartOffset())
              .append('-')
              .append(child.getEndOffset());
        }
        walk(child, out);
      }
    }
  }

  private void same(String name, String text) {
    assertEquals(stock.describe(text), linear.describe(text), name);
  }

  @Test
  void written_edge_cases() {
    List<String> cases =
        List.of(
            "Titre\n=====\n\ntexte",
            "Titre\nsur deux lignes\n---\n",
            "  Titre\n  ---  \n",
            "- item\n---\n",
            "- item\n  ---\n",
            "> cité\n---\n",
            "> cité\n> ---\n",
            "```\nTitre\n---\n```\n",
            "    Titre\n    ---\n",
            "[ref]: https://example.com\n---\n",
            "| a | b |\n| - | - |\n| c | d |\n---\n",
            "## Titre ##\n### Autre #\n####### sept\n#sans espace\n#\n## \n",
            "Paragraphe\n## Titre qui interrompt\nsuite\n",
            "- un\n  ## titre dans une liste\n",
            "Titre\n= = =\n",
            "Titre\n--- x\n",
            "***\n---\n___\n",
            "`a` ``b`` ```c```",
            "`ouvert sans fin",
            "\\`échappé` puis `code`",
            "\\``\\``\\`` et `x`",
            "``a`b`` `c``d`",
            "`multi\nligne`",
            "```\nbloc\n```\n`inline`",
            "| `a|b` | c |\n|---|---|\n| `x` | ``y`` |\n",
            "## Procédure `code` {#cle}\ntexte `a\n\n## Autre\n``fin");
    for (int i = 0; i < cases.size(); i++) {
      same("case " + i, cases.get(i));
    }
  }

  @Test
  void small_pathological_texts() {
    for (Map.Entry<String, IntFunction<String>> input : PathologicalMarkdown.all().entrySet()) {
      String text = input.getValue().apply(2_000);
      try {
        same(input.getKey(), text);
      } catch (StackOverflowError deep) {
        // both parsers recurse on deep nesting; the server refuses such a text with a 400
      }
    }
  }

  @Test
  void sample_manuals_and_shared_handbooks() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : List.of(Path.of("manuals"), Path.of("../shared/corpora"))) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
      }
    }
    for (Path file : files) {
      same(file.toString(), Files.readString(file));
    }
    System.out.println("LinearPartsTest compared " + files.size() + " files");
  }
}
