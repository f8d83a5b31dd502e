package vademecum.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import vademecum.App;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.manual.EditConflict;
import vademecum.manual.Manual;
import vademecum.manual.ManualImporter;
import vademecum.manual.Revision;
import vademecum.markdown.TextChecks;

/**
 * What editors do to manuals, at random and from several threads: edit and publish (major and
 * minor), save drafts, publish them later, restore old revisions, re-import files, rename
 * procedures and manuals, add and remove procedures, grow and shrink them. Every procedure carries
 * a marker ({@link MirrorText#MARKER}) that changes with its text, so that any version can be
 * searched for alone. PostgreSQL stays the only record of what is published.
 */
public final class MirrorWorkload {
  public static final String EN = "mirror-en";
  public static final String FR = "mirror-fr";

  private final App.Services services;
  private final MirrorText text;
  private final List<Target> targets;

  /** Every marker ever written, published or not. */
  public final Set<String> markers;

  public final AtomicLong edits = new AtomicLong();
  public final AtomicLong conflicts = new AtomicLong();

  /** A manual the workload edits; {@code sourcePath} set when it came from an import. */
  private record Target(Workspace workspace, String slug, String language, String sourcePath) {}

  public MirrorWorkload(App.Services services, MirrorText text) {
    this(services, text, new ArrayList<>(), ConcurrentHashMap.newKeySet());
  }

  private MirrorWorkload(
      App.Services services, MirrorText text, List<Target> targets, Set<String> markers) {
    this.services = services;
    this.text = text;
    this.targets = targets;
    this.markers = markers;
  }

  /**
   * The same manuals and markers, edited through another node's (or a restarted one's) services.
   */
  public MirrorWorkload on(App.Services other) {
    return new MirrorWorkload(other, text, targets, markers);
  }

  /**
   * Creates the manuals: {@code count} of them, a few with procedures of 10 and 80 kB, a fifth
   * imported from files, and (if asked) one whose single procedure is near the 2 MB limit.
   */
  public void setUp(int count, boolean huge, Random random) {
    Workspace en = services.workspaces().getOrCreate(EN, "Mirror EN");
    Workspace fr = services.workspaces().getOrCreate(FR, "Miroir FR");
    for (int i = 0; i < count; i++) {
      boolean french = i % 2 == 0;
      Workspace workspace = french ? fr : en;
      String language = french ? "fr" : "en";
      String title = (french ? "Manuel " : "Manual ") + i;
      StringBuilder markdown = new StringBuilder(intro(random));
      int procedures = 1 + random.nextInt(6);
      for (int p = 0; p < procedures; p++) {
        markdown.append(section(random, p, sizeFor(random, i, p)));
      }
      if (i % 5 == 4) {
        String path = "guides/page-" + i + ".md";
        var outcome =
            services
                .importer()
                .importOne(
                    workspace,
                    path,
                    file(title, markdown.toString()),
                    Optional.of(language),
                    Actor.SYSTEM);
        if (outcome.status() == ManualImporter.Status.FAILED) {
          throw new IllegalStateException(path + ": " + outcome.message());
        }
        targets.add(new Target(workspace, outcome.manualSlug(), language, path));
      } else {
        var saved =
            services
                .manuals()
                .create(
                    workspace,
                    draft(title, language, markdown, null, false, true),
                    null,
                    Actor.SYSTEM);
        targets.add(new Target(workspace, saved.manual().slug(), language, null));
      }
    }
    if (huge) {
      int limit = services.manuals().maxMarkdownBytes();
      String filler = text.filler(random, limit - 40_000).replaceAll("(?m)^### ", "");
      // Near the limits in bytes (accents take two) and in lines, never over them.
      while (filler.getBytes(StandardCharsets.UTF_8).length > limit - 40_000
          || filler.lines().count() > TextChecks.MAX_LINES - 100) {
        filler = filler.substring(0, filler.lastIndexOf('\n', filler.length() * 19 / 20) + 1);
      }
      String body = "Code: " + marker(random) + "\n\n" + filler;
      String markdown = "## Le très long registre {#registre}\n" + body;
      var saved =
          services
              .manuals()
              .create(
                  fr,
                  draft("Registre complet", "fr", markdown, null, false, true),
                  null,
                  Actor.SYSTEM);
      targets.add(new Target(fr, saved.manual().slug(), "fr", null));
    }
  }

  /** Most procedures are short; some are 10, 30 or 80 kB. */
  private static int sizeFor(Random random, int manual, int procedure) {
    if (manual % 7 == 1 && procedure == 0) {
      return 80_000;
    }
    if (manual % 5 == 2 && procedure == 0) {
      return 10_000;
    }
    int roll = random.nextInt(100);
    return roll < 80 ? 200 + random.nextInt(3000) : roll < 93 ? 10_000 : 30_000;
  }

  private String intro(Random random) {
    return "Introduction. Code: " + marker(random) + "\n\n" + text.filler(random, 200) + "\n";
  }

  private String section(Random random, int number, int bytes) {
    // Half the procedures name their key; the others take it from their title.
    String key = random.nextBoolean() ? " {#p" + number + "}" : "";
    String title = "Étape " + number + " " + text.filler(random, 1).split("\\s+")[0];
    title = title.replaceAll("[^\\p{L}\\p{N} ]", "");
    return "## "
        + title
        + key
        + "\nCode: "
        + marker(random)
        + "\n\n"
        + text.filler(random, bytes)
        + "\n";
  }

  private String marker(Random random) {
    String marker = MirrorText.marker(random);
    markers.add(marker);
    return marker;
  }

  private static Draft draft(
      String title,
      String language,
      CharSequence markdown,
      Integer base,
      boolean minor,
      boolean publish) {
    return new Draft(
        title, language, List.of("mirror"), "", markdown.toString(), base, "", minor, publish);
  }

  private static byte[] file(String title, String markdown) {
    String front = "---\ntitle: \"" + title + "\"\n---\n\n";
    return (front + markdown).getBytes(StandardCharsets.UTF_8);
  }

  /** Edits at random until {@code running} says to stop. */
  public void write(Random random, BooleanSupplier running) {
    while (running.getAsBoolean()) {
      Target target = targets.get(random.nextInt(targets.size()));
      try {
        step(random, target);
        edits.incrementAndGet();
      } catch (EditConflict e) {
        conflicts.incrementAndGet();
      } catch (Refusal.Invalid | Refusal.TooLarge e) {
        // A random rename gave two procedures one key, or the manual grew past the limit: refused
        // as an editor's save would be, nothing written.
      }
    }
  }

  private void step(Random random, Target target) {
    var manuals = services.manuals();
    Manual manual = manuals.require(target.workspace(), target.slug());
    Revision latest = manuals.latest(manual);
    int roll = random.nextInt(100);
    if (roll < 10
        && manual.isPublished()
        && !manual.latestRevisionId().equals(manual.publishedRevisionId())) {
      manuals.publish(
          target.workspace(), target.slug(), latest.number(), random.nextBoolean(), Actor.SYSTEM);
    } else if (roll < 20 && latest.number() > 1) {
      int old = 1 + random.nextInt(latest.number() - 1);
      manuals.restore(
          target.workspace(),
          target.slug(),
          old,
          latest.number(),
          random.nextInt(4) > 0,
          Actor.SYSTEM);
    } else if (roll < 32 && target.sourcePath() != null) {
      String markdown = edited(random, latest.markdown(), target);
      services
          .importer()
          .importOne(
              target.workspace(),
              target.sourcePath(),
              file(latest.title(), markdown),
              Optional.of(target.language()),
              Actor.SYSTEM);
    } else {
      String title = latest.title();
      if (random.nextInt(20) == 0) {
        title = title.replaceAll(" \\(v\\d+\\)$", "") + " (v" + (latest.number() + 1) + ")";
      }
      boolean publish = roll < 85;
      boolean minor = publish && random.nextInt(4) == 0;
      String markdown = edited(random, latest.markdown(), target);
      manuals.save(
          target.workspace(),
          target.slug(),
          draft(title, target.language(), markdown, latest.number(), minor, publish),
          Actor.SYSTEM);
    }
  }

  /**
   * The text with new markers in some procedures, sometimes a procedure added, removed, renamed or
   * resized.
   */
  private String edited(Random random, String markdown, Target target) {
    boolean huge = markdown.length() > 1_000_000;
    List<String> parts = new ArrayList<>(List.of(markdown.split("(?m)(?=^## )")));
    int first = parts.get(0).startsWith("## ") ? 0 : 1;
    int sections = parts.size() - first;
    int roll = random.nextInt(100);
    if (!huge && roll < 10 && sections < 8) {
      parts.add(section(random, 10 + random.nextInt(90), 200 + random.nextInt(4000)));
    } else if (!huge && roll < 20 && sections > 1) {
      parts.remove(first + random.nextInt(sections));
    } else if (!huge && roll < 30 && sections > 0) {
      int at = first + random.nextInt(sections);
      String part = parts.get(at);
      int eol = part.indexOf('\n');
      String rest = eol < 0 ? "" : part.substring(eol);
      parts.set(
          at,
          "## Étape "
              + random.nextInt(100)
              + " renommée"
              + (random.nextBoolean() ? " {#r" + random.nextInt(100) + "}" : "")
              + rest);
    } else if (!huge && roll < 38 && sections > 0) {
      int at = first + random.nextInt(sections);
      parts.set(at, section(random, at, random.nextBoolean() ? 80_000 : 300));
    }
    // New markers in one or two places: the old versions' markers must leave the index.
    int changes = 1 + random.nextInt(2);
    for (int i = 0; i < changes; i++) {
      int at = random.nextInt(parts.size());
      parts.set(at, MirrorText.MARKER.matcher(parts.get(at)).replaceFirst(marker(random)));
    }
    return String.join("", parts);
  }
}
