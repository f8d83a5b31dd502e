package vademecum.markdown;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/** Defence in depth behind flexmark: only the elements Markdown produces, only safe URLs. */
final class HtmlSanitizer {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,119}");
  private static final Pattern CODE_CLASS = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}");
  private static final Pattern LIST_CLASS = Pattern.compile("task-list-item|contains-task-list");
  private static final Pattern ALIGN = Pattern.compile("left|center|right");

  private final PolicyFactory policy =
      new HtmlPolicyBuilder()
          .allowElements(
              "p",
              "br",
              "hr",
              "h1",
              "h2",
              "h3",
              "h4",
              "h5",
              "h6",
              "ul",
              "ol",
              "li",
              "blockquote",
              "pre",
              "code",
              "em",
              "strong",
              "del",
              "s",
              "a",
              "img",
              "table",
              "thead",
              "tbody",
              "tr",
              "th",
              "td",
              "input",
              "sup",
              "sub",
              "span",
              "div",
              "iframe")
          .allowAttributes("id")
          .matching(ID)
          .onElements("h1", "h2", "h3", "h4", "h5", "h6")
          .allowAttributes("href", "title")
          .onElements("a")
          .allowAttributes("src", "alt", "title")
          .onElements("img")
          .allowAttributes("width", "height")
          .matching(Pattern.compile("[1-9][0-9]{0,4}"))
          .onElements("img")
          .allowAttributes("loading")
          .matching(Pattern.compile("lazy"))
          .onElements("img")
          .allowAttributes("class")
          .matching(CODE_CLASS)
          .onElements("code")
          .allowAttributes("class")
          .matching(LIST_CLASS)
          .onElements("li", "ul", "ol")
          .allowAttributes("align")
          .matching(ALIGN)
          .onElements("th", "td")
          .allowAttributes("type")
          .matching(Pattern.compile("checkbox"))
          .onElements("input")
          .allowAttributes("checked", "disabled")
          .onElements("input")
          .allowAttributes("class")
          .matching(Pattern.compile("video"))
          .onElements("div")
          .allowAttributes("src")
          .matching(VideoEmbeds.PLAYER)
          .onElements("iframe")
          .allowAttributes("title", "allowfullscreen")
          .onElements("iframe")
          .allowAttributes("loading")
          .matching(Pattern.compile("lazy"))
          .onElements("iframe")
          .allowAttributes("referrerpolicy")
          .matching(Pattern.compile("strict-origin-when-cross-origin"))
          .onElements("iframe")
          .allowAttributes("start")
          .matching(Pattern.compile("[0-9]{1,6}"))
          .onElements("ol")
          .allowUrlProtocols("http", "https", "mailto")
          .requireRelsOnLinks("noopener", "noreferrer")
          .allowTextIn("table", "thead", "tbody", "tr")
          .toFactory();

  String sanitize(String html) {
    return policy.sanitize(html);
  }
}
