package vademecum.manual;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Starting points for a new manual, in French and English: a full assistant task manual (e-mail,
 * calendar, travel, bookkeeping, social media) and a single-procedure skeleton (purpose, when,
 * tools and accesses, steps, checks, who to ask). Clients rarely know what a good procedure says.
 */
public final class ManualTemplates {
  /** A template's starting title, language and Markdown. */
  public record Starter(String name, String title, String language, String markdown) {}

  /** A template as the chooser lists it; its description is in the template's own language. */
  public record Entry(String name, String title, String language, String description) {}

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry(
              "assistant-manual-fr",
              "Manuel de mon assistant",
              "fr",
              "Manuel complet de l'assistant (e-mails, agenda, déplacements, comptabilité,"
                  + " réseaux sociaux)"),
          new Entry(
              "procedure-fr",
              "Nouvelle procédure",
              "fr",
              "Une procédure : objectif, quand, outils et accès, étapes, vérifications, qui"
                  + " contacter"),
          new Entry(
              "assistant-manual-en",
              "My assistant's manual",
              "en",
              "Full assistant manual (e-mail, calendar, travel, bookkeeping, social media)"),
          new Entry(
              "procedure-en",
              "New procedure",
              "en",
              "One procedure: purpose, when, tools and accesses, steps, checks, who to ask"));

  private ManualTemplates() {}

  public static List<Entry> all() {
    return ENTRIES;
  }

  /** Empty for a name that is not one of {@link #names()}: nothing else is read. */
  public static Optional<Starter> load(String name) {
    for (Entry entry : ENTRIES) {
      if (entry.name().equals(name)) {
        return Optional.of(
            new Starter(entry.name(), entry.title(), entry.language(), read(entry.name())));
      }
    }
    return Optional.empty();
  }

  private static String read(String name) {
    try (InputStream in =
        ManualTemplates.class.getResourceAsStream("/manual-templates/" + name + ".md")) {
      if (in == null) {
        throw new IllegalStateException("Missing manual template " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
