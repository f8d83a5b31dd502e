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
  private volatile boolean heard;
  private volatile long lastHeard;

  /** Heartbeats go out every second or so; three without an answer and nothing is trusted. */
  private static final long DEAF_AFTER_NANOS = 3_000_000_000L;

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
    try {
      while (!closed) {
        try (Connection listening = database.openDedicatedConnection()) {
          connection = listening;
          // A heartbeat that gets no answer within this time fails, and the listener reconnects.
          listening.setNetworkTimeout(Runnable::run, (int) (3 * DEAF_AFTER_NANOS / 1_000_000));
          try (Statement statement = listening.createStatement()) {
            statement.execute("listen " + channel);
          }
          onNotify.run();
          lastHeard = System.nanoTime();
          heard = true;
          PGConnection pg = listening.unwrap(PGConnection.class);
          while (!closed) {
            PGNotification[] received = pg.getNotifications(1000);
            if (received != null && received.length > 0) {
              onNotify.run();
            }
            // Waiting for notifications only reads: a connection that died without a word (a
            // dropped NAT entry, a crashed host) would look quiet forever. A query cannot.
            // Notifications that come with its answer are returned by the next wait.
            try (Statement heartbeat = listening.createStatement()) {
              heartbeat.execute("select 1 /* listening on " + channel + " */");
            }
            lastHeard = System.nanoTime();
          }
        } catch (SQLException | RuntimeException e) {
          heard = false;
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
    } finally {
      heard = false;
    }
  }

  /**
   * True from the first callback after LISTEN while the connection answers its heartbeat: when
   * false, notifications may have been lost.
   */
  public boolean listening() {
    return heard && !closed && System.nanoTime() - lastHeard < DEAF_AFTER_NANOS;
  }

  @Override
  public void close() {
    closed = true;
    heard = false;
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
