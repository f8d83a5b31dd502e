package vademecum.search;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;

/**
 * What people looked for and whether they found it, per workspace, for its owners and editors. A
 * search is recorded when its results page is shown or a hit is opened from results shown as one
 * types (keystrokes in between are not searches); no account is recorded.
 */
public final class SearchInsights {
  /** How long after a search the hit opened from it still counts. */
  static final Duration OPENING_WINDOW = Duration.ofHours(1);

  static final int MAX_QUERY_CHARS = 200;

  private final DSLContext db;
  private final SearchLogRepository log;
  private final int keepDays;
  private final Clock clock;

  public SearchInsights(DSLContext db, SearchLogRepository log, int keepDays, Clock clock) {
    this.db = db;
    this.log = log;
    this.keepDays = keepDays;
    this.clock = clock;
  }

  /** The text as recorded: folded to lower case, spaces collapsed; null when there is none. */
  static String normalised(String query) {
    if (query == null) {
      return null;
    }
    String text = query.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    if (text.length() < 2) {
      return null;
    }
    return text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
  }

  /**
   * Records a search with the number of the workspace's procedures it found, when it covered one
   * workspace. An assistant working for several clients searches all of them at once, and which
   * client a search is about is not known from its hits: from three words on any word may be
   * missing, so "remboursement Dupont SARL" found "remboursement" in another client's manuals and
   * put one client's customer in another's insights and digest. Such a search is recorded only when
   * a hit is opened, in the workspace of that hit ({@link #opened}).
   *
   * @return the recorded row of each workspace, by slug (for the links that open a hit)
   */
  public Map<String, Long> record(String query, Set<String> workspaces, Map<String, Integer> hits) {
    String text = normalised(query);
    if (text == null || workspaces.size() != 1) {
      return Map.of();
    }
    Map<String, Long> ids = log.workspaceIds(db, workspaces);
    Map<String, Long> recorded = new HashMap<>();
    db.transaction(
        configuration -> {
          for (var workspace : ids.entrySet()) {
            recorded.put(
                workspace.getKey(),
                log.insert(
                    configuration.dsl(),
                    workspace.getValue(),
                    text,
                    hits.getOrDefault(workspace.getKey(), 0),
                    null));
          }
        });
    return recorded;
  }

  /**
   * What a hit's link through {@code /search/go} carries so that only a page this server showed the
   * reader can record an opening: signed with the reader's session secret (the CSRF token), so
   * another site cannot make a member's browser write searches into the owners' insights, nor a
   * member write ones they never made.
   */
  public static String signature(
      String sessionSecret, String to, String query, int hits, Long log) {
    return Secrets.sign(
        sessionSecret,
        to + "\n" + (query == null ? "" : query) + "\n" + hits + "\n" + (log == null ? "" : log));
  }

  /**
   * A hit opened: noted on the search it came from when that is known and recent, else recorded as
   * a search of its own (results shown as one types).
   */
  public void opened(String workspace, Long logId, String query, int hits, String hit) {
    Map<String, Long> ids = log.workspaceIds(db, Set.of(workspace));
    Long workspaceId = ids.get(workspace);
    if (workspaceId == null) {
      return;
    }
    OffsetDateTime since = OffsetDateTime.now(clock).minus(OPENING_WINDOW);
    if (logId != null && log.markOpened(db, logId, workspaceId, hit, since)) {
      return;
    }
    String text = normalised(query);
    if (text != null) {
      log.insert(db, workspaceId, text, hits, hit);
    }
  }

  /** A workspace's figures over the last {@code days}. */
  public record Insights(
      int days,
      List<SearchLogRepository.Figure> top,
      List<SearchLogRepository.Figure> withoutResult,
      List<SearchLogRepository.Figure> withoutOpening,
      List<SearchLogRepository.Week> weeks) {
    public int searches() {
      return weeks.stream().mapToInt(SearchLogRepository.Week::searches).sum();
    }

    public int empty() {
      return weeks.stream().mapToInt(SearchLogRepository.Week::empty).sum();
    }
  }

  public Insights insights(Workspace workspace, Role role, int days) {
    if (!role.canEdit()) {
      throw Refusal.forbidden("Owners and editors see what was searched.");
    }
    int period = Math.max(1, Math.min(days, keepDays));
    OffsetDateTime since = OffsetDateTime.now(clock).minusDays(period);
    return new Insights(
        period,
        log.top(db, workspace.id(), since, 20),
        log.withoutResult(db, workspace.id(), since, 20),
        log.withoutOpening(db, workspace.id(), since, 20),
        log.weeks(db, workspace.id(), since));
  }

  /** The digest's part: last week's most frequent searches that found nothing, or empty. */
  public String digest(long workspaceId, String language) {
    var none = log.withoutResult(db, workspaceId, OffsetDateTime.now(clock).minusDays(7), 10);
    if (none.isEmpty()) {
      return "";
    }
    boolean french = !"en".equals(language);
    StringBuilder text =
        new StringBuilder(
            french
                ? "Recherches sans résultat la semaine dernière :\n\n"
                : "Searches that found nothing last week:\n\n");
    for (var figure : none) {
      text.append("- ")
          .append(french ? "« " + figure.query() + " »" : "\"" + figure.query() + "\"")
          .append(" (")
          .append(figure.searches())
          .append(")\n");
    }
    return text.toString();
  }

  /** Deletes what is older than the retention; how many rows. */
  public int purge() {
    return log.deleteBefore(db, OffsetDateTime.now(clock).minusDays(keepDays));
  }

  public int keepDays() {
    return keepDays;
  }
}
