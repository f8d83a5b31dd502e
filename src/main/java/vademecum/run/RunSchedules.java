package vademecum.run;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.audit.AuditLog;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualService;
import vademecum.manual.ManualView;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.Steps;

/**
 * Recurring runs: owners and editors schedule a procedure for a member; each run is created a few
 * days before its due date, frozen on the procedure's version of that day. Every node tries; a
 * schedule is locked while one creates its runs and a run exists once per due date.
 */
public final class RunSchedules {
  private static final Logger log = LoggerFactory.getLogger(RunSchedules.class);

  /** After a long stop, at most this many missed runs of one schedule are created at once. */
  static final int MAX_CATCH_UP = 62;

  static final int DEFAULT_LEAD_DAYS = 2;

  private final DSLContext db;
  private final ScheduleRepository schedules;
  private final RunRepository runs;
  private final ManualService manuals;
  private final MarkdownRenderer markdown;
  private final AuditLog audit;
  private final Clock clock;
  private final List<RunEvent.Listener> listeners;
  private final RunMail mail;

  public RunSchedules(
      DSLContext db,
      ScheduleRepository schedules,
      RunRepository runs,
      ManualService manuals,
      MarkdownRenderer markdown,
      AuditLog audit,
      Clock clock,
      List<RunEvent.Listener> listeners,
      RunMail mail) {
    this.listeners = listeners;
    this.mail = mail;
    this.db = db;
    this.schedules = schedules;
    this.runs = runs;
    this.manuals = manuals;
    this.markdown = markdown;
    this.audit = audit;
    this.clock = clock;
  }

  private static void requireEditor(Role role) {
    if (!role.canEdit()) {
      throw Refusal.forbidden("Only the workspace's owners and editors schedule procedures.");
    }
  }

  /** What the schedule page shows: the procedure, its schedules, the people who can run it. */
  public record Scheduling(
      ManualView manual,
      String key,
      ZoneId zone,
      RunRepository.Version version,
      List<Schedule> schedules,
      List<ScheduleRepository.Assignable> people,
      boolean hasSteps) {}

  public Scheduling scheduling(Workspace workspace, Role role, String manualSlug, String key) {
    requireEditor(role);
    ManualView view = manuals.view(workspace, manualSlug, Role.ASSISTANT, null);
    RunRepository.Version version =
        runs.current(db, view.manual().id(), key)
            .orElseThrow(() -> Refusal.notFound("This manual has no procedure " + key + "."));
    List<Schedule> existing = schedules.active(db, workspace.id(), version.procedureId());
    boolean hasSteps = !Steps.of(markdown, version.markdown()).isEmpty();
    if (!hasSteps && existing.isEmpty()) {
      throw Refusal.badRequest(NO_STEPS);
    }
    // Steps removed since it was scheduled: the page still shows its schedules (to stop them),
    // and says they make no run until the procedure has steps again.
    return new Scheduling(
        view,
        key,
        runs.zoneOf(db, workspace.id()),
        version,
        existing,
        schedules.assignable(db, workspace.id()),
        hasSteps);
  }

  static final String NO_STEPS =
      "This procedure has no steps to run: write them as a numbered list or as task items"
          + " (- [ ] …).";

  /**
   * The schedules whose procedure has no steps now: each due date passes without a run (a line in
   * the log said so, and nobody read it), so the runs page says they are paused.
   */
  public Set<Long> withoutSteps(List<Schedule> list) {
    Set<Long> paused = new HashSet<>();
    for (Schedule schedule : list) {
      boolean steps =
          runs.currentOf(db, schedule.procedureId())
              .map(v -> !Steps.of(markdown, v.markdown()).isEmpty())
              .orElse(false);
      if (!steps) {
        paused.add(schedule.id());
      }
    }
    return paused;
  }

  /**
   * Schedules the procedure.
   *
   * @param frequency daily, weekly, monthly or quarterly
   * @param day the weekday (1–7) for weekly; the day of the month (1–31) or {@code last} (its last
   *     working day) for monthly and quarterly
   * @param assignee the account id of the member who does it
   * @param leadDays how many days ahead each run is created (blank: 2)
   */
  public Schedule schedule(
      Workspace workspace,
      Role role,
      Actor actor,
      String manualSlug,
      String key,
      String frequency,
      String day,
      String assignee,
      String leadDays) {
    Scheduling scheduling = scheduling(workspace, role, manualSlug, key);
    if (!scheduling.hasSteps()) {
      throw Refusal.badRequest(NO_STEPS);
    }
    Recurrence.Frequency chosen;
    try {
      chosen = Recurrence.Frequency.fromColumn(frequency == null ? "" : frequency.strip());
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("frequency", "Choose every day, week, month or quarter.");
    }
    LocalDate today = today(workspace);
    Recurrence recurrence = recurrence(chosen, day, YearMonth.from(today));
    long assigneeId = number(assignee, "assignee", "Choose who does it.");
    if (scheduling.people().stream().noneMatch(p -> p.accountId() == assigneeId)) {
      throw Refusal.invalid("assignee", "Choose who does it.");
    }
    int lead =
        leadDays == null || leadDays.isBlank()
            ? DEFAULT_LEAD_DAYS
            : (int) number(leadDays, "leadDays", "Create runs 0 to 31 days ahead.");
    if (lead < 0 || lead > 31) {
      throw Refusal.invalid("leadDays", "Create runs 0 to 31 days ahead.");
    }
    LocalDate first = recurrence.firstOnOrAfter(today);
    long id =
        db.transactionResult(
            c -> {
              long scheduleId =
                  schedules.insert(
                      c.dsl(),
                      workspace.id(),
                      scheduling.version().procedureId(),
                      recurrence,
                      assigneeId,
                      lead,
                      first,
                      actor.accountId());
              audit.record(
                  c.dsl(),
                  actor.accountId(),
                  workspace.id(),
                  "schedule.create",
                  String.valueOf(scheduleId),
                  manualSlug + "#" + key + " " + chosen.column());
              return scheduleId;
            });
    // Its first run may already be due: created now, not at the next background pass.
    create(id, clock.instant());
    return schedules.active(db, workspace.id(), scheduling.version().procedureId()).stream()
        .filter(s -> s.id() == id)
        .findFirst()
        .orElseThrow();
  }

  private static Recurrence recurrence(Recurrence.Frequency frequency, String day, YearMonth now) {
    String text = day == null ? "" : day.strip();
    return switch (frequency) {
      case DAILY -> new Recurrence(frequency, 0, false, now);
      case WEEKLY -> {
        long weekday = number(text, "day", "Choose the day of the week.");
        if (weekday < 1 || weekday > 7) {
          throw Refusal.invalid("day", "Choose the day of the week.");
        }
        yield new Recurrence(frequency, (int) weekday, false, now);
      }
      case MONTHLY, QUARTERLY -> {
        if (text.equals("last")) {
          yield new Recurrence(frequency, 0, true, now);
        }
        long dayOfMonth =
            number(text, "day", "Choose a day of the month from 1 to 31, or its last working day.");
        if (dayOfMonth < 1 || dayOfMonth > 31) {
          throw Refusal.invalid(
              "day", "Choose a day of the month from 1 to 31, or its last working day.");
        }
        yield new Recurrence(frequency, (int) dayOfMonth, false, now);
      }
    };
  }

  private static long number(String text, String field, String message) {
    try {
      return Long.parseLong(text == null ? "" : text.strip());
    } catch (NumberFormatException e) {
      throw Refusal.invalid(field, message);
    }
  }

  /** The members who run procedures, for the filters and the schedule form. */
  public List<ScheduleRepository.Assignable> people(Workspace workspace) {
    return schedules.assignable(db, workspace.id());
  }

  /**
   * The workspace's schedules, for its runs page: those of an archived or deleted manual (or a
   * procedure it no longer has) create no run, so they are not listed as if they would. They come
   * back with the manual.
   */
  public List<Schedule> active(Workspace workspace, Role role) {
    RunService.requireRunner(role);
    return schedules.active(db, workspace.id(), null).stream().filter(Schedule::live).toList();
  }

  public void stop(Workspace workspace, Role role, Actor actor, long id) {
    requireEditor(role);
    db.transaction(
        c -> {
          if (!schedules.stop(c.dsl(), workspace.id(), id)) {
            throw Refusal.notFound("There is no such schedule in this workspace.");
          }
          audit.record(
              c.dsl(), actor.accountId(), workspace.id(), "schedule.stop", String.valueOf(id), "");
        });
  }

  LocalDate today(Workspace workspace) {
    return LocalDate.now(clock.withZone(runs.zoneOf(db, workspace.id())));
  }

  /** Creates the runs due now; returns how many. */
  public int createDue() {
    return createDue(clock.instant());
  }

  int createDue(Instant now) {
    int created = 0;
    for (long id : schedules.due(db, now)) {
      created += create(id, now);
    }
    return created;
  }

  /** Creates one schedule's runs due at {@code now}; returns how many. */
  private int create(long id, Instant now) {
    List<Run> made = db.transactionResult(c -> createFor(c.dsl(), id, now));
    // After the commit: each assignee hears of the run coming.
    for (Run run : made) {
      runs.recipient(db, run.id()).ifPresent(to -> mail.coming(to, run));
    }
    return made.size();
  }

  private List<Run> createFor(DSLContext tx, long id, Instant now) {
    Optional<Schedule> locked = schedules.lock(tx, id);
    if (locked.isEmpty()) {
      return List.of(); // another node is on it
    }
    Schedule schedule = locked.get();
    LocalDate today = now.atZone(schedule.zone()).toLocalDate();
    LocalDate due = schedule.nextDue();
    List<Run> created = new ArrayList<>();
    for (int i = 0; i < MAX_CATCH_UP && !due.minusDays(schedule.leadDays()).isAfter(today); i++) {
      if (schedule.live()) {
        Optional<RunRepository.Version> version = runs.currentOf(tx, schedule.procedureId());
        List<String> steps = version.map(v -> Steps.of(markdown, v.markdown())).orElse(List.of());
        if (!steps.isEmpty()) {
          Optional<Long> inserted =
              runs.insert(
                  tx,
                  schedule.workspaceId(),
                  version.get(),
                  title(version.get().title(), schedule, due),
                  due,
                  null,
                  schedule.id(),
                  schedule.assigneeId(),
                  steps);
          if (inserted.isPresent()) {
            Run run = runs.byId(tx, inserted.get()).orElseThrow();
            created.add(run);
            listeners.forEach(listener -> listener.on(tx, new RunEvent("started", run)));
          }
        } else {
          log.warn("Schedule {}: its procedure has no steps now; no run for {}", id, due);
        }
      }
      due = schedule.recurrence().after(due);
    }
    schedules.advance(tx, id, due);
    return created;
  }

  /** "Rapprochement bancaire — mars 2027", "— T1 2027", "— 29 mars 2027": its period, in words. */
  static String title(String procedureTitle, Schedule schedule, LocalDate due) {
    Locale locale = Locale.forLanguageTag(schedule.manualLanguage());
    String period =
        switch (schedule.recurrence().frequency()) {
          case DAILY, WEEKLY -> due.format(DateTimeFormatter.ofPattern("d MMMM yyyy", locale));
          case MONTHLY -> due.format(DateTimeFormatter.ofPattern("LLLL yyyy", locale));
          case QUARTERLY ->
              ("fr".equals(schedule.manualLanguage()) ? "T" : "Q")
                  + ((due.getMonthValue() - 1) / 3 + 1)
                  + " "
                  + due.getYear();
        };
    return procedureTitle + " — " + period;
  }
}
