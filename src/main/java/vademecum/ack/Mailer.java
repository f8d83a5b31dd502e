package vademecum.ack;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends plain-text e-mail through the SMTP server of {@code VADEMECUM_SMTP_URL}, written as {@code
 * smtp://user:password@host:port?from=vademecum@example.com} (user and password optional; {@code
 * smtps://} for TLS from the start).
 */
public final class Mailer {
  private final Session session;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String from;
  private final String protocol;

  public Mailer(String url) {
    URI uri = URI.create(url);
    this.protocol = "smtps".equals(uri.getScheme()) ? "smtps" : "smtp";
    this.host = uri.getHost();
    this.port = uri.getPort() == -1 ? ("smtps".equals(protocol) ? 465 : 25) : uri.getPort();
    String info = uri.getRawUserInfo();
    this.user = info == null ? null : decode(info.split(":", 2)[0]);
    this.password = info == null || !info.contains(":") ? null : decode(info.split(":", 2)[1]);
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    String sender = "vademecum@localhost";
    for (String pair : query.split("&")) {
      if (pair.startsWith("from=")) {
        sender = decode(pair.substring(5));
      }
    }
    this.from = sender;
    Properties properties = new Properties();
    properties.put("mail." + protocol + ".host", host);
    properties.put("mail." + protocol + ".port", String.valueOf(port));
    properties.put("mail." + protocol + ".connectiontimeout", "10000");
    properties.put("mail." + protocol + ".timeout", "10000");
    properties.put("mail." + protocol + ".auth", String.valueOf(user != null));
    properties.put("mail.smtp.starttls.enable", "true");
    this.session = Session.getInstance(properties);
  }

  public void send(String to, String subject, String body) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject, "UTF-8");
    message.setText(body, "UTF-8");
    try (Transport transport = session.getTransport(protocol)) {
      transport.connect(host, port, user, password);
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  /**
   * Whether sending to this address will never work: no address at all, or a permanent refusal
   * (5xx) of the recipient or the message. Anything else (the server unreachable, a 4xx "try
   * later") may work on a retry.
   */
  public static boolean refusedForGood(MessagingException e) {
    for (Exception cause = e; cause != null; ) {
      if (cause instanceof AddressException) {
        return true;
      }
      if (cause instanceof SMTPAddressFailedException refused) {
        return refused.getReturnCode() >= 500;
      }
      if (cause instanceof SMTPSendFailedException refused && refused.getReturnCode() >= 500) {
        return true;
      }
      cause = cause instanceof MessagingException m ? m.getNextException() : null;
    }
    return false;
  }

  /**
   * Whether the server refused this recipient alone, for now (a 4xx to RCPT TO, such as a full
   * mailbox's "452 4.2.2"): others can still be mailed, and this one later.
   */
  public static boolean refusedForNow(MessagingException e) {
    for (Exception cause = e; cause != null; ) {
      if (cause instanceof SMTPAddressFailedException refused) {
        return refused.getReturnCode() >= 400 && refused.getReturnCode() < 500;
      }
      cause = cause instanceof MessagingException m ? m.getNextException() : null;
    }
    return false;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
