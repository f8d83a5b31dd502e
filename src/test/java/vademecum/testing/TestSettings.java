package vademecum.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import vademecum.config.Config;

/**
 * The settings of an app started in a test, as the environment variables an operator would set: no
 * background pollers (the tests run the reminder queue and the webhook outbox themselves), and
 * webhooks allowed to call the test's own receiver on localhost.
 */
public final class TestSettings {
  private TestSettings() {}

  /**
   * Settings a test may change further before {@link #config}.
   *
   * @param databaseUrl an external PostgreSQL (user postgres), or null for the embedded one
   */
  public static Map<String, String> of(Path data, String databaseUrl) {
    Map<String, String> settings = new HashMap<>();
    settings.put("VADEMECUM_PORT", "0");
    settings.put("VADEMECUM_DATA", data.toString());
    if (databaseUrl != null) {
      settings.put("VADEMECUM_DATABASE_URL", databaseUrl);
      settings.put("VADEMECUM_DATABASE_USER", "postgres");
    }
    settings.put("VADEMECUM_BASE_URL", "http://localhost:0");
    settings.put("VADEMECUM_SAMPLES", "false");
    settings.put("VADEMECUM_REMINDER_POLL_MILLIS", "0");
    settings.put("VADEMECUM_WEBHOOK_POLL_MILLIS", "0");
    settings.put("VADEMECUM_WEBHOOKS_ALLOW_PRIVATE", "true");
    return settings;
  }

  public static Config config(Map<String, String> settings) {
    return Config.fromEnvironment(settings);
  }
}
