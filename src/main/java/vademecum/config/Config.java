package vademecum.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of an instance, read in one place: {@link #fromEnvironment} takes the {@code
 * VADEMECUM_*} variables (the command line's flags are put in their place first, so a flag wins).
 * The README's table lists each with its default; nothing else in the product reads the environment
 * or a system property.
 *
 * @param databaseUrl empty for the embedded PostgreSQL kept under {@code <dataDir>/postgres}
 * @param loadSamples load the sample manuals into an empty instance on first start
 * @param trustedProxies addresses or CIDR blocks of the reverse proxies whose X-Forwarded-For is
 *     believed (comma-separated; empty: none)
 * @param webhooksAllowPrivate let webhooks call private (intranet) addresses
 * @param reminderPoll how often the reminder queue is looked at; zero: never in the background (the
 *     tests run the queue themselves)
 * @param webhookPoll how often the webhook outbox is looked at; zero: never in the background
 * @param searchNotifications whether the indexer is woken by PostgreSQL notifications, besides its
 *     polling (off only to measure what they bring)
 * @param maxFileBytes the largest screenshot or attached file accepted
 * @param maxImagePixels the largest image accepted, in pixels, read from its header before anything
 *     decodes it (a small file can claim a huge image)
 * @param workspaceFileBytes the total size of the files one workspace may hold
 * @param searchLogDays how long the searches made are kept for the owners' insights
 * @param metricsToken the bearer token that opens {@code /metrics} from elsewhere than this machine
 * @param logFormat the log lines' form: text for people, JSON (one object a line) for shippers
 * @param singleSignOn the OpenID Connect provider people sign in with, if any
 * @param passwordSignIn whether people may also sign in with a password of ours
 */
public record Config(
    int port,
    Path dataDir,
    Optional<String> databaseUrl,
    Optional<String> databaseUser,
    Optional<String> databasePassword,
    String baseUrl,
    int maxMarkdownBytes,
    boolean loadSamples,
    Optional<String> smtpUrl,
    String trustedProxies,
    boolean webhooksAllowPrivate,
    Duration reminderPoll,
    Duration webhookPoll,
    boolean searchNotifications,
    int maxFileBytes,
    long maxImagePixels,
    long workspaceFileBytes,
    int searchLogDays,
    Optional<String> metricsToken,
    LogFormat logFormat,
    Optional<SingleSignOn> singleSignOn,
    boolean passwordSignIn) {

  /** How log lines are written to standard error. */
  public enum LogFormat {
    TEXT,
    JSON
  }

  public static final int DEFAULT_PORT = 7070;
  public static final int DEFAULT_MAX_MARKDOWN_BYTES = 2 * 1024 * 1024;

  /**
   * The settings named by these variables, each absent one at its default.
   *
   * @throws IllegalArgumentException naming the variable whose value cannot be read
   */
  public static Config fromEnvironment(Map<String, String> variables) {
    Map<String, String> env = withFiles(variables);
    int port = number(env, "VADEMECUM_PORT", DEFAULT_PORT);
    Optional<SingleSignOn> singleSignOn = SingleSignOn.from(env);
    boolean passwordSignIn = flag(env, "VADEMECUM_PASSWORD_SIGN_IN", true);
    if (!passwordSignIn && singleSignOn.isEmpty()) {
      throw new IllegalArgumentException(
          "VADEMECUM_PASSWORD_SIGN_IN=false needs single sign-on (VADEMECUM_OIDC_ISSUER or"
              + " VADEMECUM_OIDC_PROVIDER): otherwise nobody could sign in");
    }
    return new Config(
        port,
        Path.of(env.getOrDefault("VADEMECUM_DATA", "./data")).toAbsolutePath().normalize(),
        nonBlank(env.get("VADEMECUM_DATABASE_URL")),
        nonBlank(env.get("VADEMECUM_DATABASE_USER")),
        nonBlank(env.get("VADEMECUM_DATABASE_PASSWORD")),
        // Without its trailing slash, so that every address is the base URL plus a path.
        nonBlank(env.get("VADEMECUM_BASE_URL"))
            .map(url -> url.replaceAll("/+$", ""))
            .orElse("http://localhost:" + port),
        number(env, "VADEMECUM_MAX_MARKDOWN_BYTES", DEFAULT_MAX_MARKDOWN_BYTES),
        flag(env, "VADEMECUM_SAMPLES", true),
        nonBlank(env.get("VADEMECUM_SMTP_URL")),
        env.getOrDefault("VADEMECUM_TRUSTED_PROXIES", "").strip(),
        flag(env, "VADEMECUM_WEBHOOKS_ALLOW_PRIVATE", false),
        Duration.ofMillis(number(env, "VADEMECUM_REMINDER_POLL_MILLIS", 5000)),
        Duration.ofMillis(number(env, "VADEMECUM_WEBHOOK_POLL_MILLIS", 2000)),
        flag(env, "VADEMECUM_SEARCH_NOTIFICATIONS", true),
        number(env, "VADEMECUM_MAX_FILE_BYTES", 10 * 1024 * 1024),
        big(env, "VADEMECUM_MAX_IMAGE_PIXELS", 200_000_000L),
        big(env, "VADEMECUM_WORKSPACE_FILE_BYTES", 2L * 1024 * 1024 * 1024),
        number(env, "VADEMECUM_SEARCH_LOG_DAYS", 90),
        nonBlank(env.get("VADEMECUM_METRICS_TOKEN")),
        logFormat(env.getOrDefault("VADEMECUM_LOG_FORMAT", "text")),
        singleSignOn,
        passwordSignIn);
  }

  /**
   * Each variable named with {@code _FILE} after a setting's name holds the path of a file whose
   * content is the setting's value (the database password, the SMTP address): container platforms
   * hand secrets over as files (Docker and Kubernetes secrets), and a variable's value shows in the
   * process list of the machine and in the platform's configuration.
   */
  static Map<String, String> withFiles(Map<String, String> env) {
    Map<String, String> read = new HashMap<>(env);
    for (Map.Entry<String, String> variable : env.entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith("VADEMECUM_") || !name.endsWith("_FILE")) {
        continue;
      }
      String target = name.substring(0, name.length() - "_FILE".length());
      if (nonBlank(env.get(target)).isPresent()) {
        throw new IllegalArgumentException("Set " + target + " or " + name + ", not both");
      }
      try {
        // A file written by an editor ends with a line break that is no part of the secret.
        read.put(target, Files.readString(Path.of(variable.getValue())).strip());
      } catch (IOException | InvalidPathException e) {
        throw new IllegalArgumentException(
            name + " names a file that cannot be read: " + variable.getValue());
      }
    }
    return read;
  }

  private static LogFormat logFormat(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "text", "" -> LogFormat.TEXT;
      case "json" -> LogFormat.JSON;
      default ->
          throw new IllegalArgumentException(
              "VADEMECUM_LOG_FORMAT must be text or json, not \"" + value + "\"");
    };
  }

  public Path indexDir() {
    return dataDir.resolve("index");
  }

  private static int number(Map<String, String> env, String name, int otherwise) {
    long number = big(env, name, otherwise);
    if (number > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE);
    }
    return (int) number;
  }

  private static long big(Map<String, String> env, String name, long otherwise) {
    Optional<String> value = nonBlank(env.get(name));
    if (value.isEmpty()) {
      return otherwise;
    }
    try {
      long number = Long.parseLong(value.get());
      if (number < 0) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number of zero or more, not \"" + value.get() + "\"");
    }
  }

  private static boolean flag(Map<String, String> env, String name, boolean otherwise) {
    Optional<String> value = nonBlank(env.get(name));
    if (value.isEmpty()) {
      return otherwise;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new IllegalArgumentException(
              name + " must be true or false, not \"" + value.get() + "\"");
    };
  }

  static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
