package vademecum.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vademecum.App;
import vademecum.config.Config;
import vademecum.manual.SampleManuals;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the web server (the default command).")
public final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--port", description = "HTTP port (VADEMECUM_PORT, default 7070).")
  Integer port;

  @Option(
      names = "--no-samples",
      description = "Do not load the sample manuals into an empty instance.")
  boolean noSamples;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = new HashMap<>();
    if (port != null) {
      flags.put("VADEMECUM_PORT", String.valueOf(port));
    }
    if (noSamples) {
      flags.put("VADEMECUM_SAMPLES", "false");
    }
    Config config = options.config(flags);
    Logs.use(config.logFormat());
    App app = App.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                }));
    System.out.println(
        "Vademecum is running at "
            + config.baseUrl().replace(":" + config.port(), ":" + app.port()));
    System.out.println("Data directory: " + config.dataDir());
    System.out.println(
        "Sample manuals: " + config.baseUrl() + "/w/" + SampleManuals.WORKSPACE_SLUG);
    if (!app.demoLogins().isEmpty()) {
      System.out.println(
          "Demo logins (also in " + config.dataDir().resolve("demo-logins.txt") + "):");
      app.demoLogins()
          .forEach(l -> System.out.printf("  %-10s %-32s %s%n", l.role(), l.email(), l.password()));
    }
    System.out.println("Stop with Ctrl+C.");
    stopped.await();
    return 0;
  }
}
