package vademecum.ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.ACKNOWLEDGEMENT;
import static vademecum.db.schema.Tables.AUDIT_EVENT;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.AckStatus;
import vademecum.manual.Draft;
import vademecum.manual.Manual;
import vademecum.manual.ManualService;
import vademecum.manual.ProcedureStanding;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.web.WebServer;

/** Acknowledgements: status rules, inbox, idempotence, concurrency, dashboard and export. */
class AckTest {
  private static TestApp app;
  private static ManualService manuals;
  private static AckService acks;
  private static Workspace workspace;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    manuals = app.app().services().manuals();
    acks = app.app().services().acks();
    workspace = app.workspace("moreau");
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  private static String create(String title, String markdown) {
    return createIn(workspace, title, markdown).slug();
  }

  /** A French manual, published. */
  private static Manual createIn(Workspace in, String title, String markdown) {
    return manuals
        .create(
            in,
            new Draft(title, "fr", List.of(), "", markdown, null, "", false, true),
            null,
            Actor.SYSTEM)
        .manual();
  }

  /** Publishes a major change on top of revision {@code base}. */
  private static void publish(
      Workspace in, Manual manual, String title, String markdown, int base) {
    manuals.save(
        in,
        manual.slug(),
        new Draft(title, "fr", List.of(), "", markdown, base, "", false, true),
        Actor.SYSTEM);
  }

  private static int save(String slug, String title, String markdown, int base, boolean minor) {
    return manuals
        .save(
            workspace,
            slug,
            new Draft(title, "fr", List.of(), "", markdown, base, minor ? "typo" : "", minor, true),
            Actor.SYSTEM)
        .revision()
        .number();
  }

  private static ProcedureStanding standing(Account account, String slug, String key) {
    long manualId = manuals.require(workspace, slug).id();
    return acks.standingsInManual(account.id(), manualId).get(key);
  }

  private static void ack(Account account, ProcedureStanding standing) {
    acks.acknowledge(account.id(), workspace.id(), List.of(standing.currentVersionId()));
  }

  @Test
  void a_major_change_asks_again_and_a_minor_one_does_not() {
    Account sophie = app.account(workspace, Role.ASSISTANT);
    String slug = create("Règles", "## Vols {#vols}\nJamais avant 7 h.\n");
    assertEquals(AckStatus.NEVER, standing(sophie, slug, "vols").status());

    ack(sophie, standing(sophie, slug, "vols"));
    assertEquals(AckStatus.CURRENT, standing(sophie, slug, "vols").status());

    save(slug, "Règles", "## Vols {#vols}\nJamais avant 8 h.\n", 1, false);
    assertEquals(AckStatus.OUTDATED, standing(sophie, slug, "vols").status(), "major change");

    ack(sophie, standing(sophie, slug, "vols"));
    save(slug, "Règles", "## Vols {#vols}\nJamais avant 8 h !\n", 2, true);
    ProcedureStanding afterTypo = standing(sophie, slug, "vols");
    assertEquals(3, afterTypo.currentNumber());
    assertEquals(
        AckStatus.CURRENT, afterTypo.status(), "a typo fix keeps the acknowledgement current");
  }

  @Test
  void a_renamed_procedure_with_an_explicit_key_keeps_its_history_and_asks_again() {
    Account karim = app.account(workspace, Role.ASSISTANT);
    String slug = create("Renommage", "## Ancien titre {#cle}\nTexte.\n");
    ack(karim, standing(karim, slug, "cle"));
    save(slug, "Renommage", "## Nouveau titre {#cle}\nTexte.\n", 1, false);
    ProcedureStanding renamed = standing(karim, slug, "cle");
    assertEquals("Nouveau titre", renamed.title());
    assertEquals(1, renamed.ackedNumber());
    assertEquals(AckStatus.OUTDATED, renamed.status());
  }

  @Test
  void a_manual_without_headings_renamed_keeps_its_one_procedure_and_who_read_it() {
    Account lea = app.account(workspace, Role.ASSISTANT);
    String slug = create("Notes de frais", "Envoyer les reçus chaque lundi.\n");
    ProcedureStanding before = standing(lea, slug, "notes-de-frais");
    ack(lea, before);
    save(slug, "Notes de frais 2027", "Envoyer les reçus chaque lundi.\n", 1, false);
    ProcedureStanding after = standing(lea, slug, "notes-de-frais-2027");
    assertEquals(before.procedureId(), after.procedureId(), "the same procedure");
    assertEquals(1, after.ackedNumber(), "who read it is kept");
    assertEquals(AckStatus.OUTDATED, after.status(), "a major change asks again");
    assertEquals(null, standing(lea, slug, "notes-de-frais"), "no procedure left behind");
    // A minor rename asks nobody again.
    ack(lea, after);
    save(slug, "Frais de déplacement", "Envoyer les reçus chaque lundi.\n", 2, true);
    ProcedureStanding minor = standing(lea, slug, "frais-de-deplacement");
    assertEquals(before.procedureId(), minor.procedureId());
    assertEquals(AckStatus.CURRENT, minor.status());
  }

  @Test
  void a_typo_fixed_in_a_heading_keeps_the_procedure_and_a_minor_one_asks_nobody_again() {
    Account ines = app.account(workspace, Role.ASSISTANT);
    String slug =
        create("Courriels", "## Archvier les mails\nChaque vendredi.\n\n## Trier\nLe matin.\n");
    ack(ines, standing(ines, slug, "archvier-les-mails"));
    save(
        slug,
        "Courriels",
        "## Archiver les mails\nChaque vendredi.\n\n## Trier\nLe matin.\n",
        1,
        true);
    ProcedureStanding fixed = standing(ines, slug, "archvier-les-mails");
    assertEquals("Archiver les mails", fixed.title(), "the same procedure, renamed");
    assertEquals(AckStatus.CURRENT, fixed.status(), "a minor fix asks nobody to reread");
    assertEquals(null, standing(ines, slug, "archiver-les-mails"), "no second procedure");
    String text = manuals.latest(manuals.require(workspace, slug)).markdown();
    assertTrue(text.startsWith("## Archiver les mails {#archvier-les-mails}\n"), text);

    // A heading renamed over other text is another procedure, as before.
    save(slug, "Courriels", text.replace("## Trier\nLe matin.", "## Classer\nLe soir."), 2, false);
    assertEquals(null, standing(ines, slug, "trier"));
    assertEquals("Classer", standing(ines, slug, "classer").title());
  }

  @Test
  void a_retired_procedure_leaves_the_lists_but_keeps_its_acknowledgements() {
    Account assistant = app.account(workspace, Role.ASSISTANT);
    String slug = create("Retraite", "## Garder\nA\n\n## Retirer\nB\n");
    ack(assistant, standing(assistant, slug, "retirer"));
    save(slug, "Retraite", "## Garder\nA\n", 1, false);
    assertEquals(null, standing(assistant, slug, "retirer"));
    assertTrue(
        acks.inbox(assistant.id()).stream().noneMatch(i -> i.standing().key().equals("retirer")));
    long manualId = manuals.require(workspace, slug).id();
    assertEquals(
        1, acks.records(workspace, acks.procedureId(manualId, "retirer")).size(), "history kept");
  }

  @Test
  void acknowledging_an_old_version_records_it_and_the_new_one_stays_outstanding() {
    Account assistant = app.account(workspace, Role.ASSISTANT);
    String slug = create("Ancienne", "## Étape\nv1\n");
    long oldVersion = standing(assistant, slug, "etape").currentVersionId();
    save(slug, "Ancienne", "## Étape\nv2\n", 1, false);
    acks.acknowledge(assistant.id(), workspace.id(), List.of(oldVersion));
    ProcedureStanding now = standing(assistant, slug, "etape");
    assertEquals(1, now.ackedNumber());
    assertEquals(AckStatus.OUTDATED, now.status());
  }

  @Test
  void a_workspaces_address_acknowledges_only_its_own_procedures_and_each_is_audited_there() {
    Workspace other = app.workspace("moreau-ailleurs");
    Account both = app.account(workspace, Role.ASSISTANT);
    app.app()
        .services()
        .memberships()
        .addMember(other, both.id(), Role.ASSISTANT, Actor.SYSTEM.accountId());
    String here = create("Ici", "## Étape\nici\n");
    Manual there = createIn(other, "Là-bas", "## Étape\nlà-bas\n");
    long hereVersion = standing(both, here, "etape").currentVersionId();
    long thereVersion =
        acks.standingsInManual(both.id(), there.id()).get("etape").currentVersionId();
    // The role checked was the one of the address's workspace: another's versions are not there.
    assertEquals(
        404,
        WebServer.status(
            assertThrows(
                Refusal.class,
                () -> acks.acknowledge(both.id(), workspace.id(), List.of(thereVersion)))));
    // The inbox confirms across workspaces: each audit row goes to the workspace it names.
    var db = app.app().services().database().dsl();
    app.app().services().acks().openManual(both.id(), there.id());
    app.app().services().acks().openManual(both.id(), manuals.require(workspace, here).id());
    assertEquals(2, acks.acknowledgeOpened(both.id(), List.of(hereVersion, thereVersion)));
    for (var pair :
        List.of(List.of(workspace.id(), hereVersion), List.of(other.id(), thereVersion))) {
      assertEquals(
          1,
          db.fetchCount(
              AUDIT_EVENT,
              AUDIT_EVENT
                  .ACTION
                  .eq("procedure.acknowledge")
                  .and(AUDIT_EVENT.ACCOUNT_ID.eq(both.id()))
                  .and(AUDIT_EVENT.WORKSPACE_ID.eq(pair.get(0)))
                  .and(AUDIT_EVENT.TARGET.eq("[" + pair.get(1) + "]"))));
    }
  }

  @Test
  void double_submission_records_one_acknowledgement_and_rows_never_change() {
    Account assistant = app.account(workspace, Role.ASSISTANT);
    String slug = create("Double", "## Étape\ntexte\n");
    long version = standing(assistant, slug, "etape").currentVersionId();
    assertEquals(1, acks.acknowledge(assistant.id(), workspace.id(), List.of(version, version)));
    assertEquals(0, acks.acknowledge(assistant.id(), workspace.id(), List.of(version)));
    var db = app.app().services().database().dsl();
    assertEquals(1, db.fetchCount(ACKNOWLEDGEMENT, ACKNOWLEDGEMENT.ACCOUNT_ID.eq(assistant.id())));
    assertThrows(
        DataAccessException.class,
        () ->
            db.deleteFrom(ACKNOWLEDGEMENT)
                .where(ACKNOWLEDGEMENT.ACCOUNT_ID.eq(assistant.id()))
                .execute());
    assertThrows(
        DataAccessException.class,
        () ->
            db.update(ACKNOWLEDGEMENT)
                .set(ACKNOWLEDGEMENT.AT, OffsetDateTime.now())
                .where(ACKNOWLEDGEMENT.ACCOUNT_ID.eq(assistant.id()))
                .execute());
  }

  @Test
  void concurrent_acknowledgements_are_neither_lost_nor_duplicated() throws Exception {
    String slug = create("Concurrence", "## Un\n1\n\n## Deux\n2\n\n## Trois\n3\n");
    List<Account> people = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      people.add(app.account(workspace, Role.ASSISTANT));
    }
    long manualId = manuals.require(workspace, slug).id();
    List<Long> versions =
        acks.standingsInManual(people.get(0).id(), manualId).values().stream()
            .map(ProcedureStanding::currentVersionId)
            .toList();
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (Account person : people) {
      for (int repeat = 0; repeat < 4; repeat++) {
        tasks.add(() -> acks.acknowledge(person.id(), workspace.id(), versions));
      }
    }
    try (var pool = Executors.newFixedThreadPool(12)) {
      int recorded = 0;
      for (var future : pool.invokeAll(tasks)) {
        recorded += future.get();
      }
      assertEquals(people.size() * versions.size(), recorded);
    }
    var db = app.app().services().database().dsl();
    for (Account person : people) {
      assertEquals(3, db.fetchCount(ACKNOWLEDGEMENT, ACKNOWLEDGEMENT.ACCOUNT_ID.eq(person.id())));
    }
  }

  @Test
  void recruiters_and_outsiders_cannot_acknowledge() {
    Account recruiter = app.account(workspace, Role.RECRUITER);
    Account outsider = app.account(app.workspace("ailleurs"), Role.ASSISTANT);
    Account assistant = app.account(workspace, Role.ASSISTANT);
    String slug = create("Interdit", "## Étape\ntexte\n");
    long version = standing(assistant, slug, "etape").currentVersionId();
    assertThrows(
        Refusal.class, () -> acks.acknowledge(recruiter.id(), workspace.id(), List.of(version)));
    assertThrows(
        Refusal.class, () -> acks.acknowledge(outsider.id(), workspace.id(), List.of(version)));
  }

  /**
   * The acknowledgements export names a manual by its published title, not a draft's new one, and
   * leaves out a deleted manual's records, as every page does.
   */
  @Test
  void the_export_shows_the_published_title_and_forgets_a_deleted_manual() {
    Workspace ws = app.workspace("export-ws");
    Account reader = app.account(ws, Role.ASSISTANT);
    Account owner = app.account(ws, Role.OWNER);
    Manual manual = createIn(ws, "Titre publié", "## Lire\nLe matin.\n");
    acks.acknowledge(
        reader.id(),
        ws.id(),
        List.of(acks.standingsInManual(reader.id(), manual.id()).get("lire").currentVersionId()));
    manuals.save(
        ws,
        manual.slug(),
        new Draft(
            "Titre brouillon", "fr", List.of(), "", "## Lire\nLe soir.\n", 1, "", false, false),
        Actor.SYSTEM);
    Browser browser = app.browser();
    browser.login(owner.email(), TestApp.PASSWORD);
    String csv = browser.get("/w/export-ws/acknowledgements.csv").body();
    assertTrue(csv.contains("Titre publié"), csv);
    assertFalse(csv.contains("Titre brouillon"), csv);

    app.app().services().shelf().delete(ws, manual.slug(), Actor.SYSTEM);
    csv = browser.get("/w/export-ws/acknowledgements.csv").body();
    assertEquals(1, csv.split("\r\n").length, "the header alone: " + csv);
  }

  /** A French owner's spreadsheet: French words, and ";" between cells as French Excel reads. */
  @Test
  void a_french_owner_gets_the_grid_in_french_with_semicolons() {
    Workspace ws = app.workspace("grille-fr");
    app.account(ws, Role.ASSISTANT, "fr");
    Account owner = app.account(ws, Role.OWNER, "fr");
    createIn(ws, "Courrier, tri", "## Lire\nLe matin.\n");
    Browser browser = app.browser();
    browser.login(owner.email(), TestApp.PASSWORD);
    String grid = browser.get("/w/grille-fr/dashboard.csv").body();
    assertTrue(
        grid.startsWith(
            "\uFEFFassistant;manuel;adresse du manuel;procédure;titre de la procédure;état\r\n"),
        grid);
    assertTrue(grid.contains(";\"Courrier, tri\";"), "a comma is no separator here: " + grid);
    assertTrue(grid.contains(";jamais\r\n"), grid);
  }

  /**
   * A level-2 heading inside a quote is part of its procedure: the confirmation comes after all of
   * the procedure, and the quote's heading gets no Ask or Suggest links of its own.
   */
  @Test
  void a_heading_inside_a_quote_does_not_cut_its_procedure_in_two() {
    Workspace quoted = app.workspace("quoted-ws");
    Account reader = app.account(quoted, Role.ASSISTANT);
    Manual manual =
        createIn(
            quoted,
            "Paiements",
            "## Payer une facture\nIntro.\n\n> ## Attention\n> Vérifier l'IBAN.\n\nPuis payer.\n\n"
                + "## Classer\nDans le dossier.\n");
    Browser browser = app.browser();
    browser.login(reader.email(), TestApp.PASSWORD);
    String page = browser.get("/w/quoted-ws/m/" + manual.slug()).body();

    int thenPay = page.indexOf("Puis payer.");
    int firstEnd = page.indexOf("procedure-end");
    assertTrue(thenPay > 0 && firstEnd > thenPay, "the confirmation follows the whole procedure");
    assertTrue(page.indexOf("</blockquote>") < firstEnd, "the quote is closed inside its part");
    assertFalse(page.contains("/p/attention/"), "the quote's heading is no procedure");
    assertTrue(page.contains("/p/payer-une-facture/ask"));
    assertTrue(page.contains("/p/classer/ask"));
  }

  @Test
  void the_inbox_lists_unread_and_changed_procedures_with_the_diff_and_acknowledges_in_bulk() {
    Browser browser = app.browser();
    Account julie = app.account(app.workspace("inbox-ws"), Role.ASSISTANT);
    Workspace inboxWorkspace = app.workspace("inbox-ws");
    var created =
        manuals.create(
            inboxWorkspace,
            new Draft(
                "Boîte",
                "fr",
                List.of(),
                "",
                "## Lire\nLe matin.\n\n## Trier\nLibellés.\n",
                null,
                "",
                false,
                true),
            null,
            Actor.SYSTEM);
    long manualId = created.manual().id();
    acks.acknowledge(
        julie.id(),
        null,
        List.of(acks.standingsInManual(julie.id(), manualId).get("lire").currentVersionId()));
    manuals.save(
        inboxWorkspace,
        created.manual().slug(),
        new Draft(
            "Boîte",
            "fr",
            List.of(),
            "",
            "## Lire\nLe matin et le soir.\n\n## Trier\nLibellés.\n",
            1,
            "",
            false,
            true),
        Actor.SYSTEM);

    List<AckService.InboxItem> inbox = acks.inbox(julie.id());
    assertEquals(2, inbox.size());
    AckService.InboxItem changed =
        inbox.stream().filter(i -> i.standing().key().equals("lire")).findFirst().orElseThrow();
    assertNotNull(changed.changes());
    assertEquals(1, changed.changes().added());

    browser.login(julie.email(), TestApp.PASSWORD);
    var manualPage = browser.get("/w/inbox-ws/m/" + created.manual().slug());
    assertTrue(
        manualPage.body().contains("J'ai lu et compris")
            || manualPage.body().contains("J&#39;ai lu et compris"),
        "French manual, French label");
    var page = browser.get("/inbox");
    assertTrue(page.body().contains("changed since version 1"), page.body());
    assertTrue(page.body().contains("<ins>"), "the diff shows what changed");
    List<String> versions = new ArrayList<>();
    var matcher = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page.body());
    while (matcher.find()) {
      versions.add(matcher.group(1));
    }
    assertEquals(2, versions.size());
    String body =
        "_csrf=" + browser.csrf() + "&version=" + versions.get(0) + "&version=" + versions.get(1);
    assertEquals(303, browser.postRaw("/inbox", body, Map.of()).statusCode());
    assertTrue(acks.inbox(julie.id()).isEmpty());
    assertTrue(browser.get("/inbox").body().contains("up to date"));
  }

  @Test
  void too_many_versions_at_once_are_a_400_that_says_the_limit() {
    Workspace team = app.workspace("bulk-ws");
    Account reader = app.account(team, Role.ASSISTANT);
    String token = app.app().services().tokens().create(reader.id(), "api");
    StringBuilder versions = new StringBuilder();
    for (int i = 1; i <= 40_000; i++) {
      versions.append(i == 1 ? "" : ",").append(i);
    }
    var refused =
        app.api(
            token,
            "POST",
            "/api/v1/workspaces/bulk-ws/acknowledgements",
            "{\"versions\":[" + versions + "]}");
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("At most 10000 procedures"), refused.body());
  }

  @Test
  void the_dashboard_and_the_export_match_what_was_acknowledged() {
    Workspace team = app.workspace("dashboard-ws");
    Account ana = app.account(team, Role.ASSISTANT);
    Account ben = app.account(team, Role.ASSISTANT);
    Browser owner = app.signedIn(team, Role.OWNER);
    var created =
        manuals.create(
            team,
            new Draft(
                "Guide, \"complet\"",
                "fr",
                List.of(),
                "",
                "## Étape A\na\n\n## Étape B\n=b\n",
                null,
                "",
                false,
                true),
            null,
            Actor.SYSTEM);
    long manualId = created.manual().id();
    var standings = acks.standingsInManual(ana.id(), manualId);
    acks.acknowledge(
        ana.id(),
        team.id(),
        List.of(
            standings.get("etape-a").currentVersionId(),
            standings.get("etape-b").currentVersionId()));
    acks.acknowledge(ben.id(), team.id(), List.of(standings.get("etape-a").currentVersionId()));
    manuals.save(
        team,
        created.manual().slug(),
        new Draft(
            "Guide, \"complet\"",
            "fr",
            List.of(),
            "",
            "## Étape A\na modifiée\n\n## Étape B\n=b\n",
            1,
            "",
            false,
            true),
        Actor.SYSTEM);

    Dashboard dashboard = acks.dashboard(team);
    assertEquals(2, dashboard.procedures().size());
    Dashboard.Row anaRow =
        dashboard.assistants().stream()
            .filter(r -> r.accountId() == ana.id())
            .findFirst()
            .orElseThrow();
    Dashboard.Row benRow =
        dashboard.assistants().stream()
            .filter(r -> r.accountId() == ben.id())
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(AckStatus.OUTDATED, AckStatus.CURRENT), anaRow.cells());
    assertEquals(List.of(AckStatus.OUTDATED, AckStatus.NEVER), benRow.cells());
    assertEquals(50, anaRow.completion().percent());
    assertEquals(0, benRow.completion().percent());
    assertEquals(new Dashboard.Completion(1, 4), dashboard.byManual().get(created.manual().slug()));

    Dashboard outstanding = dashboard.filtered(created.manual().slug(), "outstanding");
    assertEquals(2, outstanding.assistants().size(), "both have something left");
    assertEquals(List.of(), dashboard.filtered("no-such-manual", null).procedures());
    var grid = owner.get("/w/dashboard-ws/dashboard.csv").body();
    assertTrue(
        grid.contains("outdated") && grid.contains("never") && grid.contains("current"), grid);
    assertEquals(5, grid.split("\r\n").length, "a header and 2 assistants × 2 procedures");
    var page = owner.get("/w/dashboard-ws/acknowledgements");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("outdated"));
    var csv = owner.get("/w/dashboard-ws/acknowledgements.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
    String text = csv.body();
    assertTrue(
        text.startsWith("\uFEFFdate,name,email,manual"), "UTF-8 byte-order mark for spreadsheets");
    assertTrue(text.contains("\r\n"), "CRLF line ends");
    assertEquals(4, text.split("\r\n").length, "a header and three acknowledgements");
    assertTrue(text.contains("\"Guide, \"\"complet\"\"\""), "quoted and escaped: " + text);
    assertTrue(text.contains("Étape A"), "accents survive: " + text);
    assertFalse(text.contains(",=b"), "no formula injection");
    assertTrue(
        new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
            .contains("Étape"));

    // A second manual of the same title has figures of its own (they were added together).
    var twin =
        manuals.create(
            team,
            new Draft(
                "Guide, \"complet\"", "fr", List.of(), "", "## Autre\nc\n", null, "", false, true),
            null,
            Actor.SYSTEM);
    Dashboard both = acks.dashboard(team);
    assertEquals(new Dashboard.Completion(1, 4), both.byManual().get(created.manual().slug()));
    assertEquals(new Dashboard.Completion(0, 2), both.byManual().get(twin.manual().slug()));
    String twoRows = owner.get("/w/dashboard-ws/acknowledgements").body();
    assertTrue(twoRows.contains("50 % (1 / 2)") || twoRows.contains("25 % (1 / 4)"), twoRows);
    assertTrue(twoRows.contains("0 % (0 / 2)"), twoRows);
  }

  @Test
  void a_new_assistant_is_told_how_much_there_is_to_read_and_where() {
    Workspace office = app.workspace("bureau-lecture");
    manuals.create(
        office,
        new Draft(
            "Accueil",
            "fr",
            List.of(),
            "",
            "## Un\nA.\n\n## Deux\nB.\n\n## Trois\nC.\n",
            null,
            "",
            false,
            true),
        null,
        Actor.SYSTEM);
    Account reader = app.account(office, Role.ASSISTANT, "fr");
    Browser browser = app.browser();
    browser.login(reader.email(), TestApp.PASSWORD);
    String home = browser.get("/").body();
    assertTrue(
        home.contains("<a href=\"/inbox\">3 procédures à lire dans Workspace bureau-lecture</a>"),
        home);
    assertTrue(home.contains("<progress value=\"0\" max=\"3\""), home);
    assertTrue(browser.get("/w/bureau-lecture").body().contains("3 procédures à lire"));
    long manualId = manuals.require(office, "accueil").id();
    List<Long> versions =
        acks.standingsInManual(reader.id(), manualId).values().stream()
            .map(ProcedureStanding::currentVersionId)
            .toList();
    acks.acknowledge(reader.id(), office.id(), versions.subList(0, 2));
    assertTrue(browser.get("/").body().contains("1 procédure à lire dans"), "singular in French");
    acks.acknowledge(reader.id(), office.id(), versions);
    String done = browser.get("/w/bureau-lecture").body();
    assertTrue(done.contains("Tout est lu et confirmé dans Workspace bureau-lecture."), done);
    assertTrue(done.contains("3 sur 3 confirmées"), done);
  }

  @Test
  void restoring_text_already_confirmed_does_not_ask_to_read_it_again() {
    Workspace office = app.workspace("restore-ack");
    Account reader = app.account(office, Role.ASSISTANT);
    Account other = app.account(office, Role.ASSISTANT);
    Manual manual =
        createIn(
            office,
            "Notes de frais",
            "## Saisir {#saisir}\nChaque vendredi.\n\n## Classer {#classer}\nPar mois.\n");
    var first = acks.standingsInManual(reader.id(), manual.id());
    acks.acknowledge(
        reader.id(),
        office.id(),
        List.of(first.get("saisir").currentVersionId(), first.get("classer").currentVersionId()));
    publish(
        office,
        manual,
        "Notes de frais",
        "## Saisir {#saisir}\nChaque lundi.\n\n## Classer {#classer}\nPar client.\n",
        1);
    assertEquals(
        AckStatus.OUTDATED,
        acks.standingsInManual(reader.id(), manual.id()).get("saisir").status());

    manuals.restore(office, manual.slug(), 1, 2, true, Actor.SYSTEM);

    var restored = acks.standingsInManual(reader.id(), manual.id());
    assertEquals(3, restored.get("saisir").currentNumber(), "the restore is a new version");
    assertEquals(AckStatus.CURRENT, restored.get("saisir").status(), "same text as confirmed");
    assertEquals(AckStatus.CURRENT, restored.get("classer").status());
    assertTrue(acks.inbox(reader.id()).isEmpty());
    assertEquals(
        AckStatus.NEVER,
        acks.standingsInManual(other.id(), manual.id()).get("saisir").status(),
        "someone who confirmed nothing still has it to read");
    Dashboard.Row row =
        acks.dashboard(office).assistants().stream()
            .filter(r -> r.accountId() == reader.id())
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(AckStatus.CURRENT, AckStatus.CURRENT), row.cells());

    // Text that differs from what was confirmed still asks again, even after the restore.
    publish(
        office,
        manual,
        "Notes de frais",
        "## Saisir {#saisir}\nChaque mardi.\n\n## Classer {#classer}\nPar mois.\n",
        3);
    var after = acks.standingsInManual(reader.id(), manual.id());
    assertEquals(AckStatus.OUTDATED, after.get("saisir").status());
    assertEquals(AckStatus.CURRENT, after.get("classer").status());
  }

  @Test
  void the_inbox_confirms_in_bulk_only_what_the_reader_has_opened() {
    Workspace office = app.workspace("opened-ws");
    Manual travel =
        createIn(
            office,
            "Voyages",
            "## Réserver {#reserver}\nTrain d'abord.\n\n## Annuler {#annuler}\nSous 24 h.\n");
    createIn(office, "Courrier", "## Trier {#trier}\nLe matin.\n");
    Account reader = app.account(office, Role.ASSISTANT, "fr");
    Browser browser = app.browser();
    browser.login(reader.email(), TestApp.PASSWORD);
    long version =
        acks.standingsInManual(reader.id(), travel.id()).get("reserver").currentVersionId();

    String unopened = browser.get("/inbox").body();
    assertFalse(unopened.contains("name=\"version\""), "nothing opened, nothing to tick");
    assertFalse(unopened.contains("J'ai lu et compris les procédures cochées"), unopened);
    assertTrue(unopened.contains("Une procédure se confirme ici une fois ouverte"), unopened);
    assertTrue(unopened.contains("pas encore ouverte"), unopened);
    var refused =
        browser.post("/inbox", Map.of("_csrf", browser.csrf(), "version", String.valueOf(version)));
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("Ouvrez une procédure et lisez-la"), refused.body());
    assertEquals(3, acks.inbox(reader.id()).size(), "nothing recorded");

    browser.get("/w/opened-ws/m/" + travel.slug());
    String inbox = browser.get("/inbox").body();
    List<String> offered = new ArrayList<>();
    var matcher = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(inbox);
    while (matcher.find()) {
      offered.add(matcher.group(1));
    }
    assertEquals(2, offered.size(), "the two procedures of the opened manual: " + inbox);
    assertTrue(offered.contains(String.valueOf(version)));
    String body =
        "_csrf=" + browser.csrf() + "&version=" + offered.get(0) + "&version=" + offered.get(1);
    var done = browser.postRaw("/inbox", body, Map.of());
    assertEquals(303, done.statusCode());
    String after = browser.get(done.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(after.contains("2 procédures confirmées."), after);
    assertEquals(1, acks.inbox(reader.id()).size(), "the unopened manual stays to read");

    // A change published later must be opened again before it can be confirmed in bulk.
    publish(
        office,
        travel,
        "Voyages",
        "## Réserver {#reserver}\nAvion d'abord.\n\n## Annuler {#annuler}\nSous 24 h.\n",
        1);
    assertFalse(browser.get("/inbox").body().contains("name=\"version\""));
  }
}
