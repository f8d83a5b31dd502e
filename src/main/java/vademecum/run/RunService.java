package vademecum.run;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import vademecum.ack.AckService;
import vademecum.ack.InboxRun;
import vademecum.audit.AuditLog;
import vademecum.file.FileService;
import vademecum.file.StoredFile;
import vademecum.kernel.Actor;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.AckStatus;
import vademecum.manual.Changes;
import vademecum.manual.ManualService;
import vademecum.manual.ManualView;
import vademecum.manual.ProcedureStanding;
import vademecum.manual.RunHistory;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.Steps;

/**
 * Checklist runs: a procedure worked through step by step, frozen on the version it was started on.
 * Owners, editors and assistants run procedures; recruiters (who share manuals, not do the work)
 * and candidates never see runs.
 */
public final class RunService {

  static final int MAX_TITLE = 200;
  static final int MAX_NOTE = 2000;

  private final DSLContext db;
  private final RunRepository runs;
  private final ManualService manuals;
  private final AckService acks;
  private final MarkdownRenderer markdown;
  private final AuditLog audit;
  private final Clock clock;
  private final List<RunEvent.Listener> listeners;
  private final RunMail mail;
  private final FileService files;

  /** The zones both Java and the database know; read once, as the server's data do not change. */
  private volatile List<String> zones;

  public RunService(
      DSLContext db,
      RunRepository runs,
      ManualService manuals,
      AckService acks,
      MarkdownRenderer markdown,
      AuditLog audit,
      Clock clock,
      List<RunEvent.Listener> listeners,
      RunMail mail,
      FileService files) {
    this.listeners = listeners;
    this.mail = mail;
    this.files = files;
    this.db = db;
    this.runs = runs;
    this.manuals = manuals;
    this.acks = acks;
    this.markdown = markdown;
    this.audit = audit;
    this.clock = clock;
  }

  static void requireRunner(Role role) {
    if (role == Role.RECRUITER) {
      throw Refusal.forbidden("Runs are for the workspace's owners, editors and assistants.");
    }
  }

  /**
   * What the start page shows: the procedure as published now, its steps, and, when the reader has
   * not acknowledged its latest major change, what changed since the version they did acknowledge.
   *
   * @param standing the reader's acknowledgement of the procedure; null for owners, who write
   *     procedures rather than acknowledge them
   * @param changes null unless the reader acknowledged an older version
   */
  public record Starting(
      ManualView manual,
      String key,
      String procedureTitle,
      int versionNumber,
      @Nullable ProcedureStanding standing,
      String procedureHtml,
      List<String> steps,
      List<String> stepsHtml,
      String defaultTitle,
      @Nullable Changes changes) {

    public boolean acknowledgementNeeded() {
      return standing != null && standing.status() != AckStatus.CURRENT;
    }
  }

  public Starting starting(
      Workspace workspace, Role role, long readerId, String manualSlug, String key) {
    requireRunner(role);
    ManualView view = manuals.view(workspace, manualSlug, Role.ASSISTANT, null);
    RunRepository.Version version =
        runs.current(db, view.manual().id(), key)
            .orElseThrow(() -> Refusal.notFound("This manual has no procedure " + key + "."));
    List<String> steps = Steps.of(markdown, version.markdown());
    if (steps.isEmpty()) {
      throw Refusal.badRequest(
          "This procedure has no steps to run: write them as a numbered list or as task items"
              + " (- [ ] …).");
    }
    ProcedureStanding standing = acks.standingsInManual(readerId, view.manual().id()).get(key);
    Changes changes = null;
    if (standing != null && standing.status() == AckStatus.OUTDATED) {
      changes =
          runs.versionText(db, version.procedureId(), standing.ackedNumber())
              .map(before -> manuals.changes(before, version.markdown()))
              .orElse(null);
    }
    return new Starting(
        view,
        key,
        version.title(),
        version.number(),
        standing,
        markdown.render(version.markdown()),
        steps,
        steps.stream().map(markdown::render).toList(),
        defaultTitle(version.title(), view.manual().language(), today(workspace)),
        changes);
  }

  /**
   * "Rapprochement bancaire — mars 2027": the procedure and the month, in its manual's language.
   */
  static String defaultTitle(String procedureTitle, String language, LocalDate today) {
    String month =
        today.format(DateTimeFormatter.ofPattern("LLLL yyyy", Locale.forLanguageTag(language)));
    return procedureTitle + " — " + month;
  }

  /**
   * Acknowledges the version the start page showed ({@code shownVersionId}), if it is still the
   * procedure's current one. A version published since the page was shown is not one the reader has
   * read: nothing is recorded, and the start page shows them the newer change.
   */
  public void acknowledge(
      Workspace workspace,
      Role role,
      Actor actor,
      String manualSlug,
      String key,
      Long shownVersionId) {
    Starting starting = starting(workspace, role, actor.accountId(), manualSlug, key);
    // Owners write procedures and acknowledge none: for them there is nothing to record.
    if (starting.standing() != null
        && shownVersionId != null
        && shownVersionId == starting.standing().currentVersionId()) {
      acks.acknowledge(actor.accountId(), workspace.id(), List.of(shownVersionId));
    }
  }

  /**
   * Starts a run on the procedure's current version.
   *
   * @param title blank for the default ("procedure — month")
   * @param due blank, or a date as {@code 2027-03-31}
   * @throws Refusal the reader has not acknowledged the latest major change (409), the procedure
   *     has no steps (400)
   */
  public Run start(
      Workspace workspace,
      Role role,
      Actor actor,
      String manualSlug,
      String key,
      String title,
      String due) {
    Starting starting = starting(workspace, role, actor.accountId(), manualSlug, key);
    if (starting.acknowledgementNeeded()) {
      throw Refusal.conflict(
          "Acknowledge the procedure's latest version before running it: it changed since you"
              + " last confirmed it.");
    }
    String chosen = title == null || title.isBlank() ? starting.defaultTitle() : title.strip();
    if (chosen.length() > MAX_TITLE) {
      throw Refusal.invalid("title", "A run's title has at most " + MAX_TITLE + " characters.");
    }
    LocalDate dueOn = dueDate(due);
    RunRepository.Version version =
        runs.current(db, starting.manual().manual().id(), key)
            .filter(v -> v.number() == starting.versionNumber())
            .orElseThrow(
                () ->
                    Refusal.conflict(
                        "The procedure changed while you were starting: read it again."));
    long id =
        db.transactionResult(
            c -> {
              long runId =
                  runs.insert(
                          c.dsl(),
                          workspace.id(),
                          version,
                          chosen,
                          dueOn,
                          actor.accountId(),
                          null,
                          null,
                          starting.steps())
                      .orElseThrow();
              audit.record(
                  c.dsl(),
                  actor.accountId(),
                  workspace.id(),
                  "run.start",
                  String.valueOf(runId),
                  manualSlug + "#" + key + " v" + version.number());
              tell(c.dsl(), "started", runId);
              return runId;
            });
    return require(workspace, id);
  }

  private static LocalDate dueDate(String due) {
    if (due == null || due.isBlank()) {
      return null;
    }
    LocalDate date = RunFilter.calendarDate(due);
    if (date == null) {
      throw Refusal.invalid("due", "Write the due date as a date, e.g. 2027-03-31.");
    }
    return date;
  }

  public Run require(Workspace workspace, long runId) {
    return runs.find(db, workspace.id(), runId)
        .orElseThrow(() -> Refusal.notFound("There is no such run in this workspace."));
  }

  /**
   * A file on a step: an image is shown, anything else linked; {@code sha256} names it in a run.
   */
  public record Attachment(String name, String url, boolean image, String sha256) {}

  /** A step with its text as safe HTML, and the files added to it. */
  public record Step(RunStep step, String html, List<Attachment> files) {}

  /** A run with its steps and its record of ticks. */
  public record RunView(Run run, List<Step> steps, List<RunTick> ticks) {
    public long done() {
      return steps.stream().filter(s -> !s.step().open()).count();
    }
  }

  public RunView view(Workspace workspace, Role role, long runId) {
    requireRunner(role);
    Run run = require(workspace, runId);
    Map<Integer, List<Attachment>> attached = new LinkedHashMap<>();
    for (RunRepository.StepFile f : runs.files(db, runId)) {
      attached
          .computeIfAbsent(f.position(), p -> new ArrayList<>())
          .add(
              new Attachment(
                  f.name(),
                  StoredFile.url(run.workspaceSlug(), f.sha256(), f.name()),
                  f.contentType().startsWith("image/"),
                  f.sha256()));
    }
    List<Step> steps =
        runs.steps(db, runId).stream()
            .map(
                s ->
                    new Step(
                        s,
                        markdown.render(s.text()),
                        attached.getOrDefault(s.position(), List.of())))
            .toList();
    return new RunView(run, steps, runs.ticks(db, runId));
  }

  /**
   * Sets one step: done, back to open, not applicable or a problem (these two with a note saying
   * why). Ticks on different steps go on side by side; none is lost. With {@code seen}, the state
   * the page showed: if someone changed the step since (to another state than the one asked),
   * nothing is written and the person is told, instead of their "Done" silently replaced. (Null:
   * whatever the step is now.)
   */
  public RunView tick(
      Workspace workspace,
      Role role,
      Actor actor,
      long runId,
      int position,
      String state,
      String note,
      @Nullable String seen) {
    requireRunner(role);
    if (state == null || !RunStep.STATES.contains(state)) {
      throw Refusal.invalid("state", "Choose done, open, not applicable or problem.");
    }
    String kept = note == null || note.isBlank() ? null : note.strip();
    if (RunStep.EXPLAINED.contains(state) && kept == null) {
      throw Refusal.invalid("note", "Say why in a note.");
    }
    if (kept != null && kept.length() > MAX_NOTE) {
      throw Refusal.invalid("note", "A note has at most " + MAX_NOTE + " characters.");
    }
    db.transaction(
        c -> {
          DSLContext tx = c.dsl();
          lockOpen(tx, workspace, runId);
          if (seen != null && !seen.isBlank()) {
            runs.stepForUpdate(tx, runId, position)
                .filter(now -> !now.state().equals(seen) && !now.state().equals(state))
                .ifPresent(
                    now -> {
                      throw now.changedBy() == null
                          ? Refusal.conflict(
                              "Someone changed this step since you opened the page: look at it"
                                  + " again.")
                          : Refusal.conflict(
                              "%s changed this step since you opened the page: look at it again."
                                  .formatted(now.changedBy()));
                    });
          }
          if (!runs.tick(tx, runId, position, state, kept, actor.accountId())) {
            throw Refusal.notFound("This run has no step " + position + ".");
          }
        });
    return view(workspace, role, runId);
  }

  /**
   * Takes the shared lock that lets steps change side by side and keeps the run from being finished
   * meanwhile; refuses a finished run.
   */
  private void lockOpen(DSLContext tx, Workspace workspace, long runId) {
    boolean open =
        runs.lockOpen(tx, workspace.id(), runId, false)
            .orElseThrow(() -> Refusal.notFound("There is no such run in this workspace."));
    if (!open) {
      throw Refusal.conflict("This run is finished: its steps can no longer change.");
    }
  }

  /**
   * Adds a file to a step as evidence (a screenshot of the statement, a receipt): stored and
   * checked like any of the workspace's files, shown on the step, recorded in the run's record.
   */
  public RunView attach(
      Workspace workspace,
      Role role,
      Actor actor,
      long runId,
      int position,
      String name,
      byte[] bytes) {
    requireRunner(role);
    Run run = require(workspace, runId);
    if (!run.open()) {
      throw Refusal.conflict("This run is finished: its steps can no longer change.");
    }
    if (!runs.hasStep(db, runId, position)) {
      throw Refusal.notFound("This run has no step " + position + ".");
    }
    StoredFile file = files.upload(workspace, actor, name, bytes);
    db.transaction(
        c -> {
          DSLContext tx = c.dsl();
          lockOpen(tx, workspace, runId);
          runs.attach(tx, runId, position, file.id(), actor.accountId());
          runs.record(tx, runId, position, "file", file.name(), actor.accountId());
        });
    return view(workspace, role, runId);
  }

  /**
   * Takes a file off a step while the run is open (the wrong scan, the wrong step); the run's
   * record keeps that it was there and who took it off. The file stays stored while anything else
   * uses it.
   */
  public RunView detach(
      Workspace workspace, Role role, Actor actor, long runId, int position, String sha256) {
    requireRunner(role);
    db.transaction(
        c -> {
          DSLContext tx = c.dsl();
          lockOpen(tx, workspace, runId);
          String name =
              runs.detach(tx, runId, position, sha256)
                  .orElseThrow(() -> Refusal.notFound("This step has no such file."));
          runs.record(tx, runId, position, "file_removed", name, actor.accountId());
        });
    return view(workspace, role, runId);
  }

  /** Ends the run: done, or done with problems when a step was marked as one. */
  public Run finish(Workspace workspace, Role role, Actor actor, long runId) {
    requireRunner(role);
    db.transaction(
        c -> {
          DSLContext tx = c.dsl();
          boolean open =
              runs.lockOpen(tx, workspace.id(), runId, true)
                  .orElseThrow(() -> Refusal.notFound("There is no such run in this workspace."));
          if (!open) {
            throw Refusal.conflict("This run is already finished.");
          }
          RunRepository.Tally tally = runs.tally(tx, runId);
          if (tally.open() > 0) {
            throw tally.open() == 1
                ? Refusal.conflict(
                    "1 step is still open: tick it, or mark it not applicable, first.")
                : Refusal.conflict(
                    tally.open()
                        + " steps are still open: tick them, or mark them not applicable, first.");
          }
          String outcome = tally.problems() > 0 ? "problems" : "done";
          runs.finish(tx, runId, outcome, actor.accountId());
          audit.record(
              tx, actor.accountId(), workspace.id(), "run.finish", String.valueOf(runId), outcome);
          tell(tx, "done", runId);
        });
    return require(workspace, runId);
  }

  private void tell(DSLContext tx, String kind, long runId) {
    Run run = runs.byId(tx, runId).orElseThrow();
    listeners.forEach(listener -> listener.on(tx, new RunEvent(kind, run)));
  }

  /**
   * Tells once that each open run past its due date (in its workspace's zone) is overdue; every
   * node may run it. Returns how many.
   */
  public int announceOverdue() {
    List<Long> overdue =
        db.transactionResult(
            c -> {
              List<Long> taken = runs.takeOverdue(c.dsl(), clock.instant());
              taken.forEach(id -> tell(c.dsl(), "overdue", id));
              return taken;
            });
    // After the commit: the mail is sent once the announcement is recorded.
    for (long id : overdue) {
      runs.byId(db, id)
          .ifPresent(run -> runs.recipient(db, id).ifPresent(to -> mail.overdue(to, run)));
    }
    return overdue.size();
  }

  /** Runs listed under each procedure of a manual's page. */
  static final int RECENT_PER_PROCEDURE = 3;

  /** The latest three runs of each procedure of the manual, for its page. */
  public Map<String, List<RunHistory.Recent>> recentInManual(long manualId) {
    Map<String, List<RunHistory.Recent>> recent = new LinkedHashMap<>();
    for (Run run : runs.ofManual(db, manualId, 300)) {
      List<RunHistory.Recent> listed =
          recent.computeIfAbsent(run.procedureKey(), key -> new ArrayList<>());
      if (listed.size() < RECENT_PER_PROCEDURE) {
        String state = run.open() ? (run.overdue(clock) ? "overdue" : "open") : run.outcome();
        listed.add(
            new RunHistory.Recent(
                run.title(), run.url(), state, run.open() ? run.startedAt() : run.finishedAt()));
      }
    }
    return recent;
  }

  /** The open runs for this person, in every workspace, as their inbox lists them. */
  public List<InboxRun> inbox(long accountId) {
    return runs.openFor(db, accountId).stream()
        .map(run -> new InboxRun(run.title(), run.url(), run.dueOn(), run.overdue(clock)))
        .toList();
  }

  /** The workspace's runs: open ones first, then those finished lately. */
  public List<Run> list(Workspace workspace, Role role) {
    return list(workspace, role, RunFilter.ALL);
  }

  /** The workspace's runs that the filter keeps: up to 200 open ones, then 100 finished. */
  public List<Run> list(Workspace workspace, Role role, RunFilter filter) {
    requireRunner(role);
    return runs.list(
        db,
        workspace.id(),
        RunRepository.where(filter, today(workspace), zone(workspace)),
        200,
        100);
  }

  /** Every step of the runs the filter keeps, for the CSV export (the newest 20,000 runs). */
  public List<RunRepository.StepRow> steps(Workspace workspace, Role role, RunFilter filter) {
    requireRunner(role);
    return runs.stepRows(
        db, workspace.id(), RunRepository.where(filter, today(workspace), zone(workspace)), 20_000);
  }

  /** The workspace's time zone (a setting, Europe/Paris unless its owners chose another). */
  public ZoneId zone(Workspace workspace) {
    return runs.zoneOf(db, workspace.id());
  }

  /** Today in the workspace's calendar: what "overdue" is measured against. */
  public LocalDate today(Workspace workspace) {
    return LocalDate.now(clock.withZone(zone(workspace)));
  }

  /**
   * Every time zone a workspace may choose: those of Java's list (which computes "today" on the
   * pages) that the database knows too (which computes it for schedules and overdue notices). Java
   * knows the 13 {@code SystemV/*} zones and PostgreSQL does not; an external server's older
   * time-zone database may lack newer zones.
   */
  public List<String> zones() {
    List<String> known = zones;
    if (known == null) {
      Set<String> database = runs.zoneNames(db);
      known =
          ZoneId.getAvailableZoneIds().stream()
              .filter(z -> z.contains("/") && database.contains(z))
              .sorted()
              .toList();
      zones = known;
    }
    return known;
  }

  /** Owners set the workspace's time zone, in which due dates fall and reminders go. */
  public void setZone(Workspace workspace, Role role, Actor actor, String zone) {
    if (role != Role.OWNER) {
      throw Refusal.forbidden("Only the workspace's owners can do this.");
    }
    String id = zone == null ? "" : zone.strip();
    if (!zones().contains(id)) {
      throw Refusal.invalid("zone", "Choose a time zone such as Europe/Paris or America/Montreal.");
    }
    db.transaction(
        c -> {
          runs.setZone(c.dsl(), workspace.id(), ZoneId.of(id));
          audit.record(c.dsl(), actor.accountId(), workspace.id(), "workspace.zone", id, "");
        });
  }
}
