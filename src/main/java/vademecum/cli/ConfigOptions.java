package vademecum.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
    return config(Map.of());
  }

  /**
   * The environment's settings, with this command's flags in place of their variables.
   *
   * @param flags further variables a command's own flags set
   */
  Config config(Map<String, String> flags) {
    Map<String, String> settings = new HashMap<>(System.getenv());
    if (data != null) {
      settings.put("VADEMECUM_DATA", data.toString());
    }
    if (databaseUrl != null) {
      settings.put("VADEMECUM_DATABASE_URL", databaseUrl);
    }
    settings.putAll(flags);
    return Config.fromEnvironment(settings);
  }
}
