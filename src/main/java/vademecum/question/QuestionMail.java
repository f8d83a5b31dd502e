package vademecum.question;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.kernel.Mail;

/**
 * Tells an asker that their question was answered, by e-mail when e-mail is configured (the app
 * says it too: the inbox and the question list mark answers not yet seen). Sent after the answer
 * commits; a mail server that fails loses the e-mail, never the answer.
 */
public final class QuestionMail {
  private static final Logger log = LoggerFactory.getLogger(QuestionMail.class);

  private final Optional<Mail> sender;
  private final String baseUrl;

  public QuestionMail(Optional<Mail> sender, String baseUrl) {
    this.sender = sender;
    this.baseUrl = baseUrl;
  }

  void answered(QuestionRepository.Recipient asker, Question question, String answerer) {
    if (sender.isEmpty()) {
      return;
    }
    boolean french = !"en".equals(asker.language());
    String subject =
        french
            ? "Réponse à votre question : " + question.procedureTitle()
            : "Your question was answered: " + question.procedureTitle();
    String body =
        (french ? "Bonjour " : "Hello ")
            + asker.name()
            + ",\n\n"
            + (french
                ? answerer
                    + " a répondu à votre question sur « "
                    + question.procedureTitle()
                    + " »."
                : answerer + " answered your question on \"" + question.procedureTitle() + "\".")
            + "\n\n"
            + (french ? "Lire la réponse : " : "Read the answer: ")
            + baseUrl
            + question.url()
            + "\n";
    try {
      sender.get().send(asker.email(), subject, body);
    } catch (Exception e) {
      log.warn("Answer e-mail to {} not sent: {}", asker.email(), e.getMessage());
    }
  }
}
