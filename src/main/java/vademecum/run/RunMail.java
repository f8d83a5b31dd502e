package vademecum.run;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.kernel.Mail;
import vademecum.web.Texts;

/**
 * Tells the person a run is for that it is coming (when its schedule creates it, days before it is
 * due) and that it is overdue, by e-mail when e-mail is configured; their inbox lists it either
 * way. Sent after the change commits: a mail server that fails loses the e-mail, never the run.
 */
public final class RunMail {
  private static final Logger log = LoggerFactory.getLogger(RunMail.class);

  private final Optional<Mail> sender;
  private final String baseUrl;

  public RunMail(Optional<Mail> sender, String baseUrl) {
    this.sender = sender;
    this.baseUrl = baseUrl;
  }

  /** Who a run is for: its assignee, else who started it. */
  public record Recipient(String email, String name, String language) {}

  void coming(Recipient to, Run run) {
    boolean french = !"en".equals(to.language());
    String due = Texts.of(french ? "fr" : "en").date(run.dueOn());
    send(
        to,
        french ? "À faire pour le " + due + " : " + run.title() : "Due " + due + ": " + run.title(),
        french
            ? "« " + run.title() + " » est à faire pour le " + due + "."
            : "\"" + run.title() + "\" is due on " + due + ".",
        run);
  }

  void overdue(Recipient to, Run run) {
    boolean french = !"en".equals(to.language());
    String due = Texts.of(french ? "fr" : "en").date(run.dueOn());
    send(
        to,
        french ? "En retard : " + run.title() : "Overdue: " + run.title(),
        french
            ? "« " + run.title() + " » devait être fait pour le " + due + " et n'est pas terminé."
            : "\"" + run.title() + "\" was due on " + due + " and is not finished.",
        run);
  }

  private void send(Recipient to, String subject, String line, Run run) {
    if (sender.isEmpty()) {
      return;
    }
    boolean french = !"en".equals(to.language());
    String body =
        (french ? "Bonjour " : "Hello ")
            + to.name()
            + ",\n\n"
            + line
            + "\n\n"
            + (french ? "Ouvrir le déroulé : " : "Open the run: ")
            + baseUrl
            + run.url()
            + "\n";
    try {
      sender.get().send(to.email(), subject, body);
    } catch (Exception e) {
      log.warn("Run e-mail to {} not sent: {}", to.email(), e.getMessage());
    }
  }
}
