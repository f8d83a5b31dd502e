package vademecum.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of an instance. Each comes from a command-line flag, else from its {@code
 * VADEMECUM_*} environment variable, else from its default.
 *
 * @param databaseUrl empty for the embedded PostgreSQL kept under {@code <dataDir>/postgres}
 * @param loadSamples load the sample manuals into an empty instance on first start
 * @param trustedProxies addresses or CIDR blocks of the reverse proxies whose X-Forwarded-For is
 *     believed (comma-separated; empty: none)
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
    String trustedProxies) {

  /** Without e-mail and without a reverse proxy: the in-app inbox is the only reminder. */
  public Config(
      int port,
      Path dataDir,
      Optional<String> databaseUrl,
      Optional<String> databaseUser,
      Optional<String> databasePassword,
      String baseUrl,
      int maxMarkdownBytes,
      boolean loadSamples) {
    this(
        port,
        dataDir,
        databaseUrl,
        databaseUser,
        databasePassword,
        baseUrl,
        maxMarkdownBytes,
        loadSamples,
        Optional.empty(),
        "");
  }

  public static final int DEFAULT_PORT = 7070;
  public static final int DEFAULT_MAX_MARKDOWN_BYTES = 2 * 1024 * 1024;

  public static Config fromEnvironment(Map<String, String> env) {
    int port = Integer.parseInt(env.getOrDefault("VADEMECUM_PORT", String.valueOf(DEFAULT_PORT)));
    return new Config(
        port,
        Path.of(env.getOrDefault("VADEMECUM_DATA", "./data")).toAbsolutePath().normalize(),
        nonBlank(env.get("VADEMECUM_DATABASE_URL")),
        nonBlank(env.get("VADEMECUM_DATABASE_USER")),
        nonBlank(env.get("VADEMECUM_DATABASE_PASSWORD")),
        nonBlank(env.get("VADEMECUM_BASE_URL")).orElse("http://localhost:" + port),
        Integer.parseInt(
            env.getOrDefault(
                "VADEMECUM_MAX_MARKDOWN_BYTES", String.valueOf(DEFAULT_MAX_MARKDOWN_BYTES))),
        !"false".equalsIgnoreCase(env.getOrDefault("VADEMECUM_SAMPLES", "true")),
        nonBlank(env.get("VADEMECUM_SMTP_URL")),
        env.getOrDefault("VADEMECUM_TRUSTED_PROXIES", "").strip());
  }

  public Config withPort(int newPort) {
    String newBase =
        baseUrl.equals("http://localhost:" + port) ? "http://localhost:" + newPort : baseUrl;
    return new Config(
        newPort,
        dataDir,
        databaseUrl,
        databaseUser,
        databasePassword,
        newBase,
        maxMarkdownBytes,
        loadSamples,
        smtpUrl,
        trustedProxies);
  }

  public Config withDataDir(Path newDataDir) {
    return new Config(
        port,
        newDataDir.toAbsolutePath().normalize(),
        databaseUrl,
        databaseUser,
        databasePassword,
        baseUrl,
        maxMarkdownBytes,
        loadSamples,
        smtpUrl,
        trustedProxies);
  }

  public Config withDatabaseUrl(String url) {
    return new Config(
        port,
        dataDir,
        nonBlank(url),
        databaseUser,
        databasePassword,
        baseUrl,
        maxMarkdownBytes,
        loadSamples,
        smtpUrl,
        trustedProxies);
  }

  public Config withSamples(boolean samples) {
    return new Config(
        port,
        dataDir,
        databaseUrl,
        databaseUser,
        databasePassword,
        baseUrl,
        maxMarkdownBytes,
        samples,
        smtpUrl,
        trustedProxies);
  }

  public Config withMaxMarkdownBytes(int bytes) {
    return new Config(
        port,
        dataDir,
        databaseUrl,
        databaseUser,
        databasePassword,
        baseUrl,
        bytes,
        loadSamples,
        smtpUrl,
        trustedProxies);
  }

  public Config withSmtpUrl(String url) {
    return new Config(
        port,
        dataDir,
        databaseUrl,
        databaseUser,
        databasePassword,
        baseUrl,
        maxMarkdownBytes,
        loadSamples,
        nonBlank(url),
        trustedProxies);
  }

  public Config withTrustedProxies(String proxies) {
    return new Config(
        port,
        dataDir,
        databaseUrl,
        databaseUser,
        databasePassword,
        baseUrl,
        maxMarkdownBytes,
        loadSamples,
        smtpUrl,
        proxies == null ? "" : proxies.strip());
  }

  public Path indexDir() {
    return dataDir.resolve("index");
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
