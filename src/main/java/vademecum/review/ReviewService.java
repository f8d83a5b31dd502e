package vademecum.review;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.audit.AuditLog;
import vademecum.kernel.Actor;
import vademecum.kernel.Mail;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Manual;
import vademecum.manual.ManualService;
import vademecum.manual.ManualView;
import vademecum.manual.Published;
import vademecum.manual.Stewardship;
import vademecum.web.Texts;

/**
 * Owners and review dates: every manual has an owner (an owner or editor of its workspace) and a
 * review interval; "still accurate" or the publish of a major change is a review. What needs an
 * owner's or editor's attention is listed most urgent first, told by e-mail when a review falls
 * due, and in the weekly digest.
 */
public final class ReviewService implements Stewardship {
  private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

  /** A review due within this many days is listed with the overdue ones. */
  public static final int DUE_SOON_DAYS = 14;

  /** The longest interval offered: five years. */
  public static final int MAX_MONTHS = 60;

  static final int MAX_NOTE_CHARS = 2_000;

  /**
   * Told when a manual's review falls due (the webhook event), in the transaction that notes it.
   */
  @FunctionalInterface
  public interface DueListener {
    void due(DSLContext tx, ReviewRepository.Row manual, LocalDate due);
  }

  private final DSLContext db;
  private final ReviewRepository reviews;
  private final ManualService manuals;
  private final AuditLog audit;
  private final DueListener onDue;
  private final Optional<Mail> mail;
  private final String baseUrl;
  private final Clock clock;

  public ReviewService(
      DSLContext db,
      ReviewRepository reviews,
      ManualService manuals,
      AuditLog audit,
      DueListener onDue,
      Optional<Mail> mail,
      String baseUrl,
      Clock clock) {
    this.db = db;
    this.reviews = reviews;
    this.manuals = manuals;
    this.audit = audit;
    this.onDue = onDue;
    this.mail = mail;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  // ---- stewardship, as pages show it

  @Override
  public Optional<Steward> ofManual(long manualId) {
    return reviews.byManual(db, manualId).map(this::steward);
  }

  @Override
  public Map<String, Steward> inWorkspace(long workspaceId) {
    Map<String, Steward> stewards = new HashMap<>();
    reviews.inWorkspace(db, workspaceId).forEach(r -> stewards.put(r.manualSlug(), steward(r)));
    return stewards;
  }

  private Steward steward(ReviewRepository.Row r) {
    LocalDate due = due(r);
    LocalDate today = today(r);
    return new Steward(
        r.ownerId(),
        r.ownerName(),
        r.months(),
        r.reviewedAt(),
        due,
        due != null && due.isBefore(today));
  }

  /**
   * Months after the last review, or after the manual's creation when never reviewed, counted in
   * the workspace's days: reviewed at 00:30 in Paris is that day there, not the day before in UTC.
   */
  static LocalDate due(ReviewRepository.Row r) {
    if (r.months() == null) {
      return null;
    }
    OffsetDateTime from = r.reviewedAt() != null ? r.reviewedAt() : r.createdAt();
    return from.atZoneSameInstant(r.zone()).toLocalDate().plusMonths(r.months());
  }

  /** When a due date begins where the workspace works. */
  private static OffsetDateTime startOf(LocalDate day, ReviewRepository.Row r) {
    return day.atStartOfDay(r.zone()).toOffsetDateTime();
  }

  /** The manual's review page: its stewardship, who may own it, its open flags and reviews. */
  public record Overview(
      ManualView manual,
      Steward steward,
      List<ReviewRepository.Candidate> candidates,
      List<ReviewRepository.Waiting> flags,
      List<ReviewRepository.Review> reviews) {}

  public Overview overview(Workspace workspace, Role role, String slug) {
    requireEditor(role);
    ManualView view = manuals.view(workspace, slug, role, null);
    long id = view.manual().id();
    return new Overview(
        view,
        ofManual(id).orElseThrow(),
        reviews.candidates(db, workspace.id()),
        reviews.openFlags(db, workspace.id(), id),
        reviews.reviews(db, id, 20));
  }

  // ---- changes

  /** "Still accurate": a review without a new revision; it settles the manual's open flags. */
  public void stillAccurate(Workspace workspace, Role role, Actor actor, String slug, String note) {
    requireEditor(role);
    Manual manual = manuals.require(workspace, slug);
    if (!manual.isPublished()) {
      throw Refusal.conflict("Publish the manual before reviewing it.");
    }
    String why = note(note);
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          reviews.lock(tx, manual.id());
          reviews.insertReview(tx, manual.id(), actor.accountId(), "still_accurate", why);
          int flags = reviews.resolveFlags(tx, manual.id(), actor.accountId());
          audit.record(
              tx,
              actor.accountId(),
              workspace.id(),
              "manual.review",
              slug,
              "still accurate" + (flags > 0 ? ", " + flags + " flag(s) resolved" : ""));
        });
  }

  /** Sets the owner (an owner or editor of the workspace) and the interval (null: none). */
  public void setStewardship(
      Workspace workspace,
      Role role,
      Actor actor,
      String slug,
      @Nullable Long ownerId,
      @Nullable Integer months) {
    setStewardship(workspace, role, actor, slug, ownerId, months, false);
  }

  /**
   * Sets the owner and keeps the interval as it is when the manual is locked: read before, a
   * colleague's interval set meanwhile was written back over.
   */
  public void setOwner(
      Workspace workspace, Role role, Actor actor, String slug, @Nullable Long ownerId) {
    setStewardship(workspace, role, actor, slug, ownerId, null, true);
  }

  private void setStewardship(
      Workspace workspace,
      Role role,
      Actor actor,
      String slug,
      @Nullable Long ownerId,
      @Nullable Integer asked,
      boolean keepMonths) {
    Integer months = asked;
    requireEditor(role);
    Manual manual = manuals.require(workspace, slug);
    if (months != null && (months < 1 || months > MAX_MONTHS)) {
      throw Refusal.invalid(
          "months", "The review interval is between 1 and " + MAX_MONTHS + " months, or none.");
    }
    if (ownerId == null) {
      throw Refusal.invalid("owner", "Choose the manual's owner.");
    }
    if (reviews.candidates(db, workspace.id()).stream().noneMatch(c -> c.id() == ownerId)) {
      throw Refusal.invalid("owner", "The owner must be an owner or editor of this workspace.");
    }
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          reviews.lock(tx, manual.id());
          Integer interval =
              keepMonths
                  ? reviews.byManual(tx, manual.id()).map(ReviewRepository.Row::months).orElse(null)
                  : months;
          reviews.setStewardship(tx, manual.id(), ownerId, interval);
          audit.record(
              tx,
              actor.accountId(),
              workspace.id(),
              "manual.stewardship",
              slug,
              "owner "
                  + ownerId
                  + ", review "
                  + (interval == null ? "none" : interval + " months"));
        });
  }

  /** A reader's "looks out of date" on a published procedure. */
  public long flag(
      Workspace workspace, Role role, Actor actor, String slug, String key, String note) {
    if (role == Role.RECRUITER) {
      throw Refusal.forbidden("Recruiters do not flag procedures.");
    }
    ManualView view = manuals.view(workspace, slug, Role.ASSISTANT, null);
    String why = note(note);
    if (why.isEmpty()) {
      throw Refusal.invalid("note", "Say what looks out of date: the owners read it.");
    }
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          long procedureId =
              reviews
                  .currentProcedure(tx, view.manual().id(), key)
                  .orElseThrow(() -> Refusal.notFound("This manual has no procedure " + key + "."));
          long id = reviews.insertFlag(tx, view.manual().id(), procedureId, actor.accountId(), why);
          audit.record(
              tx, actor.accountId(), workspace.id(), "procedure.flag", slug + "#" + key, why);
          return id;
        });
  }

  public void resolveFlag(Workspace workspace, Role role, Actor actor, long id) {
    requireEditor(role);
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          if (!reviews.resolveFlag(tx, workspace.id(), id, actor.accountId())) {
            throw Refusal.notFound("There is no open flag " + id + " here.");
          }
          audit.record(
              tx, actor.accountId(), workspace.id(), "procedure.flag.resolve", "flag " + id, "");
        });
  }

  /**
   * In the transaction of every publish: who publishes a manual first owns it (when an owner or
   * editor), and a major change counts as a review.
   */
  public static Published.Listener onPublish(ReviewRepository reviews) {
    return (tx, p) -> {
      reviews.adopt(tx, p.manualId(), p.actor().accountId());
      if (!p.minor()) {
        reviews.insertReview(tx, p.manualId(), p.actor().accountId(), "major_publish", "");
      }
    };
  }

  /** The demo's sample manuals, imported by the system, are owned by the demo owner. */
  public int adoptAll(Workspace workspace, long accountId) {
    return reviews.adoptAll(db, workspace.id(), accountId);
  }

  // ---- what needs attention

  public enum Kind {
    REVIEW_OVERDUE,
    REVIEW_DUE,
    FLAG,
    QUESTION,
    RESUBMITTED,
    RUN_PROBLEM
  }

  /**
   * One thing waiting for an owner or editor. {@code since} is when it became due (a review's due
   * date) or started waiting (a flag, a question, a suggestion): the earliest is the most urgent.
   */
  public record Item(
      Kind kind,
      OffsetDateTime since,
      String manualTitle,
      String procedureTitle,
      String by,
      String note,
      String url) {}

  public List<Item> attention(Workspace workspace, Role role) {
    requireEditor(role);
    return attention(workspace.id(), workspace.slug());
  }

  private List<Item> attention(long workspaceId, String workspaceSlug) {
    String base = "/w/" + workspaceSlug;
    List<Item> items = new ArrayList<>();
    for (ReviewRepository.Row r : reviews.inWorkspace(db, workspaceId)) {
      LocalDate today = today(r);
      LocalDate due = due(r);
      if (due != null && !due.isAfter(today.plusDays(DUE_SOON_DAYS))) {
        items.add(
            new Item(
                due.isBefore(today) ? Kind.REVIEW_OVERDUE : Kind.REVIEW_DUE,
                startOf(due, r),
                r.title(),
                "",
                r.ownerName() == null ? "" : r.ownerName(),
                "",
                base + "/m/" + r.manualSlug() + "/review"));
      }
    }
    for (var f : reviews.openFlags(db, workspaceId, null)) {
      items.add(
          new Item(
              Kind.FLAG,
              f.since(),
              f.manualTitle(),
              f.procedureTitle(),
              f.byName(),
              f.note(),
              base + "/m/" + f.manualSlug() + "/review"));
    }
    for (var q : reviews.openQuestions(db, workspaceId)) {
      items.add(
          new Item(
              Kind.QUESTION,
              q.since(),
              q.manualTitle(),
              q.procedureTitle(),
              q.byName(),
              q.note(),
              base + "/questions/" + q.id()));
    }
    for (var s : reviews.resubmitted(db, workspaceId)) {
      items.add(
          new Item(
              Kind.RESUBMITTED,
              s.since(),
              s.manualTitle(),
              s.procedureTitle(),
              s.byName(),
              s.note(),
              base + "/suggestions/" + s.id()));
    }
    for (var r : reviews.runProblems(db, workspaceId)) {
      items.add(
          new Item(
              Kind.RUN_PROBLEM,
              r.since(),
              r.manualTitle(),
              r.procedureTitle(),
              r.byName(),
              r.note(),
              base + "/runs/" + r.id()));
    }
    items.sort(Comparator.comparing(Item::since).thenComparing(Item::kind));
    return items;
  }

  /**
   * The digest's part for an owner or editor: what needs attention in the workspace, or empty when
   * nothing does.
   */
  public String digest(long workspaceId, String language) {
    String workspaceSlug = reviews.workspaceSlug(db, workspaceId);
    List<Item> items = attention(workspaceId, workspaceSlug);
    if (items.isEmpty()) {
      return "";
    }
    boolean french = !"en".equals(language);
    StringBuilder text =
        new StringBuilder(
            french
                ? "À revoir (" + items.size() + ") :\n\n"
                : "Needing your attention (" + items.size() + "):\n\n");
    for (Item item : items) {
      text.append("- ")
          .append(label(item.kind(), french))
          .append(french ? " : " : ": ")
          .append(item.manualTitle());
      if (!item.procedureTitle().isEmpty()) {
        text.append(" › ").append(item.procedureTitle());
      }
      text.append("\n  ").append(baseUrl).append(item.url()).append('\n');
    }
    text.append(french ? "\nTout voir : " : "\nSee it all: ")
        .append(baseUrl)
        .append("/w/")
        .append(workspaceSlug)
        .append("/review\n");
    return text.toString();
  }

  private static String label(Kind kind, boolean french) {
    return switch (kind) {
      case REVIEW_OVERDUE -> french ? "Revue en retard" : "Review overdue";
      case REVIEW_DUE -> french ? "Revue à faire bientôt" : "Review due soon";
      case FLAG -> french ? "Signalée obsolète" : "Flagged out of date";
      case QUESTION -> french ? "Question ouverte" : "Open question";
      case RESUBMITTED -> french ? "Proposition soumise à nouveau" : "Suggestion submitted again";
      case RUN_PROBLEM ->
          french ? "Déroulé terminé avec un problème" : "Run finished with a problem";
    };
  }

  /**
   * Tells each manual's owner (or, without one, the workspace's owners) once that its review is
   * due, by e-mail and by the {@code review.due} webhook event. Every node may run it: the due date
   * is noted under the manual's lock before anything is sent.
   *
   * @return how many manuals fell due
   */
  public int announceDue() {
    int announced = 0;
    for (ReviewRepository.Row candidate : reviews.withInterval(db)) {
      LocalDate due = due(candidate);
      if (due == null || due.isAfter(today(candidate))) {
        continue;
      }
      OffsetDateTime dueAt = startOf(due, candidate);
      if (told(candidate, dueAt)) {
        continue;
      }
      Optional<ReviewRepository.Row> told =
          db.transactionResult(
              configuration -> {
                DSLContext tx = configuration.dsl();
                reviews.lock(tx, candidate.manualId());
                var fresh = reviews.byManual(tx, candidate.manualId()).orElseThrow();
                if (!due.equals(due(fresh)) || told(fresh, dueAt)) {
                  return Optional.<ReviewRepository.Row>empty();
                }
                reviews.markTold(tx, fresh.manualId(), dueAt);
                onDue.due(tx, fresh, due);
                return Optional.of(fresh);
              });
      if (told.isPresent()) {
        announced++;
        tell(told.get(), due);
      }
    }
    return announced;
  }

  private void tell(ReviewRepository.Row manual, LocalDate due) {
    if (mail.isEmpty()) {
      return;
    }
    List<ReviewRepository.Recipient> to =
        manual.ownerEmail() != null
            ? List.of(
                new ReviewRepository.Recipient(
                    manual.ownerEmail(), manual.ownerName(), manual.ownerLanguage()))
            : reviews.workspaceOwners(db, manual.workspaceId());
    String url = baseUrl + "/w/" + manual.workspaceSlug() + "/m/" + manual.manualSlug() + "/review";
    for (ReviewRepository.Recipient recipient : to) {
      boolean french = !"en".equals(recipient.language());
      String subject =
          french ? "Revue à faire : " + manual.title() : "Review due: " + manual.title();
      String body =
          (french ? "Bonjour " : "Hello ")
              + recipient.name()
              + ",\n\n"
              + (french
                  ? "Le manuel « "
                      + manual.title()
                      + " » devait être revu le "
                      + Texts.of("fr").date(due)
                      + ".\n"
                      + "Relisez-le, puis confirmez qu'il est toujours exact ou publiez les corrections :\n"
                  : "The manual \""
                      + manual.title()
                      + "\" was due for review on "
                      + Texts.of("en").date(due)
                      + ".\n"
                      + "Read it through, then confirm it is still accurate or publish the fixes:\n")
              + url
              + "\n";
      try {
        mail.get().send(recipient.email(), subject, body);
      } catch (Exception e) {
        log.warn("Review e-mail to {} not sent: {}", recipient.email(), e.getMessage());
      }
    }
  }

  /**
   * Whether the owners were already told of the review due at {@code dueAt}. A day's slack: due
   * dates stored before they were counted in the workspace's zone began at midnight UTC, and must
   * not be announced a second time; two due dates of one manual are at least a month apart.
   */
  private static boolean told(ReviewRepository.Row r, OffsetDateTime dueAt) {
    return r.dueTold() != null && !r.dueTold().isBefore(dueAt.minusDays(1));
  }

  /** Today where the manual's workspace works. */
  private LocalDate today(ReviewRepository.Row r) {
    return LocalDate.now(clock.withZone(r.zone()));
  }

  private static String note(String note) {
    String why = note == null ? "" : note.strip();
    if (why.length() > MAX_NOTE_CHARS) {
      throw Refusal.invalid("note", "The note is longer than " + MAX_NOTE_CHARS + " characters.");
    }
    return why;
  }

  private static void requireEditor(Role role) {
    if (!role.canEdit()) {
      throw Refusal.forbidden("Owners and editors review manuals.");
    }
  }
}
