package vademecum.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vademecum.config.Config;

/** Flags shared by every command; each overrides its VADEMECUM_* environment variable. */
public final class ConfigOptions {
  @Option(names = "--data", description = "Data directory (VADEMECUM_DATA, default ./data).")
  Path data;

  @Option(
      names = "--database-url",
      description = "External PostgreSQL JDBC URL (VADEMECUM_DATABASE_URL); embedded if absent.")
  String databaseUrl;

  public Config config() {
    Config config = Config.fromEnvironment(System.getenv());
    if (data != null) {
      config = config.withDataDir(data);
    }
    if (databaseUrl != null) {
      config = config.withDatabaseUrl(databaseUrl);
    }
    return config;
  }
}
