package vademecum.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigTest {
  private static final Pattern VARIABLE = Pattern.compile("VADEMECUM_[A-Z_]+[A-Z]");

  @Test
  void absent_variables_take_the_documented_defaults() {
    Config config = Config.fromEnvironment(Map.of());
    assertEquals(7070, config.port());
    assertEquals("http://localhost:7070", config.baseUrl());
    assertEquals(Optional.empty(), config.databaseUrl());
    assertEquals(2 * 1024 * 1024, config.maxMarkdownBytes());
    assertTrue(config.loadSamples());
    assertFalse(config.webhooksAllowPrivate());
    assertEquals(Duration.ofSeconds(5), config.reminderPoll());
    assertEquals(Duration.ofSeconds(2), config.webhookPoll());
    assertTrue(config.searchNotifications());
    assertEquals(Path.of("data").toAbsolutePath(), config.dataDir());
  }

  @Test
  void each_variable_sets_its_setting() {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "VADEMECUM_PORT", "8080",
                "VADEMECUM_SAMPLES", "false",
                "VADEMECUM_WEBHOOKS_ALLOW_PRIVATE", "true",
                "VADEMECUM_REMINDER_POLL_MILLIS", "0",
                "VADEMECUM_WEBHOOK_POLL_MILLIS", "250",
                "VADEMECUM_SEARCH_NOTIFICATIONS", "no",
                "VADEMECUM_DATABASE_URL", " jdbc:postgresql://db/vademecum "));
    assertEquals(8080, config.port());
    assertEquals("http://localhost:8080", config.baseUrl(), "the default address follows the port");
    assertFalse(config.loadSamples());
    assertTrue(config.webhooksAllowPrivate());
    assertTrue(config.reminderPoll().isZero());
    assertEquals(Duration.ofMillis(250), config.webhookPoll());
    assertFalse(config.searchNotifications());
    assertEquals(Optional.of("jdbc:postgresql://db/vademecum"), config.databaseUrl());
  }

  @Test
  void a_secret_can_come_from_a_file_and_the_operations_settings_are_read() throws Exception {
    Path secret = Files.createTempFile("vademecum-secret", ".txt");
    Files.writeString(secret, "s3cret password\n");
    Config config =
        Config.fromEnvironment(
            Map.of(
                "VADEMECUM_DATABASE_PASSWORD_FILE", secret.toString(),
                "VADEMECUM_METRICS_TOKEN", "abc",
                "VADEMECUM_LOG_FORMAT", "JSON"));
    assertEquals(Optional.of("s3cret password"), config.databasePassword());
    assertEquals(Optional.of("abc"), config.metricsToken());
    assertEquals(Config.LogFormat.JSON, config.logFormat());
    assertEquals(Config.LogFormat.TEXT, Config.fromEnvironment(Map.of()).logFormat());
    assertEquals(Optional.empty(), Config.fromEnvironment(Map.of()).metricsToken());

    var both =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Config.fromEnvironment(
                    Map.of(
                        "VADEMECUM_DATABASE_PASSWORD",
                        "x",
                        "VADEMECUM_DATABASE_PASSWORD_FILE",
                        secret.toString())));
    assertTrue(both.getMessage().contains("not both"), both.getMessage());
    var missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Config.fromEnvironment(
                    Map.of("VADEMECUM_SMTP_URL_FILE", "/no/such/file/anywhere")));
    assertTrue(missing.getMessage().startsWith("VADEMECUM_SMTP_URL_FILE"), missing.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Config.fromEnvironment(Map.of("VADEMECUM_LOG_FORMAT", "xml")));
  }

  @Test
  void single_sign_on_settings_are_read_and_checked() {
    Config google =
        Config.fromEnvironment(
            Map.of(
                "VADEMECUM_OIDC_PROVIDER", "google",
                "VADEMECUM_OIDC_CLIENT_ID", "id",
                "VADEMECUM_OIDC_CLIENT_SECRET", "secret",
                "VADEMECUM_OIDC_ALLOWED_DOMAINS", "@Agency.example, partner.example",
                "VADEMECUM_OIDC_GROUP_ROLES", "va-team=moreau:assistant, leads = moreau : Editor",
                "VADEMECUM_PASSWORD_SIGN_IN", "false"));
    SingleSignOn sso = google.singleSignOn().orElseThrow();
    assertEquals("https://accounts.google.com", sso.issuer());
    assertEquals("Google", sso.name());
    assertTrue(sso.allows("ana@agency.example"));
    assertFalse(sso.allows("ana@elsewhere.example"));
    assertEquals(
        List.of(
            new SingleSignOn.GroupRole("va-team", "moreau", "assistant"),
            new SingleSignOn.GroupRole("leads", "moreau", "editor")),
        sso.groupRoles());
    assertFalse(google.passwordSignIn());

    Config microsoft =
        Config.fromEnvironment(
            Map.of(
                "VADEMECUM_OIDC_PROVIDER", "microsoft",
                "VADEMECUM_OIDC_TENANT", "0000-tenant",
                "VADEMECUM_OIDC_CLIENT_ID", "id",
                "VADEMECUM_OIDC_CLIENT_SECRET", "secret"));
    assertEquals(
        "https://login.microsoftonline.com/0000-tenant/v2.0",
        microsoft.singleSignOn().orElseThrow().issuer());

    for (Map<String, String> wrong :
        List.of(
            Map.of("VADEMECUM_PASSWORD_SIGN_IN", "false"),
            Map.of("VADEMECUM_OIDC_PROVIDER", "microsoft", "VADEMECUM_OIDC_CLIENT_ID", "id"),
            Map.of("VADEMECUM_OIDC_ISSUER", "https://id.example", "VADEMECUM_OIDC_CLIENT_ID", "id"),
            Map.of(
                "VADEMECUM_OIDC_ISSUER", "https://id.example",
                "VADEMECUM_OIDC_CLIENT_ID", "id",
                "VADEMECUM_OIDC_CLIENT_SECRET", "s",
                "VADEMECUM_OIDC_GROUP_ROLES", "va-team=moreau:boss"))) {
      assertThrows(
          IllegalArgumentException.class, () -> Config.fromEnvironment(wrong), wrong.toString());
    }
  }

  @Test
  void a_value_that_cannot_be_read_names_its_variable() {
    var port =
        assertThrows(
            IllegalArgumentException.class,
            () -> Config.fromEnvironment(Map.of("VADEMECUM_PORT", "eighty")));
    assertEquals(
        "VADEMECUM_PORT must be a whole number of zero or more, not \"eighty\"", port.getMessage());
    var flag =
        assertThrows(
            IllegalArgumentException.class,
            () -> Config.fromEnvironment(Map.of("VADEMECUM_SAMPLES", "maybe")));
    assertEquals("VADEMECUM_SAMPLES must be true or false, not \"maybe\"", flag.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Config.fromEnvironment(Map.of("VADEMECUM_WEBHOOK_POLL_MILLIS", "-1")));
  }

  @Test
  void every_variable_config_reads_is_in_the_readme_table_and_no_other() throws Exception {
    Set<String> read =
        variables(
            Files.readString(Path.of("src/main/java/vademecum/config/Config.java"))
                + Files.readString(Path.of("src/main/java/vademecum/config/SingleSignOn.java")));
    StringBuilder table = new StringBuilder();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      if (line.startsWith("| `VADEMECUM_")) {
        table.append(line.substring(0, line.indexOf('|', 2))).append('\n');
      }
    }
    assertEquals(read, variables(table.toString()));
  }

  /** Settings come from Config alone, so the README's table is the whole list. */
  @Test
  void only_config_reads_the_environment_or_system_properties() {
    var product =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vademecum");
    noClasses()
        .that()
        .resideOutsideOfPackage("vademecum.config..")
        .and()
        .doNotHaveFullyQualifiedName("vademecum.cli.ConfigOptions")
        .should()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "getProperty", String.class)
        .orShould()
        .callMethod(System.class, "getProperty", String.class, String.class)
        .orShould()
        .callMethod(Integer.class, "getInteger", String.class, int.class)
        .orShould()
        .callMethod(Long.class, "getLong", String.class, long.class)
        .orShould()
        .callMethod(Boolean.class, "getBoolean", String.class)
        .check(product);
  }

  private static Set<String> variables(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}
