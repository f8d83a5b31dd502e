package vademecum.ack;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.kernel.Background;
import vademecum.manual.AckStatus;
import vademecum.manual.ProcedureStanding;
import vademecum.web.Texts;

/**
 * Sends the reminder e-mails queued by publishes: to each assistant of the workspace with
 * procedures left to read, the list and a link to their inbox. Without SMTP the jobs are closed
 * unsent: the in-app inbox is then the reminder.
 */
public final class Reminders implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Reminders.class);

  private final DSLContext db;
  private final ReminderRepository jobs;
  private final AckRepository acks;
  private final Mailer mailer;
  private final String baseUrl;
  private final Background background = new Background("reminders");

  /**
   * The weekly digest's part for a workspace's owners and editors (what needs their review, issue
   * 24), in their language; empty when nothing does. The review feature answers it.
   */
  @FunctionalInterface
  public interface ForEditors {
    String digest(long workspaceId, String language);
  }

  private final ForEditors forEditors;

  /**
   * @param mailer null when no SMTP server is configured
   */
  public Reminders(
      DSLContext db,
      ReminderRepository jobs,
      AckRepository acks,
      Mailer mailer,
      String baseUrl,
      ForEditors forEditors) {
    this.db = db;
    this.jobs = jobs;
    this.acks = acks;
    this.mailer = mailer;
    this.baseUrl = baseUrl;
    this.forEditors = forEditors;
  }

  public void start(Duration interval) {
    background.every(
        interval,
        interval,
        () -> {
          queueDigest(LocalDate.now(ZoneOffset.UTC));
          runOnce();
        });
  }

  private volatile String digestQueuedFor;

  /**
   * Queues this ISO week's digest (once per week across all nodes, by the unique period). Returns
   * how many workspaces got a new digest job.
   */
  public int queueDigest(LocalDate today) {
    String period =
        today.get(IsoFields.WEEK_BASED_YEAR)
            + "-W"
            + String.format("%02d", today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    if (period.equals(digestQueuedFor)) {
      return 0;
    }
    int queued = db.transactionResult(c -> jobs.queueDigests(c.dsl(), period));
    digestQueuedFor = period;
    return queued;
  }

  /** Handles every pending job; returns how many e-mails were sent. */
  public int runOnce() {
    int sent = 0;
    while (true) {
      Integer handled =
          db.transactionResult(
              configuration -> {
                DSLContext tx = configuration.dsl();
                var job = jobs.take(tx);
                if (job.isEmpty()) {
                  return null;
                }
                try {
                  int count = send(tx, job.get());
                  jobs.done(tx, job.get().id());
                  return count;
                } catch (MessagingException e) {
                  // Those reached are noted in this transaction too: the retry mails the others.
                  log.warn("Reminder e-mails not all sent, will retry: {}", e.getMessage());
                  jobs.failed(tx, job.get().id());
                  return 0;
                }
              });
      if (handled == null) {
        return sent;
      }
      sent += handled;
    }
  }

  /**
   * Mails each person of the job not reached on an earlier attempt. An address the server refuses
   * for good (or that is no address) is logged and passed over; one it refuses for now (a full
   * mailbox) is left for the retry, after the others are mailed; anything else (the server down)
   * stops the job, to be retried later for those left.
   */
  private int send(DSLContext tx, ReminderRepository.Job job) throws MessagingException {
    if (mailer == null) {
      return 0;
    }
    Pass pass = new Pass();
    int sent = mailEach(tx, job, pass);
    if (pass.later != null) {
      // Those reached are noted: the retry mails only whoever was refused for now.
      throw pass.later;
    }
    return sent;
  }

  /** One attempt at a job: the first refusal for now, if any. */
  private static final class Pass {
    private MessagingException later;
  }

  private int mailEach(DSLContext tx, ReminderRepository.Job job, Pass pass)
      throws MessagingException {
    Set<Long> reached = jobs.sentTo(tx, job.id());
    boolean digest = "digest".equals(job.kind());
    int sent = 0;
    for (ReminderRepository.Recipient recipient : jobs.assistants(tx, job.workspaceId())) {
      if (reached.contains(recipient.accountId())) {
        continue;
      }
      List<ProcedureStanding> outstanding =
          acks.standingsInWorkspace(tx, recipient.accountId(), job.workspaceId()).stream()
              .filter(s -> s.status() != AckStatus.CURRENT)
              .toList();
      if (outstanding.isEmpty()) {
        continue;
      }
      boolean french = !"en".equals(recipient.language());
      String toRead =
          Texts.of(french ? "fr" : "en").count("mail.proceduresToRead", outstanding.size());
      String subject =
          french
              ? (digest ? "Vademecum, récapitulatif de la semaine : " : "Vademecum : ") + toRead
              : (digest ? "Vademecum weekly: " : "Vademecum: ") + toRead;
      StringBuilder body =
          new StringBuilder(french ? "Bonjour " : "Hello ")
              .append(recipient.name())
              .append(",\n\n");
      body.append(
          french
              ? "Ces procédures sont nouvelles ou ont changé depuis votre dernière lecture :\n\n"
              : "These procedures are new or have changed since you last read them:\n\n");
      for (ProcedureStanding s : outstanding) {
        body.append("- ")
            .append(s.title())
            .append(" (")
            .append(s.manualTitle())
            .append(")\n  ")
            .append(baseUrl)
            .append(s.url())
            .append('\n');
      }
      body.append(french ? "\nTout voir : " : "\nSee them all: ")
          .append(baseUrl)
          .append("/inbox\n");
      sent += mail(tx, job, pass, recipient, subject, body.toString());
    }
    if (digest) {
      for (ReminderRepository.Recipient editor : jobs.editors(tx, job.workspaceId())) {
        if (reached.contains(editor.accountId())) {
          continue;
        }
        String part = forEditors.digest(job.workspaceId(), editor.language());
        if (part.isEmpty()) {
          continue;
        }
        boolean french = !"en".equals(editor.language());
        sent +=
            mail(
                tx,
                job,
                pass,
                editor,
                french ? "Vademecum, la semaine : à revoir" : "Vademecum weekly: to review",
                (french ? "Bonjour " : "Hello ") + editor.name() + ",\n\n" + part);
      }
    }
    return sent;
  }

  private int mail(
      DSLContext tx,
      ReminderRepository.Job job,
      Pass pass,
      ReminderRepository.Recipient to,
      String subject,
      String body)
      throws MessagingException {
    try {
      mailer.send(to.email(), subject, body);
    } catch (MessagingException e) {
      if (Mailer.refusedForNow(e)) {
        log.info("Reminder for {} refused for now, retried later: {}", to.email(), e.getMessage());
        if (pass.later == null) {
          pass.later = e;
        }
        return 0;
      }
      if (!Mailer.refusedForGood(e)) {
        throw e;
      }
      log.warn("Reminder for {} refused, not retried: {}", to.email(), e.getMessage());
      jobs.sent(tx, job.id(), to.accountId());
      return 0;
    }
    jobs.sent(tx, job.id(), to.accountId());
    return 1;
  }

  @Override
  public void close() {
    background.close();
  }
}
