package vademecum;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import vademecum.audit.AuditLog;
import vademecum.cli.VademecumCommand;
import vademecum.db.Database;
import vademecum.manual.ManualErrors;
import vademecum.manual.ManualImporter;
import vademecum.manual.ManualRepository;
import vademecum.manual.ManualRoutes;
import vademecum.manual.ManualService;
import vademecum.manual.ProcedureRepository;
import vademecum.manual.SampleManuals;
import vademecum.markdown.MarkdownRenderer;
import vademecum.web.Access;
import vademecum.web.HealthRoutes;
import vademecum.web.Templates;
import vademecum.web.WebServer;
import vademecum.workspace.WorkspaceRepository;
import vademecum.workspace.WorkspaceRoutes;

/** The composition root: reads top to bottom like the system diagram in docs/architecture.md. */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  /** Everything below the web layer; CLI commands use it without starting a server. */
  public record Services(
      Database database,
      WorkspaceRepository workspaces,
      ManualService manuals,
      ManualImporter importer,
      ManualRepository manualRepository) {

    public static Services build(Config config, Database database) {
      var dsl = database.dsl();
      var markdown = new MarkdownRenderer();
      var workspaces = new WorkspaceRepository(dsl);
      var manualRepository = new ManualRepository(dsl);
      var manuals =
          new ManualService(
              dsl,
              manualRepository,
              new ProcedureRepository(dsl),
              new AuditLog(),
              markdown,
              config.maxMarkdownBytes());
      var importer = new ManualImporter(dsl, manuals, manualRepository, markdown);
      return new Services(database, workspaces, manuals, importer, manualRepository);
    }
  }

  private final Services services;
  private final WebServer web;

  private App(Services services, WebServer web) {
    this.services = services;
    this.web = web;
  }

  public static App start(Config config) {
    Database database = Database.open(config);
    try {
      Services services = Services.build(config, database);
      if (config.loadSamples() && services.workspaces().isEmpty()) {
        loadSamples(services);
      }
      var templates = new Templates();
      var access = new Access();
      var workspaceRoutes =
          new WorkspaceRoutes(services.workspaces(), services.manuals(), access, templates);
      // Form bodies are percent-encoded: accented text takes up to three times its size.
      long maxRequestBytes = 3L * config.maxMarkdownBytes() + 64 * 1024;
      WebServer web =
          new WebServer(
                  templates,
                  maxRequestBytes,
                  ManualErrors.humanSize(config.maxMarkdownBytes()),
                  List.of(
                      new HealthRoutes(database.dsl()),
                      workspaceRoutes,
                      new ManualRoutes(services.manuals(), workspaceRoutes, access, templates)))
              .start(config.port());
      return new App(services, web);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static void loadSamples(Services services) {
    var workspace =
        services
            .workspaces()
            .getOrCreate(
                services.database().dsl(),
                SampleManuals.WORKSPACE_SLUG,
                SampleManuals.WORKSPACE_NAME);
    var outcomes = new SampleManuals(services.importer()).load(workspace);
    outcomes.stream()
        .filter(o -> o.status() == ManualImporter.Status.FAILED)
        .forEach(o -> log.warn("Sample manual {} not loaded: {}", o.sourcePath(), o.message()));
    log.info("Loaded {} sample manuals into workspace {}", outcomes.size(), workspace.slug());
  }

  public int port() {
    return web.port();
  }

  public Services services() {
    return services;
  }

  @Override
  public void close() {
    web.stop();
    services.database().close();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new VademecumCommand()).execute(args));
  }
}
