package vademecum.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears PostgreSQL notifications on one channel and calls back for each batch. It holds a
 * connection of its own: a pooled one would go back to requests with LISTEN still active. After a
 * PostgreSQL restart it listens again and calls back once, since notifications sent meanwhile are
 * lost; whoever listens must also poll now and then, as the search indexer does.
 */
public final class Notifications implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final Database database;
  private final String channel;
  private final Runnable onNotify;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Connection connection;

  public Notifications(Database database, String channel, Runnable onNotify) {
    if (!channel.matches("[a-z_]+")) {
      throw new IllegalArgumentException("channel " + channel);
    }
    this.database = database;
    this.channel = channel;
    this.onNotify = onNotify;
    this.thread = Thread.ofPlatform().daemon().name("listen-" + channel).start(this::listen);
  }

  private void listen() {
    while (!closed) {
      try (Connection listening = database.openDedicatedConnection()) {
        connection = listening;
        try (Statement statement = listening.createStatement()) {
          statement.execute("listen " + channel);
        }
        onNotify.run();
        PGConnection pg = listening.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] received = pg.getNotifications(1000);
          if (received != null && received.length > 0) {
            onNotify.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        log.debug("Not listening on {} ({}); trying again", channel, e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection listening = connection;
    if (listening != null) {
      try {
        listening.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
