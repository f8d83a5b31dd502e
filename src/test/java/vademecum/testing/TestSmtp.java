package vademecum.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A real SMTP server (GreenMail) on a free local port, and the address Vademecum sends to. */
public final class TestSmtp {
  private TestSmtp() {}

  /** Starts a server; {@link #url} gives the {@code VADEMECUM_SMTP_URL} for it. */
  public static GreenMail start() {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  /** The SMTP address of {@code smtp}, sending from {@code from}. */
  public static String url(GreenMail smtp, String from) {
    return "smtp://127.0.0.1:" + smtp.getSmtp().getPort() + "?from=" + from.replace("@", "%40");
  }
}
