package vademecum.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import vademecum.db.Database;

/**
 * One embedded PostgreSQL per test JVM, with a template database migrated once; each test class
 * gets its own database cloned from the template (fast, and independent of the others).
 */
public final class TestDatabase {
  private static final String TEMPLATE = "vademecum_template";
  private static final AtomicInteger counter = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  private static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
        execute("postgres", "create database " + TEMPLATE);
        var template = new HikariDataSource();
        template.setJdbcUrl(url(TEMPLATE));
        template.setUsername("postgres");
        Database.migrate(template);
        template.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return postgres;
  }

  /** A new, migrated, empty database; its JDBC URL (user postgres, no password). */
  public static String freshUrl() {
    server();
    String name = "test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
    execute("postgres", "create database " + name + " template " + TEMPLATE);
    return url(name);
  }

  /** A new database with nothing in it, not even the schema: for nodes that migrate together. */
  public static String emptyUrl() {
    server();
    String name = "empty_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
    execute("postgres", "create database " + name);
    return url(name);
  }

  public static Database fresh() {
    return Database.connect(freshUrl(), "postgres", "", null);
  }

  private static String url(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
  }

  private static void execute(String database, String sql) {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database,
                "postgres",
                "");
        var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void stop() {
    try {
      postgres.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }
}
