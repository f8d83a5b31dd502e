package vademecum.kernel;

/**
 * Sends one plain-text e-mail; the SMTP mailer in production (features that tell people something
 * by mail take it, present only when e-mail is configured).
 */
@FunctionalInterface
public interface Mail {
  void send(String to, String subject, String body) throws Exception;
}
