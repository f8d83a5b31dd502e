package vademecum;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.account.AccountRepository;
import vademecum.account.AccountRoutes;
import vademecum.account.AccountService;
import vademecum.account.ApiTokenRepository;
import vademecum.account.ApiTokens;
import vademecum.account.AuthRoutes;
import vademecum.account.EmailVerification;
import vademecum.account.EmailVerificationRepository;
import vademecum.account.LanguageRoutes;
import vademecum.account.LoginAttemptRepository;
import vademecum.account.LoginThrottle;
import vademecum.account.PasswordResetRepository;
import vademecum.account.PasswordResets;
import vademecum.account.PasswordRoutes;
import vademecum.account.Passwords;
import vademecum.account.SessionRepository;
import vademecum.account.SessionService;
import vademecum.account.SignIn;
import vademecum.ack.AckApiRoutes;
import vademecum.ack.AckRepository;
import vademecum.ack.AckRoutes;
import vademecum.ack.AckService;
import vademecum.ack.Mailer;
import vademecum.ack.ReminderRepository;
import vademecum.ack.Reminders;
import vademecum.admin.AdminRoutes;
import vademecum.audit.AuditLog;
import vademecum.config.Config;
import vademecum.config.SingleSignOn;
import vademecum.db.DataDirectory;
import vademecum.db.Database;
import vademecum.db.EmbeddedDatabase;
import vademecum.db.Notifications;
import vademecum.file.FileRepository;
import vademecum.file.FileRoutes;
import vademecum.file.FileService;
import vademecum.kernel.Background;
import vademecum.kernel.Role;
import vademecum.kernel.Sizes;
import vademecum.manual.ExportRoutes;
import vademecum.manual.ImportRoutes;
import vademecum.manual.ImportUploadRepository;
import vademecum.manual.ManualApiRoutes;
import vademecum.manual.ManualExporter;
import vademecum.manual.ManualImporter;
import vademecum.manual.ManualRepository;
import vademecum.manual.ManualRoutes;
import vademecum.manual.ManualService;
import vademecum.manual.ProcedureRepository;
import vademecum.manual.SampleManuals;
import vademecum.manual.ShelfRepository;
import vademecum.manual.ShelfService;
import vademecum.manual.UploadImports;
import vademecum.markdown.MarkdownRenderer;
import vademecum.metrics.Metrics;
import vademecum.metrics.MetricsRoutes;
import vademecum.question.QuestionApiRoutes;
import vademecum.question.QuestionEvent;
import vademecum.question.QuestionMail;
import vademecum.question.QuestionRepository;
import vademecum.question.QuestionRoutes;
import vademecum.question.QuestionService;
import vademecum.review.ReviewApiRoutes;
import vademecum.review.ReviewRepository;
import vademecum.review.ReviewRoutes;
import vademecum.review.ReviewService;
import vademecum.run.Run;
import vademecum.run.RunApiRoutes;
import vademecum.run.RunEvent;
import vademecum.run.RunMail;
import vademecum.run.RunRepository;
import vademecum.run.RunRoutes;
import vademecum.run.RunSchedules;
import vademecum.run.RunService;
import vademecum.run.ScheduleAssignees;
import vademecum.run.ScheduleRepository;
import vademecum.search.InsightsRoutes;
import vademecum.search.ReadyRoutes;
import vademecum.search.SearchIndex;
import vademecum.search.SearchIndexer;
import vademecum.search.SearchInsights;
import vademecum.search.SearchLogRepository;
import vademecum.search.SearchMetrics;
import vademecum.search.SearchRepository;
import vademecum.search.SearchRoutes;
import vademecum.search.Searcher;
import vademecum.search.SynonymLists;
import vademecum.search.SynonymRepository;
import vademecum.search.SynonymRoutes;
import vademecum.share.ShareAudit;
import vademecum.share.ShareRepository;
import vademecum.share.ShareRoutes;
import vademecum.share.ShareService;
import vademecum.sso.SsoRoutes;
import vademecum.suggestion.SuggestionApiRoutes;
import vademecum.suggestion.SuggestionEvent;
import vademecum.suggestion.SuggestionRepository;
import vademecum.suggestion.SuggestionRoutes;
import vademecum.suggestion.SuggestionService;
import vademecum.web.Access;
import vademecum.web.Assets;
import vademecum.web.ClientAddress;
import vademecum.web.HealthRoutes;
import vademecum.web.OpenApiRoutes;
import vademecum.web.Templates;
import vademecum.web.WebServer;
import vademecum.webhook.WebhookAddresses;
import vademecum.webhook.WebhookDeliveries;
import vademecum.webhook.WebhookEvents;
import vademecum.webhook.WebhookRepository;
import vademecum.webhook.WebhookRoutes;
import vademecum.webhook.WebhookService;
import vademecum.workspace.DemoAccounts;
import vademecum.workspace.InvitationMail;
import vademecum.workspace.InvitationRepository;
import vademecum.workspace.InvitationRoutes;
import vademecum.workspace.MemberRoutes;
import vademecum.workspace.MembershipRepository;
import vademecum.workspace.MembershipService;
import vademecum.workspace.ShelfRoutes;
import vademecum.workspace.WorkspaceApiRoutes;
import vademecum.workspace.WorkspaceRepository;
import vademecum.workspace.WorkspaceRoutes;
import vademecum.workspace.Workspaces;

/** The composition root: reads top to bottom like the system diagram in docs/architecture.md. */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  /** A session ends after this long without a request (a working day with its breaks)… */
  static final Duration SESSION_IDLE = Duration.ofHours(12);

  /** …and this long after sign-in, whatever happens. */
  static final Duration SESSION_ABSOLUTE = Duration.ofDays(7);

  /** Everything below the web layer; CLI commands use it without starting a server. */
  public record Services(
      Database database,
      Workspaces workspaces,
      ManualService manuals,
      ManualImporter importer,
      AccountService accounts,
      MembershipService memberships,
      SessionService sessions,
      ApiTokens tokens,
      SignIn signIn,
      MarkdownRenderer markdown,
      SearchRepository search,
      AckService acks,
      ShareService shares,
      ManualExporter exporter,
      WebhookService webhooks,
      WebhookRepository webhookRepository,
      EmailVerification verification,
      ReminderRepository reminders,
      AckRepository ackRepository,
      WebhookAddresses webhookAddresses,
      FileService files,
      ShelfService shelf,
      PasswordResets passwordResets,
      InvitationMail invitationMail,
      QuestionService questions,
      SuggestionService suggestions,
      ReviewService reviews,
      SynonymLists synonyms,
      RunService runs,
      RunSchedules schedules) {

    public static Services build(Config config, Database database) {
      var dsl = database.dsl();
      var audit = new AuditLog();
      var markdown = new MarkdownRenderer();
      var search = new SearchRepository();
      var workspaces = new WorkspaceRepository();
      var manualRepository = new ManualRepository();
      var webhookRepository = new WebhookRepository();
      var webhookEvents = new WebhookEvents(webhookRepository, config.baseUrl());
      var reminders = new ReminderRepository();
      var webhookAddresses = new WebhookAddresses(config.webhooksAllowPrivate());
      var ackRepository = new AckRepository();
      var reviewRepository = new ReviewRepository();
      Optional<EmailVerification.Sender> mail =
          config.smtpUrl().map(Mailer::new).map(mailer -> mailer::send);
      var files =
          new FileService(
              dsl,
              new FileRepository(),
              config.maxFileBytes(),
              config.maxImagePixels(),
              config.workspaceFileBytes());
      var shareLinks = new ShareRepository();
      var manuals =
          new ManualService(
              dsl,
              manualRepository,
              new ProcedureRepository(),
              audit,
              markdown,
              List.of(
                  (tx, p) ->
                      audit.record(
                          tx,
                          p.actor().accountId(),
                          p.workspace().id(),
                          p.minor() ? "manual.publish.minor" : "manual.publish",
                          String.valueOf(p.manualId()),
                          "revision " + p.revision().number()),
                  // The index follows from this row (see SearchIndexer).
                  (tx, p) -> search.recordChange(tx, p.manualId()),
                  // Assistants are told about changes that ask them to reread (sent after commit).
                  (tx, p) -> {
                    if (!p.minor()) {
                      reminders.queue(tx, p.workspace().id(), "publish");
                    }
                  },
                  // Who publishes first owns the manual; a major change is a review.
                  ReviewService.onPublish(reviewRepository),
                  ShareService.onPublish(shareLinks),
                  (tx, p) ->
                      webhookEvents.manualPublished(
                          tx,
                          p.workspace().id(),
                          p.workspace().slug(),
                          p.manualSlug(),
                          p.revision().title(),
                          p.revision().number(),
                          p.minor())),
              // The screenshots and files a revision's text uses are kept with it.
              List.of(
                  (tx, workspaceId, revision) ->
                      files.linkRevision(tx, workspaceId, revision.id(), revision.markdown()),
                  // A save sets the manual's language at once, draft or not, and the index
                  // analyses the published text in it: the index follows (see SearchIndexer).
                  (tx, workspaceId, revision) -> search.recordChange(tx, revision.manualId())),
              config.maxMarkdownBytes());
      var importer = new ManualImporter(dsl, manuals, manualRepository, markdown, files);
      var accountRepository = new AccountRepository();
      var passwords = new Passwords();
      var sessions =
          new SessionService(dsl, new SessionRepository(), SESSION_IDLE, SESSION_ABSOLUTE);
      var throttle = new LoginThrottle(dsl, new LoginAttemptRepository());
      var accounts =
          new AccountService(dsl, accountRepository, passwords, sessions, audit, throttle);
      var membershipRepository = new MembershipRepository();
      var webhookService =
          new WebhookService(dsl, webhookRepository, membershipRepository, audit, webhookAddresses);
      var scheduleAssignees = new ScheduleAssignees(new ScheduleRepository(), audit);
      var memberships =
          new MembershipService(
              dsl,
              workspaces,
              membershipRepository,
              new InvitationRepository(),
              accountRepository,
              passwords,
              audit,
              // The candidate links of someone removed, or made a role that does not share, stop
              // with their right to share, in the same transaction.
              shareLinks::revokeCreatedBy,
              // So do an owner's webhooks once they are not one, and the schedules of someone
              // who no longer runs checklists lose their assignee.
              (tx, workspaceId, accountId, before, after, by) -> {
                webhookService.roleChanged(tx, workspaceId, accountId, before, after, by);
                scheduleAssignees.roleChanged(tx, workspaceId, accountId, before, after, by);
              });
      var verification =
          new EmailVerification(
              dsl,
              accountRepository,
              new EmailVerificationRepository(),
              passwords,
              sessions,
              audit,
              mail,
              config.baseUrl());
      var signIn = new SignIn(dsl, accountRepository, passwords, throttle, audit, verification);
      // Each workspace's synonyms: searches read them, exports and imports carry them.
      var synonymLists = new SynonymLists(dsl, new SynonymRepository(), audit);
      var questions =
          new QuestionService(
              dsl,
              new QuestionRepository(),
              manuals,
              markdown,
              files,
              List.of(
                  (tx, e) ->
                      audit.record(
                          tx,
                          e.actor().accountId(),
                          e.question().workspaceId(),
                          "question." + e.getClass().getSimpleName().toLowerCase(Locale.ROOT),
                          String.valueOf(e.question().id()),
                          e.question().manualSlug() + "#" + e.question().procedureKey()),
                  // A public question is part of its procedure's searchable text.
                  (tx, e) -> {
                    if (e.question().isPublic() || e instanceof QuestionEvent.Shown) {
                      search.recordChange(tx, e.question().manualId());
                    }
                  },
                  (tx, e) -> {
                    if (e.webhookEvent() != null) {
                      webhookEvents.emit(
                          tx,
                          e.question().workspaceId(),
                          e.question().workspaceSlug(),
                          e.webhookEvent(),
                          "question",
                          e.describe(),
                          e.question().url());
                    }
                  }),
              new QuestionMail(mail.map(sender -> sender::send), config.baseUrl()));
      var runRepository = new RunRepository();
      var runWebhooks = runWebhooks(webhookEvents);
      var runMail = new RunMail(mail.map(sender -> sender::send), config.baseUrl());
      var acks =
          new AckService(
              dsl,
              ackRepository,
              markdown,
              List.of(
                  (tx, a) ->
                      audit.record(
                          tx,
                          a.accountId(),
                          a.workspaceId(),
                          "procedure.acknowledge",
                          a.requested().toString(),
                          a.recorded().size() + " new"),
                  (tx, a) ->
                      webhookEvents.proceduresAcknowledged(tx, a.accountId(), a.recorded())));
      return new Services(
          database,
          new Workspaces(dsl, workspaces),
          manuals,
          importer,
          accounts,
          memberships,
          sessions,
          new ApiTokens(dsl, new ApiTokenRepository(), audit),
          signIn,
          markdown,
          search,
          acks,
          new ShareService(
              dsl,
              shareLinks,
              membershipRepository,
              manuals,
              List.of(new ShareAudit(audit)),
              config.baseUrl()),
          new ManualExporter(manuals, files, synonymLists),
          webhookService,
          webhookRepository,
          verification,
          reminders,
          ackRepository,
          webhookAddresses,
          files,
          new ShelfService(
              dsl,
              manuals,
              manualRepository,
              new ShelfRepository(),
              audit,
              // Archiving, deleting and restoring change what is searchable (see SearchIndexer).
              List.of((tx, s) -> search.recordChange(tx, s.manualId()))),
          new PasswordResets(
              dsl,
              accountRepository,
              new PasswordResetRepository(),
              passwords,
              sessions,
              audit,
              mail,
              memberships,
              config.baseUrl()),
          new InvitationMail(mail),
          questions,
          suggestions(dsl, manuals, questions, markdown, audit, webhookEvents),
          new ReviewService(
              dsl,
              reviewRepository,
              manuals,
              audit,
              (tx, manual, due) ->
                  webhookEvents.emit(
                      tx,
                      manual.workspaceId(),
                      manual.workspaceSlug(),
                      WebhookEvents.REVIEW_DUE,
                      "review",
                      Map.of(
                          "manual", manual.manualSlug(),
                          "title", manual.title(),
                          "due", due.toString(),
                          "owner", manual.ownerName() == null ? "" : manual.ownerName()),
                      "/w/" + manual.workspaceSlug() + "/m/" + manual.manualSlug() + "/review"),
              mail.map(sender -> sender::send),
              config.baseUrl(),
              Clock.systemUTC()),
          synonymLists,
          new RunService(
              dsl,
              runRepository,
              manuals,
              acks,
              markdown,
              audit,
              Clock.systemUTC(),
              List.of(runWebhooks),
              runMail,
              files),
          new RunSchedules(
              dsl,
              new ScheduleRepository(),
              runRepository,
              manuals,
              markdown,
              audit,
              Clock.systemUTC(),
              List.of(runWebhooks),
              runMail));
    }

    /** A run started, done or overdue, as the webhook event of that name. */
    private static RunEvent.Listener runWebhooks(WebhookEvents webhookEvents) {
      return (tx, e) -> {
        Run run = e.run();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", run.id());
        data.put("title", run.title());
        data.put("manual", run.manualSlug());
        data.put("procedure", run.procedureKey());
        data.put("version", run.versionNumber());
        data.put("due", run.dueOn() == null ? null : run.dueOn().toString());
        data.put("assignee", run.assignee());
        data.put("outcome", run.outcome());
        String event =
            switch (e.kind()) {
              case "started" -> WebhookEvents.RUN_STARTED;
              case "done" -> WebhookEvents.RUN_DONE;
              default -> WebhookEvents.RUN_OVERDUE;
            };
        webhookEvents.emit(
            tx,
            run.workspaceId(),
            run.workspaceSlug(),
            event,
            "run",
            data,
            "/w/" + run.workspaceSlug() + "/runs/" + run.id());
      };
    }

    /** Suggested edits: the audit row and the webhook event of each, in its transaction. */
    private static SuggestionService suggestions(
        DSLContext dsl,
        ManualService manuals,
        QuestionService questions,
        MarkdownRenderer markdown,
        AuditLog audit,
        WebhookEvents webhookEvents) {
      return new SuggestionService(
          dsl,
          new SuggestionRepository(),
          manuals,
          questions,
          markdown,
          List.of(
              (tx, e) ->
                  audit.record(
                      tx,
                      e.actor().accountId(),
                      e.suggestion().workspaceId(),
                      e instanceof SuggestionEvent.Made
                          ? "suggestion.make"
                          : "suggestion." + e.suggestion().status().column(),
                      String.valueOf(e.suggestion().id()),
                      e.suggestion().manualSlug()
                          + (e.suggestion().procedureKey() == null
                              ? ""
                              : "#" + e.suggestion().procedureKey())
                          + " by "
                          + e.suggestion().authorName()),
              (tx, e) ->
                  webhookEvents.emit(
                      tx,
                      e.suggestion().workspaceId(),
                      e.suggestion().workspaceSlug(),
                      e.webhookEvent(),
                      "suggestion",
                      e.describe(),
                      e.suggestion().url())));
    }
  }

  /**
   * How often the indexer looks for committed changes when no notification came (a publish is still
   * searchable within 1 s).
   */
  static final Duration INDEX_POLL = Duration.ofMillis(500);

  /** The advisory lock under which a first start loads the sample manuals. */
  private static final long FIRST_START_LOCK = 0x7661_6465_6d65_6375L;

  /** The first wait after a failed delivery; each further one doubles it. */
  static final Duration WEBHOOK_FIRST_RETRY = Duration.ofSeconds(30);

  private final Services services;
  private final SearchIndex searchIndex;
  private final SearchIndexer indexer;
  private final Notifications notifications;
  private final Reminders reminders;
  private final WebhookDeliveries deliveries;
  private final Background housekeeping;
  private final SearchInsights insights;
  private final WebServer web;
  private final List<DemoAccounts.Login> demoLogins;
  private final Metrics metrics;

  private App(
      Services services,
      SearchIndex searchIndex,
      SearchIndexer indexer,
      Notifications notifications,
      Reminders reminders,
      WebhookDeliveries deliveries,
      Background housekeeping,
      SearchInsights insights,
      WebServer web,
      List<DemoAccounts.Login> demoLogins,
      Metrics metrics) {
    this.metrics = metrics;
    this.services = services;
    this.searchIndex = searchIndex;
    this.indexer = indexer;
    this.notifications = notifications;
    this.reminders = reminders;
    this.deliveries = deliveries;
    this.housekeeping = housekeeping;
    this.insights = insights;
    this.web = web;
    this.demoLogins = demoLogins;
  }

  public static App start(Config config) {
    DataDirectory.prepare(config.dataDir());
    Database database = Database.open(config, EmbeddedDatabase.Holder.SERVER);
    SearchIndex searchIndex = null;
    Notifications notifications = null;
    Metrics metrics = new Metrics();
    try {
      database.measure(metrics.registry());
      Services services = Services.build(config, database);
      List<DemoAccounts.Login> demoLogins = List.of();
      if (config.loadSamples()) {
        // Nodes starting together on an empty database: one loads the samples, the others wait
        // and then find the workspace there.
        demoLogins =
            database.whileLocked(
                FIRST_START_LOCK,
                () ->
                    services.workspaces().isEmpty()
                        ? loadDemo(services, config)
                        : List.<DemoAccounts.Login>of());
      }
      searchIndex = new SearchIndex(config.indexDir());
      var indexer =
          new SearchIndexer(
              services.database().dsl(), services.search(), services.markdown(), searchIndex);
      indexer.start(INDEX_POLL);
      SearchMetrics.bindIndex(metrics, indexer, searchIndex);
      // The outboxes filled in a transaction and emptied after it: a stuck one shows its age.
      metrics.queue("reminders", () -> services.reminders().backlog(database.dsl()));
      metrics.queue("webhooks", () -> services.webhookRepository().backlog(database.dsl()));
      // A publish through any node wakes every node's indexer at once; the poll is the safety net
      // for notifications lost while a listener reconnects.
      notifications =
          config.searchNotifications()
              ? new Notifications(database, SearchRepository.CHANNEL, indexer::wake)
              : null;
      var searcher = new Searcher(searchIndex);
      var insights =
          new SearchInsights(
              database.dsl(), new SearchLogRepository(), config.searchLogDays(), Clock.systemUTC());
      var synonymLists = new SynonymLists(database.dsl(), new SynonymRepository(), new AuditLog());
      var reminders =
          new Reminders(
              database.dsl(),
              services.reminders(),
              services.ackRepository(),
              config.smtpUrl().map(Mailer::new).orElse(null),
              config.baseUrl(),
              // Owners and editors: what needs review, and last week's searches that found nothing.
              (workspaceId, language) ->
                  Stream.of(
                          services.reviews().digest(workspaceId, language),
                          insights.digest(workspaceId, language))
                      .filter(part -> !part.isEmpty())
                      .collect(Collectors.joining("\n")));
      if (!config.reminderPoll().isZero()) {
        reminders.start(config.reminderPoll());
      }
      var deliveries =
          new WebhookDeliveries(
              database.dsl(),
              services.webhookRepository(),
              WEBHOOK_FIRST_RETRY,
              services.webhookAddresses());
      if (!config.webhookPoll().isZero()) {
        deliveries.start(config.webhookPoll());
      }
      // Files uploaded and never saved with a revision go after a week, manuals deleted 30 days
      // ago for good (every node tries; both deletes are idempotent).
      var housekeeping = new Background("housekeeping");
      housekeeping.every(Duration.ofMinutes(5), Duration.ofHours(1), services.shelf()::purge);
      housekeeping.every(
          Duration.ofMinutes(5), Duration.ofHours(1), services.files()::removeUnused);
      // Owners are told when a manual's review falls due (once per due date, across nodes).
      housekeeping.every(
          Duration.ofMinutes(5), Duration.ofHours(1), services.reviews()::announceDue);
      // Scheduled runs are created ahead of their due dates, and runs past theirs announced (every
      // node tries; each run once).
      housekeeping.every(
          Duration.ofMinutes(1), Duration.ofMinutes(5), () -> services.schedules().createDue());
      housekeeping.every(
          Duration.ofMinutes(2), Duration.ofMinutes(15), () -> services.runs().announceOverdue());
      // Searches are kept for the owners' insights as long as the settings say, no longer.
      housekeeping.every(Duration.ofMinutes(5), Duration.ofHours(1), insights::purge);
      var templates = new Templates();
      var access =
          new Access(
              services.sessions(),
              services.memberships(),
              services.tokens(),
              config.baseUrl().startsWith("https://"),
              ClientAddress.trusting(config.trustedProxies()));
      // Prometheus, a load balancer: what runs the instance asks these.
      // Signing in with the company's provider, where one is set.
      Optional<SsoRoutes> sso =
          config
              .singleSignOn()
              .map(
                  settings ->
                      new SsoRoutes(
                          settings,
                          services.accounts(),
                          services.memberships(),
                          access,
                          config.baseUrl()));
      List<WebServer.Routes> operations =
          List.of(
              new HealthRoutes(database),
              new ReadyRoutes(database, indexer),
              new MetricsRoutes(metrics, config.metricsToken()));
      var workspacePages =
          new WorkspaceRoutes(
              services.shelf(), access, templates, services.acks()::readingByWorkspace);
      // Form bodies are percent-encoded: accented text takes up to three times its size.
      long maxRequestBytes = 3L * config.maxMarkdownBytes() + 64 * 1024;
      WebServer web =
          new WebServer(
                  templates,
                  access,
                  metrics.registry(),
                  config.baseUrl(),
                  maxRequestBytes,
                  // An upload's body (a file, an archive to import) and its multipart envelope.
                  config.maxFileBytes() + 64L * 1024,
                  Sizes.human(config.maxMarkdownBytes()),
                  Sizes.human(config.maxFileBytes()),
                  Stream.concat(
                          operations.stream(),
                          Stream.of(
                              new AuthRoutes(
                                  services.signIn(),
                                  services.verification(),
                                  access,
                                  templates,
                                  config.singleSignOn().map(SingleSignOn::name),
                                  config.passwordSignIn(),
                                  ctx -> sso.map(s -> s.afterSignOut(ctx)).orElse("/login")),
                              new AccountRoutes(
                                  services.accounts(), services.tokens(), access, templates),
                              new AdminRoutes(
                                  services.accounts(),
                                  services.memberships(),
                                  services.workspaces(),
                                  services.verification(),
                                  services.shelf(),
                                  services.passwordResets(),
                                  access,
                                  templates),
                              workspacePages,
                              new ShelfRoutes(
                                  services.shelf(),
                                  services.manuals(),
                                  access,
                                  templates,
                                  workspacePages),
                              new MemberRoutes(
                                  services.memberships(),
                                  services.accounts(),
                                  services.passwordResets(),
                                  services.invitationMail(),
                                  access,
                                  templates,
                                  config.baseUrl()),
                              new PasswordRoutes(services.passwordResets(), access, templates),
                              new InvitationRoutes(
                                  services.memberships(),
                                  services.accounts(),
                                  services.verification(),
                                  access,
                                  templates),
                              new WorkspaceApiRoutes(access),
                              new ManualRoutes(
                                  services.manuals(),
                                  services.acks()::openManual,
                                  services.questions()::inManual,
                                  services.suggestions()::inManual,
                                  services.reviews(),
                                  services.runs()::recentInManual,
                                  access,
                                  templates,
                                  config.maxFileBytes()),
                              new AckRoutes(
                                  services.acks(),
                                  services.manuals(),
                                  access,
                                  templates,
                                  services.questions()::unseenAnswers,
                                  services.reviews(),
                                  services.runs()::inbox),
                              new QuestionRoutes(
                                  services.questions(), access, templates, config.maxFileBytes()),
                              new SuggestionRoutes(services.suggestions(), access, templates),
                              new RunRoutes(
                                  services.runs(),
                                  services.schedules(),
                                  access,
                                  templates,
                                  config.maxFileBytes()),
                              new RunApiRoutes(
                                  services.runs(), services.schedules(), access, config.baseUrl()),
                              new ReviewRoutes(
                                  services.reviews(), services.manuals(), access, templates),
                              new QuestionApiRoutes(services.questions(), access, config.baseUrl()),
                              new SuggestionApiRoutes(
                                  services.suggestions(), access, config.baseUrl()),
                              new ReviewApiRoutes(services.reviews(), access, config.baseUrl()),
                              new SearchRoutes(
                                  searcher,
                                  access,
                                  templates,
                                  insights,
                                  synonymLists,
                                  new SearchMetrics(metrics.registry())),
                              new SynonymRoutes(synonymLists, access, templates),
                              new InsightsRoutes(insights, access, templates),
                              new ShareRoutes(
                                  services.shares(), services.shelf(), access, templates),
                              new LanguageRoutes(services.accounts(), access),
                              new ManualApiRoutes(services.manuals(), access),
                              new AckApiRoutes(services.acks(), services.manuals(), access),
                              new OpenApiRoutes(),
                              new WebhookRoutes(services.webhooks(), access, templates),
                              new ExportRoutes(
                                  services.manuals(), services.exporter(), access, templates),
                              new ImportRoutes(
                                  new UploadImports(
                                      database.dsl(),
                                      services.importer(),
                                      new ImportUploadRepository(),
                                      config.maxMarkdownBytes(),
                                      config.maxFileBytes(),
                                      services.synonyms()),
                                  access,
                                  templates,
                                  Sizes.human(config.maxFileBytes())),
                              new FileRoutes(
                                  services.files(), access, services.shares()::workspaceShowing),
                              new Assets(),
                              sso.orElse(null)))
                      .filter(Objects::nonNull)
                      .toList())
              .start(config.port());
      return new App(
          services,
          searchIndex,
          indexer,
          notifications,
          reminders,
          deliveries,
          housekeeping,
          insights,
          web,
          demoLogins,
          metrics);
    } catch (RuntimeException e) {
      metrics.close();
      if (notifications != null) {
        notifications.close();
      }
      if (searchIndex != null) {
        searchIndex.close();
      }
      database.close();
      throw e;
    }
  }

  /** First start of an empty instance: the demo client, its people and its manuals. */
  private static List<DemoAccounts.Login> loadDemo(Services services, Config config) {
    var workspace =
        services
            .workspaces()
            .getOrCreate(SampleManuals.WORKSPACE_SLUG, SampleManuals.WORKSPACE_NAME);
    var outcomes = new SampleManuals(services.importer()).load(workspace);
    outcomes.stream()
        .filter(o -> o.status() == ManualImporter.Status.FAILED)
        .forEach(o -> log.warn("Sample manual {} not loaded: {}", o.sourcePath(), o.message()));
    log.info("Loaded {} sample manuals into workspace {}", outcomes.size(), workspace.slug());
    var logins =
        new DemoAccounts(services.accounts(), services.memberships())
            .create(workspace, config.dataDir());
    // The samples were imported by the system account: the demo's owner answers for them.
    logins.stream()
        .filter(login -> login.role().equals(Role.OWNER.column()))
        .findFirst()
        .flatMap(login -> services.accounts().findByEmail(login.email()))
        .ifPresent(owner -> services.reviews().adoptAll(workspace, owner.id()));
    return logins;
  }

  public int port() {
    return web.port();
  }

  public Services services() {
    return services;
  }

  public WebServer web() {
    return web;
  }

  /** Sends due webhook deliveries now, for tests that cannot wait for the next poll. */
  public WebhookDeliveries webhookDeliveries() {
    return deliveries;
  }

  /** Sends queued reminders now, for tests that cannot wait for the next poll. */
  public Reminders reminders() {
    return reminders;
  }

  /** Applies committed changes to the index now, for tests and tools that cannot wait. */
  public SearchIndexer indexer() {
    return indexer;
  }

  /** The searches recorded for owners, for tests that check them. */
  public SearchInsights insights() {
    return insights;
  }

  public SearchIndex searchIndex() {
    return searchIndex;
  }

  public List<DemoAccounts.Login> demoLogins() {
    return demoLogins;
  }

  @Override
  public void close() {
    web.stop();
    services.passwordResets().close();
    reminders.close();
    deliveries.close();
    housekeeping.close();
    if (notifications != null) {
      notifications.close();
    }
    indexer.close();
    searchIndex.close();
    services.database().close();
    metrics.close();
  }
}
