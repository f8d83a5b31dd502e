package vademecum.db;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A consistent copy of everything Vademecum keeps: every table, read in one repeatable-read
 * transaction (one snapshot, while the server keeps serving) with PostgreSQL's COPY, in a zip with
 * a manifest. The search index is not in it: it is derived, and a restored instance rebuilds it
 * from the database at its first start.
 */
public final class Backup {
  public static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Backup() {}

  /** Writes the backup to {@code out} (through a temporary file: never a half-written backup). */
  public static Map<String, Long> write(Database database, Path out)
      throws IOException, SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    // Every password hash, manual, file and webhook secret is in it: readable by its owner only,
    // as the database's own files are, whatever the umask.
    Files.deleteIfExists(partial);
    DatabaseSecret.ownerOnly(partial);
    try {
      write(database, partial, rows);
    } catch (IOException | SQLException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return rows;
  }

  private static void write(Database database, Path partial, Map<String, Long> rows)
      throws IOException, SQLException {
    try (Connection connection = database.dataSource().getConnection();
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
        OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("set transaction isolation level repeatable read read only");
      }
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      // The manifest comes first, so that a restore can check it before reading any table.
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("format", FORMAT);
      manifest.put("schemaVersion", schemaVersion(connection));
      manifest.put("createdAt", OffsetDateTime.now().toString());
      zip.putNextEntry(new ZipEntry("manifest.json"));
      zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
      zip.closeEntry();
      for (String table : tables(connection)) {
        zip.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
        rows.put(table, copy.copyOut("COPY " + table + " TO STDOUT", zip)); // streamed
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("rows.json"));
      zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(rows));
      zip.closeEntry();
      connection.rollback();
      zip.finish();
      zip.flush();
      // On disk before it takes the backup's name: after a power cut, "written" must not be an
      // empty file.
      channel.force(true);
    }
  }

  /** Thrown when a backup cannot go into this database; nothing was written. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * Loads a backup into a database that was just created (migrated, empty), in one transaction: all
   * of it or nothing.
   */
  public static Map<String, Long> restore(Database database, Path in)
      throws IOException, SQLException, Refused {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(in));
        Connection connection = database.dataSource().getConnection()) {
      ZipEntry first;
      try {
        first = zip.getNextEntry();
      } catch (IOException e) {
        first = null;
      }
      if (first == null || !first.getName().equals("manifest.json")) {
        throw new Refused(in + " is not a Vademecum backup (no manifest.json first).");
      }
      JsonNode manifest = JSON.readTree(zip.readAllBytes());
      if (manifest.path("format").asInt() != FORMAT) {
        throw new Refused(
            "This backup's format " + manifest.path("format") + " is not known here.");
      }
      connection.setAutoCommit(false);
      String version = schemaVersion(connection);
      if (!version.equals(manifest.path("schemaVersion").asText())) {
        throw new Refused(
            "The backup was made at schema version "
                + manifest.path("schemaVersion").asText()
                + " and this database is at "
                + version
                + ": restore it with the same Vademecum version.");
      }
      List<String> tables = tables(connection);
      // A new instance holds only what the migrations seed (the system account): nothing that
      // a person made. Anything more, and the restore would mix two histories.
      if (count(connection, "workspace") > 0
          || count(connection, "manual") > 0
          || count(connection, "account") > 1) {
        throw new Refused(
            "The database is not empty: restore into a new data directory or a new database.");
      }
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      try (Statement statement = connection.createStatement()) {
        // Rows go in as they were: foreign keys and triggers (which refuse changes to
        // immutable rows) were satisfied when the rows were first written.
        statement.execute("set local session_replication_role = replica");
        // The seeded rows are in the backup too, as they were.
        statement.execute("truncate table " + String.join(", ", tables) + " cascade");
      }
      Map<String, Long> written = null;
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        if (name.equals("rows.json")) {
          written = JSON.readValue(zip.readAllBytes(), new TypeReference<Map<String, Long>>() {});
          continue;
        }
        if (!name.startsWith("tables/") || !name.endsWith(".copy")) {
          continue;
        }
        String table = name.substring("tables/".length(), name.length() - ".copy".length());
        if (!tables.contains(table)) {
          throw new Refused("The backup has a table " + table + " this version does not know.");
        }
        rows.put(table, copy.copyIn("COPY " + table + " FROM STDIN", zip)); // streamed
      }
      // A file cut short between two entries reads as a zip that simply ends: without this check
      // the tables before the cut were restored, the others left empty, and it said success.
      if (written == null) {
        throw new Refused(in + " ends early (rows.json, its last entry, is missing): it is cut.");
      }
      for (var table : written.entrySet()) {
        if (!table.getValue().equals(rows.get(table.getKey()))) {
          throw new Refused(
              in
                  + " is incomplete: the table "
                  + table.getKey()
                  + " had "
                  + table.getValue()
                  + " rows when it was made and "
                  + rows.getOrDefault(table.getKey(), 0L)
                  + " were read.");
        }
      }
      // The search change log names transactions of the database the backup came from: here
      // they are ids this one has not reached, read again at every poll until it does (months).
      // The index is built afresh after a restore, from the manuals themselves.
      try (Statement statement = connection.createStatement()) {
        statement.execute("truncate table search_change");
      }
      resetIdentities(connection, tables);
      connection.commit();
    }
    return rows;
  }

  private static List<String> tables(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history' order by tablename")) {
      while (result.next()) {
        tables.add(result.getString(1));
      }
    }
    return tables;
  }

  private static String schemaVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "select version from flyway_schema_history where success"
                    + " order by installed_rank desc limit 1")) {
      return result.next() ? result.getString(1) : "";
    }
  }

  private static long count(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select count(*) from " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  /** Identity columns continue after the highest restored id. */
  private static void resetIdentities(Connection connection, List<String> tables)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "select table_name, column_name from information_schema.columns"
                    + " where table_schema = 'public' and is_identity = 'YES'")) {
      List<String[]> columns = new ArrayList<>();
      while (result.next()) {
        columns.add(new String[] {result.getString(1), result.getString(2)});
      }
      for (String[] column : columns) {
        if (!tables.contains(column[0])) {
          continue;
        }
        try (Statement reset = connection.createStatement()) {
          reset.execute(
              "select setval(pg_get_serial_sequence('"
                  + column[0]
                  + "', '"
                  + column[1]
                  + "'), coalesce((select max("
                  + column[1]
                  + ") from "
                  + column[0]
                  + "), 0) + 1, false)");
        }
      }
    }
  }
}
