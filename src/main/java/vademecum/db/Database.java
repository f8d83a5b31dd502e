package vademecum.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import vademecum.config.Config;

/** The system of record: a pooled PostgreSQL connection, migrated at start, used through jOOQ. */
public final class Database implements AutoCloseable {
  private final EmbeddedDatabase embedded;
  private final HikariDataSource dataSource;
  private final DSLContext dsl;

  private Database(EmbeddedDatabase embedded, HikariDataSource dataSource) {
    this.embedded = embedded;
    this.dataSource = dataSource;
    this.dsl =
        DSL.using(
            dataSource,
            SQLDialect.POSTGRES,
            new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED));
  }

  /**
   * Embedded PostgreSQL in the data directory, or the external one of {@code DATABASE_URL}, for a
   * command (import, backup…).
   */
  public static Database open(Config config) {
    return open(config, EmbeddedDatabase.Holder.COMMAND);
  }

  /** The same, for {@code holder}: the server refuses to run on a command's database. */
  public static Database open(Config config, EmbeddedDatabase.Holder holder) {
    if (config.databaseUrl().isPresent()) {
      return connect(
          config.databaseUrl().get(),
          config.databaseUser().orElse(null),
          config.databasePassword().orElse(null),
          null);
    }
    EmbeddedDatabase embedded = EmbeddedDatabase.open(config.dataDir(), true, holder);
    try {
      return connect(embedded.jdbcUrl(), embedded.user(), embedded.password(), embedded);
    } catch (RuntimeException e) {
      embedded.close();
      throw e;
    }
  }

  /**
   * Whether this is the embedded database of another process (the running server): a restore must
   * not write under it, nor delete the search index it has open.
   */
  public boolean attachedToAnotherProcess() {
    return embedded != null && embedded.attached();
  }

  public static Database connect(String url, String user, String password, EmbeddedDatabase owner) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(10);
    // While PostgreSQL is down, a request waits this long for a connection and is then answered
    // 503, instead of hanging for Hikari's default 30 s.
    hikari.setConnectionTimeout(3000);
    hikari.setPoolName("vademecum");
    HikariDataSource dataSource = new HikariDataSource(hikari);
    try {
      migrate(dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(owner, dataSource);
  }

  /**
   * Flyway takes a PostgreSQL advisory lock, so nodes starting together migrate once. The SQL files
   * of {@code migrations/} are the schema; version 31 is Java ({@link PinPositionalKeys}), so the
   * next SQL file is V32.
   */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .javaMigrations(new PinPositionalKeys())
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  /** A connection outside the pool, for a listener that keeps it for the life of the app. */
  Connection openDedicatedConnection() throws SQLException {
    return DriverManager.getConnection(
        dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
  }

  /**
   * Runs {@code work} while holding a PostgreSQL advisory lock, so that nodes starting together do
   * it one after the other (the second one then sees what the first did). {@code work} uses pooled
   * connections of its own; the lock is held by another one.
   */
  public <T> T whileLocked(long key, Supplier<T> work) {
    try (Connection holder = dataSource.getConnection()) {
      try (var lock = holder.prepareStatement("select pg_advisory_lock(?)")) {
        lock.setLong(1, key);
        lock.execute();
      }
      try {
        return work.get();
      } finally {
        try (var unlock = holder.prepareStatement("select pg_advisory_unlock(?)")) {
          unlock.setLong(1, key);
          unlock.execute();
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException("advisory lock " + key, e);
    }
  }

  /** True when PostgreSQL answers a trivial query. */
  public boolean ping() {
    try {
      dsl.selectOne().fetch();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The pool's meters ({@code hikaricp_connections_active}, {@code _pending}, acquisition and usage
   * times) through Hikari's own Micrometer tracker.
   */
  public void measure(MeterRegistry registry) {
    dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }

  public DSLContext dsl() {
    return dsl;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
