package vademecum.manual;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vademecum.kernel.Nullable;
import vademecum.markdown.Steps;
import vademecum.web.Chrome;
import vademecum.web.Texts;

/** One manual, rendered, with its table of procedures. */
public record ManualPage(
    Chrome chrome,
    ManualView view,
    boolean canEdit,
    boolean canShare,
    boolean canDelete,
    Map<String, ProcedureStanding> standings,
    boolean canAsk,
    Map<String, Feedback.Notes> notes,
    @Nullable Stewardship.Steward steward,
    boolean flagged,
    @Nullable String gone,
    Map<String, List<RunHistory.Recent>> runs) {
  /**
   * Acknowledgement controls belong to the manual: they speak its language, whatever the reader's
   * interface language.
   */
  public String inManualLanguage(String key, Object... args) {
    return Texts.of(view.manual().language()).t(key, args);
  }

  /** A piece of the rendered manual: its introduction (no key), or one procedure. */
  public record Part(String key, String html) {}

  private static final Pattern PROCEDURE_HEADING = Pattern.compile("<h2 id=\"([^\"]+)\"");

  /**
   * The rendered manual cut before each procedure's heading, so that each procedure ends with its
   * own "I have read and understood" (on a phone the list of procedures is far above). Level-2
   * headings are only written by the renderer (raw HTML stays text), each with an id; only those of
   * procedures cut: a "## Warning" inside a quote or a list is part of its procedure (the renderer
   * never gives it a procedure's key), and cutting there put the procedure's confirmation before
   * the rest of it.
   */
  public List<Part> parts() {
    String html = view.html();
    Set<String> keys = new HashSet<>();
    view.procedures().forEach(p -> keys.add(p.key()));
    List<Part> parts = new ArrayList<>();
    Matcher heading = PROCEDURE_HEADING.matcher(html);
    int start = 0;
    String key = null;
    while (heading.find()) {
      if (!keys.contains(heading.group(1))) {
        continue;
      }
      if (heading.start() > start || key != null) {
        parts.add(new Part(key, html.substring(start, heading.start())));
      }
      start = heading.start();
      key = heading.group(1);
    }
    parts.add(new Part(key, html.substring(start)));
    return parts;
  }

  /**
   * Whether the procedure looks like steps to work through (a numbered list or task items): its
   * tools then offer to run it as a checklist, whose start page checks for real.
   */
  public boolean runnable(String key) {
    return view.procedures().stream()
        .filter(p -> p.key().equals(key))
        .anyMatch(p -> Steps.likely(p.markdown()));
  }

  /** The workspace page narrowed to the manuals that carry {@code tag}. */
  public String tagUrl(String tag) {
    return Shelf.tagUrl(view.workspace().slug(), tag);
  }

  public String base() {
    return "/w/" + view.workspace().slug() + "/m/" + view.manual().slug();
  }
}
