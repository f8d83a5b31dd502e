package vademecum.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain SMTP server that answers "452 4.2.2 mailbox full" to one address and takes the others:
 * what a real server says when one recipient's mailbox is over its quota (GreenMail cannot).
 */
public final class FullMailboxSmtp implements AutoCloseable {
  private final ServerSocket socket;
  private final String full;
  private final List<String> delivered = new CopyOnWriteArrayList<>();

  public FullMailboxSmtp(String full) throws IOException {
    this.full = full.toLowerCase(Locale.ROOT);
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::accept, "full-mailbox-smtp");
    accepting.setDaemon(true);
    accepting.start();
  }

  /** The {@code VADEMECUM_SMTP_URL} of this server. */
  public String url(String from) {
    return "smtp://127.0.0.1:" + socket.getLocalPort() + "?from=" + from.replace("@", "%40");
  }

  /** The recipients of each message taken, in order. */
  public List<String> delivered() {
    return List.copyOf(delivered);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        converse(client);
      } catch (IOException closed) {
        // The server was closed, or a client went away: wait for the next one.
      }
    }
  }

  private void converse(Socket client) throws IOException {
    var in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
    reply(out, "220 localhost ESMTP");
    List<String> recipients = new CopyOnWriteArrayList<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO") || command.startsWith("HELO")) {
        reply(out, "250 localhost");
      } else if (command.startsWith("MAIL FROM")) {
        recipients.clear();
        reply(out, "250 OK");
      } else if (command.startsWith("RCPT TO")) {
        String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
        if (address.toLowerCase(Locale.ROOT).equals(full)) {
          reply(out, "452 4.2.2 Mailbox full");
        } else {
          recipients.add(address);
          reply(out, "250 OK");
        }
      } else if (command.equals("DATA")) {
        reply(out, "354 End data with <CR><LF>.<CR><LF>");
        for (String data = in.readLine(); data != null && !data.equals("."); ) {
          data = in.readLine();
        }
        delivered.addAll(recipients);
        reply(out, "250 OK");
      } else if (command.equals("QUIT")) {
        reply(out, "221 Bye");
        return;
      } else {
        reply(out, "250 OK");
      }
    }
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
