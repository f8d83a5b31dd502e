package vademecum.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.WEBHOOK;
import static vademecum.db.schema.Tables.WEBHOOK_DELIVERY;
import static vademecum.testing.TestApp.form;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.web.WebServer;
import vademecum.workspace.MembershipRepository;

/** Webhooks against a real local HTTP receiver: signing, retries, and delivery after an outage. */
class WebhookTest {
  private record Received(
      String event, String delivery, String timestamp, String signature, String body) {}

  private static final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private static final AtomicInteger answer = new AtomicInteger(200);
  private static HttpServer receiver;
  private static TestApp app;
  private static Workspace workspace;
  private static Browser owner;
  private static String secret;
  private static DSLContext db;
  private static int published;

  @BeforeAll
  static void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          var headers = exchange.getRequestHeaders();
          int status = answer.get();
          if (status == 200) {
            received.add(
                new Received(
                    headers.getFirst("X-Vademecum-Event"),
                    headers.getFirst("X-Vademecum-Delivery"),
                    headers.getFirst("X-Vademecum-Timestamp"),
                    headers.getFirst("X-Vademecum-Signature"),
                    new String(body, StandardCharsets.UTF_8)));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    app = TestApp.start();
    db = app.app().services().database().dsl();
    workspace = app.workspace("hooks");
    owner = app.signedIn(workspace, Role.OWNER);
    owner.get("/w/hooks/webhooks");
    var page =
        owner.post(
            "/w/hooks/webhooks",
            form("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
    assertEquals(200, page.statusCode(), page.body());
    Matcher found = Pattern.compile("whsec_[A-Za-z0-9_-]+").matcher(page.body());
    assertTrue(found.find(), page.body());
    secret = found.group();
  }

  @AfterAll
  static void stop() {
    app.close();
    receiver.stop(0);
  }

  private static void publish(String title) {
    app.app()
        .services()
        .manuals()
        .create(
            workspace,
            new Draft(
                title, "fr", List.of(), "", "## Étape {#etape}\nTexte.\n", null, "", false, true),
            null,
            Actor.SYSTEM);
    published++;
  }

  private static int pending() {
    return db.fetchCount(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.STATUS.eq("pending"));
  }

  @Test
  void a_publish_is_posted_signed_and_an_outage_is_made_up_for_later() throws Exception {
    received.clear();
    publish("Voyages");
    assertEquals(1, app.app().webhookDeliveries().runOnce());
    assertEquals(1, received.size());
    Received event = received.get(0);
    assertEquals("manual.published", event.event());
    assertTrue(event.body().contains("\"slug\":\"voyages\""), event.body());
    assertEquals(
        WebhookDeliveries.signature(secret, event.timestamp(), event.body()), event.signature());
    assertTrue(event.signature().matches("sha256=[0-9a-f]{64}"));

    // The receiver is down: the event waits, with a later attempt planned.
    received.clear();
    answer.set(503);
    publish("Agenda");
    assertEquals(1, app.app().webhookDeliveries().runOnce());
    assertEquals(1, pending());
    assertEquals(0, app.app().webhookDeliveries().runOnce(), "not due again yet");
    var waiting =
        db.selectFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.STATUS.eq("pending")).fetchOne();
    assertEquals(1, waiting.getAttempts());
    assertEquals("answered 503", waiting.getLastError());
    assertTrue(waiting.getNextAttemptAt().isAfter(OffsetDateTime.now()));

    // It comes back; once the wait is over, the event is delivered.
    answer.set(200);
    db.update(WEBHOOK_DELIVERY)
        .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, OffsetDateTime.now())
        .where(WEBHOOK_DELIVERY.STATUS.eq("pending"))
        .execute();
    assertEquals(1, app.app().webhookDeliveries().runOnce());
    assertEquals(0, pending());
    assertEquals(1, received.size());
    assertTrue(received.get(0).body().contains("\"slug\":\"agenda\""));
    String page = owner.get("/w/hooks/webhooks").body();
    assertTrue(page.contains("data-status=\"delivered\""), page);
  }

  @Test
  void questions_suggestions_and_due_reviews_are_posted() {
    publish("Questions");
    app.app().webhookDeliveries().runOnce();
    received.clear();
    Account assistant = app.account(workspace, Role.ASSISTANT);
    Account editor = app.account(workspace, Role.EDITOR);
    Actor asker = new Actor(assistant.id(), assistant.displayName());
    Actor decider = new Actor(editor.id(), editor.displayName());
    var services = app.app().services();
    var question =
        services
            .questions()
            .ask(workspace, Role.ASSISTANT, asker, "questions", "etape", "", "Laquelle ?", null);
    services.questions().reply(workspace, Role.EDITOR, decider, question.id(), "Celle-ci.", null);
    var suggestion =
        services
            .suggestions()
            .propose(
                workspace,
                Role.ASSISTANT,
                asker,
                "questions",
                "etape",
                1,
                "## Étape {#etape}\nAutre texte.\n",
                "",
                null,
                null);
    services.suggestions().decline(workspace, Role.EDITOR, decider, suggestion.id(), "Non.");
    var manual = services.manuals().require(workspace, "questions");
    db.update(MANUAL)
        .set(MANUAL.REVIEWED_AT, OffsetDateTime.now().minusYears(1))
        .where(MANUAL.ID.eq(manual.id()))
        .execute();
    assertEquals(1, services.reviews().announceDue());
    app.app().webhookDeliveries().runOnce();
    List<String> events = received.stream().map(Received::event).sorted().toList();
    assertEquals(
        List.of(
            "question.answered",
            "question.asked",
            "review.due",
            "suggestion.decided",
            "suggestion.made"),
        events);
    String due =
        received.stream()
            .filter(r -> r.event().equals("review.due"))
            .findFirst()
            .orElseThrow()
            .body();
    assertTrue(due.contains("\"manual\":\"questions\""), due);
    assertTrue(due.contains("/w/hooks/m/questions/review"), due);
  }

  @Test
  void an_acknowledgement_is_posted_with_the_person_and_the_procedures() {
    publish("Accueil");
    app.app().webhookDeliveries().runOnce();
    received.clear();
    Account assistant = app.account(workspace, Role.ASSISTANT);
    var manual = app.app().services().manuals().require(workspace, "accueil");
    long version =
        app.app()
            .services()
            .acks()
            .standingsInManual(assistant.id(), manual.id())
            .get("etape")
            .currentVersionId();
    app.app().services().acks().acknowledge(assistant.id(), workspace.id(), List.of(version));
    app.app().services().acks().acknowledge(assistant.id(), workspace.id(), List.of(version));
    app.app().webhookDeliveries().runOnce();
    assertEquals(1, received.size(), "the second, unchanged acknowledgement sends nothing");
    assertEquals("procedure.acknowledged", received.get(0).event());
    assertTrue(received.get(0).body().contains(assistant.displayName()));
    assertTrue(received.get(0).body().contains("\"key\":\"etape\""));
  }

  @Test
  void each_delivery_is_sent_once_when_two_workers_run_together() throws Exception {
    app.app().webhookDeliveries().runOnce();
    received.clear();
    for (int i = 0; i < 12; i++) {
      publish("Lot " + i);
    }
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger attempted = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    attempted.addAndGet(app.app().webhookDeliveries().runOnce());
                  }));
    }
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    assertEquals(12, attempted.get());
    assertEquals(12, received.size());
    assertEquals(12, received.stream().map(Received::delivery).distinct().count());
  }

  @Test
  void only_http_addresses_are_accepted_and_a_removed_webhook_gets_nothing() {
    Workspace other = app.workspace("hooks-other");
    Browser otherOwner = app.signedIn(other, Role.OWNER);
    otherOwner.get("/w/hooks-other/webhooks");
    for (String bad :
        List.of("javascript:alert(1)", "ftp://example.org/x", "http://user:pw@example.org/", "")) {
      var refused = otherOwner.post("/w/hooks-other/webhooks", form("url", bad));
      assertEquals(400, refused.statusCode(), bad);
      otherOwner.get("/w/hooks-other/webhooks");
    }
    var service = app.app().services().webhooks();
    var hook = service.add(other, "http://127.0.0.1:9/none", Actor.SYSTEM);
    service.remove(other, hook.id(), Actor.SYSTEM);
    int before = db.fetchCount(WEBHOOK_DELIVERY);
    app.app()
        .services()
        .manuals()
        .create(
            other,
            new Draft("Rien", "fr", List.of(), "", "## A\nB\n", null, "", false, true),
            null,
            Actor.SYSTEM);
    assertEquals(before, db.fetchCount(WEBHOOK_DELIVERY));
  }

  @Test
  void a_workspace_has_at_most_ten_webhooks_and_is_told_so() {
    Workspace many = app.workspace("hooks-many");
    var service = app.app().services().webhooks();
    for (int i = 0; i < WebhookService.MAX_WEBHOOKS; i++) {
      service.add(many, "http://127.0.0.1:9/hook-" + i, Actor.SYSTEM);
    }
    Browser owner = app.signedIn(many, Role.OWNER);
    owner.get("/w/hooks-many/webhooks");
    var refused = owner.post("/w/hooks-many/webhooks", form("url", "http://127.0.0.1:9/one-more"));
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("at most 10 webhooks"), refused.body());
    assertEquals(WebhookService.MAX_WEBHOOKS, service.list(many).size());
  }

  @Test
  void an_owners_webhooks_stop_when_they_are_no_longer_an_owner() {
    Workspace ws = app.workspace("hooks-leaving");
    Account staying = app.account(ws, Role.OWNER);
    Account demoted = app.account(ws, Role.OWNER);
    Account removed = app.account(ws, Role.OWNER);
    var service = app.app().services().webhooks();
    var kept = service.add(ws, "http://127.0.0.1:9/kept", new Actor(staying.id(), "A"));
    service.add(ws, "http://127.0.0.1:9/theirs", new Actor(demoted.id(), "B"));
    service.add(ws, "http://127.0.0.1:9/also-theirs", new Actor(removed.id(), "C"));
    var memberships = app.app().services().memberships();
    memberships.changeRole(ws, demoted.id(), Role.EDITOR, staying.id());
    memberships.remove(ws, removed.id(), staying.id());

    assertEquals(
        List.of(kept.id()), service.list(ws).stream().map(WebhookRepository.Webhook::id).toList());
    int before = db.fetchCount(WEBHOOK_DELIVERY);
    app.app()
        .services()
        .manuals()
        .create(
            ws,
            new Draft("Départ", "fr", List.of(), "", "## A\nB\n", null, "", false, true),
            null,
            Actor.SYSTEM);
    assertEquals(before + 1, db.fetchCount(WEBHOOK_DELIVERY), "only the remaining owner's");

    // A deleted webhook's pending delivery is never sent: it no longer counts as waiting.
    var repository = app.app().services().webhookRepository();
    long waiting = repository.backlog(db).size();
    service.remove(ws, kept.id(), Actor.SYSTEM);
    assertEquals(waiting - 1, repository.backlog(db).size());
    // The other tests count every pending delivery.
    db.update(WEBHOOK_DELIVERY)
        .set(WEBHOOK_DELIVERY.STATUS, "failed")
        .where(WEBHOOK_DELIVERY.WEBHOOK_ID.eq(kept.id()))
        .execute();
  }

  @Test
  void every_door_that_sets_a_role_stops_a_demoted_owners_webhooks_and_keeps_the_last_owner() {
    Workspace ws = app.workspace("hooks-sso");
    Account first = app.account(ws, Role.OWNER);
    Account second = app.account(ws, Role.OWNER);
    var service = app.app().services().webhooks();
    service.add(ws, "http://127.0.0.1:9/second", new Actor(second.id(), "B"));
    var memberships = app.app().services().memberships();
    // A group of the sign-in provider made them an assistant: the role change had no follow-up.
    assertTrue(memberships.grantFromProvider("hooks-sso", second.id(), Role.ASSISTANT, "vas"));
    assertEquals(Role.ASSISTANT, roleIn(ws, second));
    assertEquals(List.of(), service.list(ws), "their webhook is gone with their role");
    // The last owner stays one, whatever the groups say.
    assertTrue(memberships.grantFromProvider("hooks-sso", first.id(), Role.ASSISTANT, "vas"));
    assertEquals(Role.OWNER, roleIn(ws, first));
    // An old invitation accepted later does not undo the role an owner gave since.
    Account invited = app.account(app.workspace("hooks-sso-other"), Role.ASSISTANT);
    memberships.invite(ws, invited.email(), Role.RECRUITER, first.id());
    memberships.addMember(ws, invited.id(), Role.EDITOR, first.id());
    assertEquals(1, memberships.acceptInvitationsOf(invited));
    assertEquals(Role.EDITOR, roleIn(ws, invited));
  }

  private static Role roleIn(Workspace ws, Account account) {
    return app.app().services().memberships().workspacesOf(account.id()).stream()
        .filter(m -> m.workspaceId() == ws.id())
        .findFirst()
        .orElseThrow()
        .role();
  }

  @Test
  void a_name_not_found_is_tried_again_later_not_given_up_at_once() {
    Workspace ws = app.workspace("hooks-dns");
    app.app().services().webhooks().add(ws, "http://no-such-host.invalid/x", Actor.SYSTEM);
    app.app()
        .services()
        .manuals()
        .create(
            ws,
            new Draft("Nom", "fr", List.of(), "", "## A\nB\n", null, "", false, true),
            null,
            Actor.SYSTEM);
    app.app().webhookDeliveries().runOnce();
    var delivery =
        db.selectFrom(WEBHOOK_DELIVERY).orderBy(WEBHOOK_DELIVERY.ID.desc()).limit(1).fetchOne();
    assertEquals("pending", delivery.getStatus());
    assertEquals(1, delivery.getAttempts());
    assertTrue(delivery.getNextAttemptAt().isAfter(OffsetDateTime.now()));
    assertEquals("the name no-such-host.invalid was not found", delivery.getLastError());
    // The other tests count every pending delivery.
    db.update(WEBHOOK_DELIVERY)
        .set(WEBHOOK_DELIVERY.STATUS, "failed")
        .where(WEBHOOK_DELIVERY.ID.eq(delivery.getId()))
        .execute();
  }

  @Test
  void private_addresses_are_refused_unless_the_administrator_allows_them() throws Exception {
    var strict =
        new WebhookService(
            db,
            new WebhookRepository(),
            new MembershipRepository(),
            new AuditLog(),
            new WebhookAddresses(false));
    Workspace guarded = app.workspace("hooks-guarded");
    for (String url :
        List.of(
            "http://127.0.0.1:8080/x",
            "http://localhost/x",
            "http://10.1.2.3/x",
            "http://169.254.169.254/latest/meta-data",
            "http://192.168.1.10/x",
            "http://[::1]/x",
            "http://[fd00::1]/x",
            "http://no-such-host.invalid/x")) {
      try {
        strict.add(guarded, url, Actor.SYSTEM);
        throw new AssertionError("accepted " + url);
      } catch (Refusal refusal) {
        assertEquals(400, WebServer.status(refusal), url);
      }
    }
    assertTrue(WebhookAddresses.isPrivate(InetAddress.getByName("100.64.0.1")));
    // Found by the second security review: loopback and reserved ranges written other ways.
    for (String hidden :
        List.of(
            "::127.0.0.1",
            "0:0:0:0:0:0:7f00:1",
            "64:ff9b::7f00:1",
            "64:ff9b::a00:1",
            "2002:7f00:1::",
            "2002:c0a8:101::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "198.18.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "192.0.2.10",
            "224.0.0.1",
            "::ffff:10.0.0.1",
            "fe80::1",
            "fd00::1",
            "ff02::1",
            "2001:db8::1",
            "::",
            "::1")) {
      assertTrue(WebhookAddresses.isPrivate(InetAddress.getByName(hidden)), hidden + " refused");
    }
    for (String open :
        List.of("8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1")) {
      assertTrue(!WebhookAddresses.isPrivate(InetAddress.getByName(open)), open + " allowed");
    }
    assertTrue(!WebhookAddresses.isPrivate(InetAddress.getByName("93.184.216.34")));
  }

  @Test
  void a_receiver_that_refuses_connections_is_retried_then_given_up() {
    Workspace lonely = app.workspace("hooks-dead");
    var service = app.app().services().webhooks();
    service.add(lonely, "http://127.0.0.1:9/closed", Actor.SYSTEM);
    app.app()
        .services()
        .manuals()
        .create(
            lonely,
            new Draft("Seul", "fr", List.of(), "", "## A\nB\n", null, "", false, true),
            null,
            Actor.SYSTEM);
    for (int attempt = 0; attempt < WebhookDeliveries.MAX_ATTEMPTS; attempt++) {
      db.update(WEBHOOK_DELIVERY)
          .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, OffsetDateTime.now())
          .where(WEBHOOK_DELIVERY.STATUS.eq("pending"))
          .execute();
      app.app().webhookDeliveries().runOnce();
    }
    var last =
        db.selectFrom(WEBHOOK_DELIVERY).orderBy(WEBHOOK_DELIVERY.ID.desc()).limit(1).fetchOne();
    assertEquals("failed", last.getStatus());
    assertEquals(WebhookDeliveries.MAX_ATTEMPTS, last.getAttempts());
    assertEquals("could not connect", last.getLastError(), "no detail on why");
    // A French owner reads it in French.
    Account owner = app.account(lonely, Role.OWNER, "fr");
    Browser french = app.browser();
    french.login(owner.email(), TestApp.PASSWORD);
    String page = french.get("/w/hooks-dead/webhooks").body();
    assertTrue(page.contains("connexion impossible"), page);
  }

  @Test
  void a_receiver_that_promises_a_body_and_sends_none_does_not_hold_the_deliveries()
      throws Exception {
    try (ServerSocket stalling = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket client = stalling.accept()) {
                  client
                      .getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n"
                              .getBytes(StandardCharsets.US_ASCII));
                  client.getOutputStream().flush();
                  Thread.sleep(60_000);
                } catch (Exception e) {
                  // closed when the test ends
                }
              });
      answer.set(200);
      app.app().webhookDeliveries().runOnce();
      received.clear();
      Workspace slow = app.workspace("hooks-stalled");
      app.app()
          .services()
          .webhooks()
          .add(slow, "http://127.0.0.1:" + stalling.getLocalPort() + "/hook", Actor.SYSTEM);
      app.publish(slow, "Lent", "## A\nB\n");
      // Another workspace's delivery, taken after the stalled one: sent while that one waits, and
      // no transaction holds the stalled one meanwhile.
      publish("Pendant l'attente");
      long stalledId =
          db.select(WEBHOOK_DELIVERY.ID)
              .from(WEBHOOK_DELIVERY)
              .join(WEBHOOK)
              .on(WEBHOOK.ID.eq(WEBHOOK_DELIVERY.WEBHOOK_ID))
              .where(WEBHOOK.WORKSPACE_ID.eq(slow.id()))
              .fetchSingle(WEBHOOK_DELIVERY.ID);
      var running = CompletableFuture.runAsync(() -> app.app().webhookDeliveries().runOnce());
      long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      while (received.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertFalse(received.isEmpty(), "not kept waiting behind the stalled receiver");
      assertFalse(running.isDone(), "the stalled one is still being attempted");
      db.transaction(
          c ->
              c.dsl()
                  .selectFrom(WEBHOOK_DELIVERY)
                  .where(WEBHOOK_DELIVERY.ID.eq(stalledId))
                  .forUpdate()
                  .noWait()
                  .fetchSingle());
      assertTimeoutPreemptively(Duration.ofSeconds(40), () -> running.get());
      var last =
          db.selectFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.ID.eq(stalledId)).fetchSingle();
      assertEquals("no answer within 10 s", last.getLastError());
      assertEquals("pending", last.getStatus(), "tried again later");
    }
  }

  @Test
  void a_checked_name_resolves_to_the_checked_addresses_during_the_delivery() throws Exception {
    // A name no DNS server knows (.invalid), pinned as a delivery pins its host once checked:
    // the HTTP client's lookup gets the checked addresses, whatever DNS would answer then.
    String host = "rebinding-" + System.nanoTime() + ".invalid";
    InetAddress checked = InetAddress.getByName("203.0.113.7");
    try (var pin = PinnedNames.pin(host, List.of(checked))) {
      assertEquals(List.of(checked), List.of(InetAddress.getAllByName(host.toUpperCase())));
    }
    assertThrows(UnknownHostException.class, () -> InetAddress.getAllByName("unpinned-" + host));
  }
}
