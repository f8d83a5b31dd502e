package vademecum.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vademecum.App;
import vademecum.config.Config;
import vademecum.file.StoredFile;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Scratch;
import vademecum.testing.TestImages;

/**
 * Screenshots in manuals, over real HTTP with the app as in production (embedded PostgreSQL, fsync
 * on): published pages with three screenshots each beside the same pages without images, then the
 * screenshots themselves served from PostgreSQL, first in full and then revalidated by their ETag
 * (what a browser does on a reload after its cache was cleared of the page but not of the image).
 *
 * <p>./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.ImageBenchmark
 * -Dexec.args="16 20" (connections, seconds a phase)
 */
public final class ImageBenchmark {
  private static final int MANUALS = 20;
  private static final String PASSWORD = "image bench password";

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    System.out.printf(
        "machine: %d cores, Java %s; %d connections, %d s a phase; server and client in this"
            + " process%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        users,
        seconds);
    Path data = Scratch.directory("vademecum-images");
    Config config =
        Config.fromEnvironment(
            Map.of(
                "VADEMECUM_PORT", "0",
                "VADEMECUM_DATA", data.toString(),
                "VADEMECUM_BASE_URL", "http://localhost",
                "VADEMECUM_SAMPLES", "false"));
    try (App app = App.start(config)) {
      var services = app.services();
      Workspace workspace = services.workspaces().getOrCreate("images", "Images");
      Random random = new Random(7);
      List<String> images = new ArrayList<>();
      long bytes = 0;
      for (int m = 0; m < MANUALS; m++) {
        StringBuilder with = new StringBuilder();
        StringBuilder without = new StringBuilder();
        for (int p = 0; p < 3; p++) {
          // Two screenshots of a laptop screen, one of a wide monitor (which gets a display copy).
          int width = p == 2 ? 2560 : 1440;
          int height = p == 2 ? 1440 : 900;
          byte[] png = TestImages.encode(screenshot(width, height, random), "png");
          bytes += png.length;
          StoredFile file =
              services.files().upload(workspace, Actor.SYSTEM, "etape-" + p + ".png", png);
          images.add(file.url("images"));
          String step = "## Étape " + p + "\nCliquer sur le menu, puis saisir le montant.\n\n";
          with.append(step).append(file.markdown("images", "Écran " + p)).append("\n\n");
          without.append(step).append("Écran ").append(p).append(".\n\n");
        }
        publish(services, workspace, "Avec images " + m, with.toString());
        publish(services, workspace, "Sans images " + m, without.toString());
      }
      System.out.printf(
          "%d manuals of 3 screenshots (%d PNGs, %.1f MB in all) and %d without%n",
          MANUALS, images.size(), bytes / 1e6, MANUALS);
      var account =
          services.accounts().create("reader@bench.example", "Reader", "fr", PASSWORD, false, null);
      services
          .memberships()
          .addMember(workspace, account.id(), Role.ASSISTANT, Actor.SYSTEM.accountId());
      int port = app.port();
      LoadRun.Session reader = LoadRun.Session.signIn(port, account.email(), PASSWORD);
      String cookie = "Cookie: " + reader.cookie();

      System.out.println("\n== warm-up 10 s");
      LoadRun.hammer(port, users, 10, r -> page("avec", r), 200, "warm-up", cookie);
      LoadRun.hammer(port, users, 5, r -> images.get(r.nextInt(images.size())), 200, "w", cookie);

      System.out.printf("%n== pages with three screenshots each, %d s%n", seconds);
      LoadRun.Result with =
          LoadRun.hammer(port, users, seconds, r -> page("avec", r), 200, "page", cookie);
      with.print();
      System.out.printf("%n== the same pages without images, %d s%n", seconds);
      LoadRun.Result without =
          LoadRun.hammer(port, users, seconds, r -> page("sans", r), 200, "page", cookie);
      without.print();
      System.out.printf("%n== screenshots in full (200, from PostgreSQL), %d s%n", seconds);
      LoadRun.Result full =
          LoadRun.hammer(
              port,
              users,
              seconds,
              r -> images.get(r.nextInt(images.size())),
              200,
              "image",
              cookie);
      full.print();
      // One image, so that every request carries its ETag (a 1440 px one: no display copy, so
      // its ETag is its hash). Each 304 still checks the reader's rights and finds the row.
      String first = images.get(0);
      String etag = "\"" + first.replaceAll(".*/files/([0-9a-f]{64})/.*", "$1") + "\"";
      System.out.printf("%n== a screenshot revalidated by its ETag (304), %d s%n", seconds);
      LoadRun.Result revalidated =
          LoadRun.hammer(
              port, users, seconds, r -> first, 304, "image", cookie, "If-None-Match: " + etag);
      revalidated.print();
      System.out.printf(
          "%npages with screenshots: %.0f %% of the pages without%n",
          100.0 * with.throughput() / without.throughput());
    }
    System.exit(0);
  }

  private static String page(String kind, Random random) {
    int m = random.nextInt(MANUALS);
    return "/w/images/m/" + kind + "-images-" + m;
  }

  private static void publish(App.Services services, Workspace workspace, String title, String md) {
    services
        .manuals()
        .create(
            workspace,
            new Draft(title, "fr", List.of(), "", md, null, "", false, true),
            null,
            Actor.SYSTEM);
  }

  /** A screen of an accounting tool: a menu bar, rows of words, coloured buttons. */
  static BufferedImage screenshot(int width, int height, Random random) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0x1f5fa8));
    g.fillRect(0, 0, width, 48);
    for (int y = 70; y < height - 20; y += 22) {
      int x = 24;
      while (x < width - 200) {
        int word = 20 + random.nextInt(70);
        g.setColor(new Color(30 + random.nextInt(60), 30 + random.nextInt(60), 40));
        g.fillRect(x, y, word, 10);
        x += word + 8;
      }
    }
    for (int b = 0; b < 12; b++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      g.fillRoundRect(random.nextInt(width - 160), random.nextInt(height - 40), 140, 32, 8, 8);
    }
    g.dispose();
    return image;
  }
}
