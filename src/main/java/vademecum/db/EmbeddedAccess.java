package vademecum.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded PostgreSQL. zonky's initdb trusts every local connection as any
 * user, superuser included: any account on the machine could read everything and, with {@code COPY
 * … FROM PROGRAM}, run commands as the server's user. At its first start under this version a data
 * directory is locked down once, while initdb's trust still lets us in: passwords for the superuser
 * and for {@link DatabaseSecret#APP_ROLE} (scram-sha-256), the application's database and every
 * object in it owned by that non-superuser role, and a {@code pg_hba.conf} that asks every
 * connection for its password and refuses the superuser over TCP.
 */
final class EmbeddedAccess {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedAccess.class);

  /** The first line of our pg_hba.conf: a data directory that has it is locked down already. */
  static final String MARKER = "# vademecum: passwords required";

  private static final String HBA =
      MARKER
          + " (scram-sha-256); the superuser only on the local socket.\n"
          + "local   all  all                     scram-sha-256\n"
          + "host    all  postgres  127.0.0.1/32  reject\n"
          + "host    all  postgres  ::1/128       reject\n"
          + "host    all  all       127.0.0.1/32  scram-sha-256\n"
          + "host    all  all       ::1/128       scram-sha-256\n";

  /**
   * While the server starts: zonky checks that it is up by connecting as the superuser over TCP
   * (with the password we give it), and the superuser then closes that door with {@link #HBA}.
   */
  private static final String STARTING =
      MARKER
          + " (scram-sha-256); starting: the superuser may connect until the start is over.\n"
          + "local   all  all                     scram-sha-256\n"
          + "host    all  all       127.0.0.1/32  scram-sha-256\n"
          + "host    all  all       ::1/128       scram-sha-256\n";

  private EmbeddedAccess() {}

  static boolean lockedDown(Path pgDir) {
    try {
      Path hba = pgDir.resolve("pg_hba.conf");
      return Files.exists(hba) && Files.readString(hba).startsWith(MARKER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Before the server starts on a directory locked down already. */
  static void beforeStart(Path pgDir) {
    if (lockedDown(pgDir)) {
      writeHba(pgDir, STARTING);
    }
  }

  /**
   * Once the server runs: a directory that still trusts everyone is locked down; one that is
   * already has the superuser refused over TCP again.
   */
  static void afterStart(Path pgDir, int port, String database, DatabaseSecret secret) {
    if (!lockedDown(pgDir)) {
      lockDown(pgDir, port, database, secret);
      return;
    }
    String url = "jdbc:postgresql://localhost:" + port + "/postgres";
    try (Connection admin =
            DriverManager.getConnection(url, "postgres", secret.superuserPassword());
        Statement sql = admin.createStatement()) {
      writeHba(pgDir, HBA);
      sql.execute("select pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close the embedded database to its superuser", e);
    }
  }

  /**
   * Run once on a running cluster that still trusts local connections (new, or made by an earlier
   * version): every step may be repeated without harm, so a crash half-way is finished at the next
   * start.
   */
  static void lockDown(Path pgDir, int port, String database, DatabaseSecret secret) {
    String url = "jdbc:postgresql://localhost:" + port + "/";
    try (Connection admin = DriverManager.getConnection(url + "postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("set password_encryption = 'scram-sha-256'");
      sql.execute("alter role postgres password " + literal(admin, secret.superuserPassword()));
      String role = DatabaseSecret.APP_ROLE;
      String password = literal(admin, secret.appPassword());
      if (exists(admin, "select 1 from pg_roles where rolname = ?", role)) {
        sql.execute(
            "alter role "
                + role
                + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password "
                + password);
      } else {
        sql.execute("create role " + role + " login password " + password);
      }
      if (exists(admin, "select 1 from pg_database where datname = ?", database)) {
        sql.execute("alter database " + database + " owner to " + role);
      } else {
        sql.execute("create database " + database + " owner " + role);
      }
      // Restoring a backup copies rows with triggers silenced, which takes this setting.
      sql.execute("grant set on parameter session_replication_role to " + role);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot set up the embedded database's roles", e);
    }
    try (Connection admin = DriverManager.getConnection(url + database, "postgres", "")) {
      giveObjects(admin, DatabaseSecret.APP_ROLE);
      writeHba(pgDir, HBA);
      try (Statement sql = admin.createStatement()) {
        sql.execute("select pg_reload_conf()");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot hand the database over to its role", e);
    }
    log.info("The embedded PostgreSQL now asks every connection for its password");
  }

  /**
   * Tables, views, sequences of their own, functions and types made by an earlier version as the
   * superuser change hands (sequences of identity columns follow their table).
   */
  private static void giveObjects(Connection admin, String role) throws SQLException {
    List<String> statements = new ArrayList<>();
    statements.add("alter schema public owner to " + role);
    collect(
        admin,
        "select format('alter table %I.%I owner to %I', n.nspname, c.relname, ?)"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')",
        role,
        statements);
    collect(
        admin,
        "select format('alter sequence %I.%I owner to %I', n.nspname, c.relname, ?)"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where n.nspname = 'public' and c.relkind = 'S' and not exists"
            + " (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))",
        role,
        statements);
    collect(
        admin,
        "select format('alter function %s owner to %I', p.oid::regprocedure, ?)"
            + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
            + " where n.nspname = 'public'",
        role,
        statements);
    collect(
        admin,
        "select format('alter type %I.%I owner to %I', n.nspname, t.typname, ?)"
            + " from pg_type t join pg_namespace n on n.oid = t.typnamespace"
            + " where n.nspname = 'public' and t.typtype in ('e', 'd')",
        role,
        statements);
    try (Statement sql = admin.createStatement()) {
      for (String statement : statements) {
        sql.execute(statement);
      }
    }
  }

  private static void collect(Connection admin, String query, String role, List<String> into)
      throws SQLException {
    try (PreparedStatement statement = admin.prepareStatement(query)) {
      statement.setString(1, role);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          into.add(rows.getString(1));
        }
      }
    }
  }

  private static void writeHba(Path pgDir, String content) {
    try {
      Path hba = pgDir.resolve("pg_hba.conf");
      Path temporary = pgDir.resolve("pg_hba.conf.new");
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(temporary, hba, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean exists(Connection admin, String query, String value) throws SQLException {
    try (PreparedStatement statement = admin.prepareStatement(query)) {
      statement.setString(1, value);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** A string literal PostgreSQL's own quoting made (passwords cannot be bound parameters). */
  private static String literal(Connection admin, String value) throws SQLException {
    try (PreparedStatement statement = admin.prepareStatement("select quote_literal(?)")) {
      statement.setString(1, value);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }
}
