package vademecum.share;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.TimeZones;
import vademecum.kernel.Workspace;
import vademecum.manual.Manual;
import vademecum.manual.ManualService;
import vademecum.manual.Published;
import vademecum.markdown.FileRefs;
import vademecum.workspace.MembershipRepository;

/**
 * Share links: one candidate, one manual (or some of its procedures), read-only, until the link
 * expires or is revoked. The token is shown once and only its hash is kept.
 */
public final class ShareService {
  public static final int DEFAULT_DAYS = 14;
  public static final int MAX_DAYS = 90;
  public static final int MAX_LABEL_LENGTH = 200;

  /** Failed lookups from one client in this window, beyond which its lookups are refused. */
  static final Duration THROTTLE_WINDOW = Duration.ofMinutes(10);

  static final int MAX_FAILURES = 20;

  private final DSLContext db;
  private final ShareRepository links;
  private final ManualService manuals;
  private final List<ShareEvent.Listener> listeners;
  private final String baseUrl;
  private final Pattern workspaceFile;

  private final MembershipRepository memberships;

  public ShareService(
      DSLContext db,
      ShareRepository links,
      MembershipRepository memberships,
      ManualService manuals,
      List<ShareEvent.Listener> listeners,
      String baseUrl) {
    this.db = db;
    this.memberships = memberships;
    this.links = links;
    this.manuals = manuals;
    this.listeners = List.copyOf(listeners);
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    // With this server's own address too: an address copied from the browser's bar
    // (https://…/w/acme/files/…) is linked as any other, and the candidate's browser, sent to /w/…
    // with no session, showed no image. Another site's addresses stay as they are.
    this.workspaceFile =
        Pattern.compile("=\"(?:" + Pattern.quote(this.baseUrl) + ")?/w/[a-z0-9-]+/files/");
  }

  /** A procedure's new key (a manual with no heading renamed) follows into the links showing it. */
  public static Published.Listener onPublish(ShareRepository links) {
    return (tx, p) ->
        p.rekeyed().forEach((from, to) -> links.rekeyProcedure(tx, p.manualId(), from, to));
  }

  /** A new link and its full address, which exists nowhere else once this answer is shown. */
  public record Created(ShareLink link, String url) {}

  /**
   * What the sharer asks for: one manual (some of its procedures, or all with {@code procedureKeys}
   * empty) or several whole manuals.
   */
  public record Request(
      List<String> manualSlugs,
      String label,
      Integer days,
      List<String> procedureKeys,
      boolean pinned) {

    public Request(
        String manualSlug, String label, Integer days, List<String> procedureKeys, boolean pinned) {
      this(List.of(manualSlug), label, days, procedureKeys, pinned);
    }

    /** The first manual (the only one when one is shared). */
    public String manualSlug() {
      return manualSlugs.isEmpty() ? "" : manualSlugs.get(0);
    }
  }

  /** At most this many manuals in one link. */
  public static final int MAX_MANUALS = 50;

  /** The form a sharer fills in: the manual's published procedures to choose from. */
  public ManualService.Shared choices(Workspace workspace, String manualSlug) {
    Manual manual = manuals.require(workspace, manualSlug);
    // A draft or an archived manual answers as one that does not exist: a recruiter reads only
    // what is published, and a different answer told them a draft's address.
    return manuals
        .shared(manual.id(), null)
        .orElseThrow(() -> Refusal.notFound("No manual " + manualSlug + " in " + workspace.slug()));
  }

  public Created create(Workspace workspace, Request request, Actor actor) {
    String label = request.label() == null ? "" : request.label().strip();
    if (label.isEmpty()) {
      throw Refusal.badRequest("Give the link a label, for example the candidate's name.");
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      throw Refusal.badRequest("The label is longer than " + MAX_LABEL_LENGTH + " characters.");
    }
    int days = request.days() == null ? DEFAULT_DAYS : request.days();
    if (days < 1 || days > MAX_DAYS) {
      throw Refusal.badRequest("A link lasts from 1 to " + MAX_DAYS + " days.");
    }
    List<String> slugs = List.copyOf(new LinkedHashSet<>(request.manualSlugs()));
    if (slugs.isEmpty()) {
      throw Refusal.badRequest("Choose the manual to share.");
    }
    if (slugs.size() > MAX_MANUALS) {
      throw Refusal.badRequest("A link shares at most " + MAX_MANUALS + " manuals.");
    }
    if (slugs.size() > 1 && !request.procedureKeys().isEmpty()) {
      throw Refusal.badRequest("Choose procedures only when sharing one manual.");
    }
    List<ManualService.Shared> all = new ArrayList<>();
    for (String slug : slugs) {
      all.add(choices(workspace, slug));
    }
    ManualService.Shared shared = all.get(0);
    Set<String> keys = new LinkedHashSet<>(request.procedureKeys());
    Set<String> existing = new LinkedHashSet<>();
    shared.procedures().forEach(p -> existing.add(p.key()));
    for (String key : keys) {
      if (!existing.contains(key)) {
        throw Refusal.badRequest("This manual has no procedure " + key + ".");
      }
    }
    if (keys.equals(existing)) {
      keys.clear(); // every procedure chosen: the whole manual, introduction included
    }
    String token = Secrets.newToken();
    Long pinnedRevision = request.pinned() ? shared.revision().id() : null;
    OffsetDateTime expires = OffsetDateTime.now().plusDays(days);
    long id =
        db.transactionResult(
            configuration -> {
              DSLContext tx = configuration.dsl();
              // Still a sharer now, the row locked: removing someone revokes their links, and one
              // made while that committed (rendering 50 manuals takes a while) stayed live.
              if (!memberships.stillMay(tx, workspace.id(), actor.accountId(), Role::canShare)) {
                throw Refusal.forbidden("Only owners, editors and recruiters share manuals.");
              }
              long linkId =
                  links.insert(
                      tx,
                      workspace.id(),
                      shared.manual().id(),
                      Secrets.hash(token),
                      label,
                      pinnedRevision,
                      actor.accountId(),
                      expires,
                      List.copyOf(keys));
              if (all.size() > 1) {
                links.insertManuals(
                    tx,
                    linkId,
                    all.stream()
                        .map(
                            s ->
                                new ShareRepository.Shown(
                                    s.manual().id(), request.pinned() ? s.revision().id() : null))
                        .toList());
              }
              tell(
                  tx,
                  new ShareEvent.Created(
                      workspace, linkId, label, String.join(", ", slugs), days, actor));
              return linkId;
            });
    return new Created(links.byId(db, workspace.id(), id).orElseThrow(), baseUrl + "/s/" + token);
  }

  public List<ShareLink> list(Workspace workspace) {
    return links.inWorkspace(db, workspace.id());
  }

  public ShareLink get(Workspace workspace, long id) {
    return links
        .byId(db, workspace.id(), id)
        .orElseThrow(() -> Refusal.notFound("There is no share link " + id + " here."));
  }

  /**
   * The titles of the procedures a link is limited to, as the manual names them now (a key whose
   * procedure is gone shows as its key); empty for a whole manual.
   */
  public List<String> procedureTitles(ShareLink link) {
    if (link.procedureKeys().isEmpty()) {
      return List.of();
    }
    Map<String, String> titles = new HashMap<>();
    manuals
        .shared(link.manualId(), null)
        .ifPresent(shared -> shared.procedures().forEach(p -> titles.put(p.key(), p.title())));
    return link.procedureKeys().stream().map(key -> titles.getOrDefault(key, key)).toList();
  }

  /**
   * Whether a link that follows the published text, limited to some procedures, shows none of them
   * any more (each removed from the manual): its candidate gets "not available", and its sharer is
   * told on the list and the link's page.
   */
  public boolean showsNothing(ShareLink link) {
    if (link.procedureKeys().isEmpty() || link.pinnedRevisionNumber() != null) {
      return false;
    }
    return manuals
        .shared(link.manualId(), null)
        .map(shared -> shared.only(Set.copyOf(link.procedureKeys())).isEmpty())
        .orElse(false);
  }

  /** The links of {@link #list} that show nothing any more (see {@link #showsNothing}). */
  public Set<Long> showingNothing(List<ShareLink> links) {
    Set<Long> empty = new HashSet<>();
    for (ShareLink link : links) {
      if (link.revokedAt() == null && showsNothing(link)) {
        empty.add(link.id());
      }
    }
    return empty;
  }

  public List<ShareRepository.Opening> openings(ShareLink link) {
    return links.openings(db, link.id(), 100);
  }

  /** Revoking is immediate: the next opening of the link answers 404. */
  public boolean revoke(Workspace workspace, long id, Actor actor) {
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          boolean revoked = links.revoke(tx, workspace.id(), id, actor.accountId()) > 0;
          if (revoked) {
            tell(tx, new ShareEvent.Revoked(workspace, id, actor));
          }
          return revoked;
        });
  }

  /**
   * What a candidate sees: no workspace, no people, no drafts, only the shared manuals (one, or
   * several) and procedures.
   */
  public record Candidate(
      List<SharedManual> manuals, boolean readConfirmed, OffsetDateTime expiresAt) {

    /** The language of the page's own words: the first manual's. */
    public String language() {
      return manuals.get(0).language();
    }

    public boolean several() {
      return manuals.size() > 1;
    }
  }

  /** One manual on a candidate's page; {@code anchor} tells it from the others on the page. */
  public record SharedManual(
      String anchor,
      String title,
      String language,
      String introductionHtml,
      List<Procedure> procedures) {}

  public record Procedure(String key, String title, String html) {}

  /**
   * Opens a link for a candidate and records the opening.
   *
   * @param client the client's address, kept only as a hash and only after a failed lookup
   * @throws Refusal 429 after too many failed lookups from the client, 404 for an unknown or
   *     revoked token (the same answer, so a guess learns nothing), 410 for an expired one
   */
  /**
   * The candidate's page. {@code countOpening} is false for the page shown again right after "I
   * have read it": the recruiter's count of openings is of visits, not of that redirect.
   */
  public Candidate open(String token, String client, String userAgent, boolean countOpening) {
    ShareRepository.Found link = live(token, client);
    List<ManualService.Shared> shown = shown(link);
    if (countOpening) {
      links.recordOpening(db, link.id(), ClientKind.of(userAgent));
    }
    Set<String> keys = Set.copyOf(links.procedureKeys(db, link.id()));
    List<SharedManual> pages = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      ManualService.Shared shared = shown.get(i);
      pages.add(
          new SharedManual(
              "m" + (i + 1),
              shared.revision().title(),
              shared.manual().language(),
              keys.isEmpty() ? candidateFiles(shared.introductionHtml(), token) : "",
              shared.only(keys).stream()
                  .map(
                      s ->
                          new Procedure(
                              s.key(), s.title(), candidateFiles(manuals.renderSection(s), token)))
                  .toList()));
    }
    // The day it ends where the workspace works, as its recruiter's list says it (the server's
    // zone is UTC in a container: a link made at 00:30 in Paris ended a day early on this page).
    ZoneId zone = TimeZones.of(links.workspaceZone(db, link.workspaceId()));
    return new Candidate(
        pages,
        link.readConfirmedAt() != null,
        link.expiresAt().atZoneSameInstant(zone).toOffsetDateTime());
  }

  /**
   * What a link shows now: each of its manuals still shared (one archived or deleted since drops
   * out); a link with nothing left is unavailable.
   */
  private List<ManualService.Shared> shown(ShareRepository.Found link) {
    Set<String> keys = Set.copyOf(links.procedureKeys(db, link.id()));
    List<ManualService.Shared> shown = new ArrayList<>();
    for (ShareRepository.Shown manual : links.manuals(db, link)) {
      manuals
          .shared(manual.manualId(), manual.pinnedRevisionId())
          // A link limited to procedures that were all removed since shows nothing: it showed an
          // empty page that the candidate could confirm having read.
          .filter(shared -> keys.isEmpty() || !shared.only(keys).isEmpty())
          .ifPresent(shown::add);
    }
    if (shown.isEmpty()) {
      throw Refusal.notFound(UNAVAILABLE);
    }
    return shown;
  }

  /**
   * The workspace whose file a candidate asks for, when the link is live and what it shows uses
   * that file; otherwise the link's own refusal, or the same 404 as an unknown file.
   */
  public long workspaceShowing(String token, String client, String sha256) {
    ShareRepository.Found link = live(token, client);
    Set<String> keys = Set.copyOf(links.procedureKeys(db, link.id()));
    StringBuilder shown = new StringBuilder();
    for (ManualService.Shared shared : shown(link)) {
      shown.append(keys.isEmpty() ? shared.introduction() : "");
      shared.only(keys).forEach(section -> shown.append('\n').append(section.markdown()));
    }
    if (!FileRefs.in(shown.toString()).contains(sha256)) {
      throw Refusal.notFound("There is no such file here.");
    }
    return link.workspaceId();
  }

  /** The candidate's "I have read this manual"; only the first press is recorded. */
  public void confirmRead(String token, String client) {
    ShareRepository.Found link = live(token, client);
    shown(link); // nothing left to read is not read
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          if (links.confirmRead(tx, link.id()) > 0) {
            tell(tx, new ShareEvent.ReadByCandidate(link.workspaceId(), link.id()));
          }
        });
  }

  private void tell(DSLContext tx, ShareEvent event) {
    listeners.forEach(listener -> listener.happened(tx, event));
  }

  static final String UNAVAILABLE = "This link is not available.";

  private static final Pattern PLAYER = Pattern.compile("<iframe ([^>]*)></iframe>");
  private static final Pattern SRC = Pattern.compile("\\bsrc=\"([^\"]*)\"");
  private static final Pattern TITLE = Pattern.compile("\\btitle=\"([^\"]*)\"");

  /**
   * A candidate is no member: the screenshots of what the link shows are fetched through the link
   * ({@code /s/TOKEN/files/…}), which checks that the link shows them. Video players become links:
   * a frame would tell the video's host when the candidate reads (their page allows no frame).
   */
  private String candidateFiles(String html, String token) {
    String files =
        workspaceFile
            .matcher(html)
            .replaceAll(Matcher.quoteReplacement("=\"/s/" + token + "/files/"));
    return PLAYER
        .matcher(files)
        .replaceAll(
            frame -> {
              Matcher src = SRC.matcher(frame.group(1));
              Matcher title = TITLE.matcher(frame.group(1));
              String href = src.find() ? src.group(1) : "";
              String text = title.find() ? title.group(1) : href;
              return Matcher.quoteReplacement(
                  "<a href=\"" + href + "\" rel=\"noopener noreferrer\">" + text + "</a>");
            });
  }

  /**
   * A valid link always opens: the throttle only slows down the guessing of unknown ones, so that
   * someone trying tokens from a shared address (an office, a proxy) never locks out a candidate
   * who holds a real one.
   */
  private ShareRepository.Found live(String token, String client) {
    String clientKey = Secrets.hash("share-client:" + client);
    OffsetDateTime now = OffsetDateTime.now();
    Optional<ShareRepository.Found> found =
        links.byTokenHash(db, Secrets.hash(token == null ? "" : token));
    if (found.isEmpty() || found.get().revokedAt() != null) {
      boolean throttled =
          links.failuresSince(db, clientKey, now.minus(THROTTLE_WINDOW)) >= MAX_FAILURES;
      links.recordFailure(db, clientKey, now.minus(THROTTLE_WINDOW));
      if (throttled) {
        throw Refusal.tooManyRequests(
            "Too many unknown links were tried from your connection. Wait a few minutes.");
      }
      throw Refusal.notFound(UNAVAILABLE);
    }
    if (!found.get().expiresAt().isAfter(now)) {
      throw Refusal.gone("This link has expired.");
    }
    return found.get();
  }
}
