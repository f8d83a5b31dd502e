package vademecum.db;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The passwords of the embedded PostgreSQL, generated at its first start and kept in {@code
 * <data>/database.secret}, readable by the owner of the data directory only. The application and
 * the CLI connect as {@link #APP_ROLE}, a role that owns the schema but is not a superuser; the
 * superuser's password is there for an operator (psql on the local socket), never used by the app
 * over TCP.
 */
public record DatabaseSecret(String appPassword, String superuserPassword) {
  public static final String APP_ROLE = "vademecum";
  static final String FILE = "database.secret";

  /** The secret of this data directory, made (owner-only) if there is none yet. */
  public static DatabaseSecret readOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      return read(dataDir);
    }
    DatabaseSecret secret = new DatabaseSecret(random(), random());
    Properties properties = new Properties();
    properties.setProperty("app.role", APP_ROLE);
    properties.setProperty("app.password", secret.appPassword);
    properties.setProperty("superuser.password", secret.superuserPassword);
    try {
      Path temporary = dataDir.resolve(FILE + ".new");
      Files.deleteIfExists(temporary);
      ownerOnly(temporary);
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        properties.store(out, "Passwords of the embedded PostgreSQL. Keep this file private.");
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return secret;
  }

  /** The secret of a data directory whose database already runs (a CLI attaching to it). */
  public static DatabaseSecret read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read the database password in "
              + file
              + " ("
              + e.getMessage()
              + "). Run the command as the user that owns the data directory.",
          e);
    }
    String app = properties.getProperty("app.password");
    String superuser = properties.getProperty("superuser.password");
    if (app == null || app.isBlank() || superuser == null || superuser.isBlank()) {
      throw new IllegalStateException(file + " is incomplete: restore it from a backup.");
    }
    return new DatabaseSecret(app, superuser);
  }

  /**
   * Creates the file empty, readable and writable by this system account only, before anything
   * secret is written into it.
   */
  static void ownerOnly(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
  }

  private static String random() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "DatabaseSecret[hidden]";
  }
}
