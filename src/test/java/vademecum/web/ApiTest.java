package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.API_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.TestApp;

/** The JSON API for every role, its conflicts, its errors, and its OpenAPI description. */
class ApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WS = "/api/v1/workspaces/api-ws";
  private static TestApp app;
  private static Map<String, String> tokens;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    Workspace workspace = app.workspace("api-ws");
    tokens = new HashMap<>();
    for (Role role : Role.values()) {
      Account account = app.account(workspace, role);
      names.put(role.name().toLowerCase(), account.displayName());
      tokens.put(
          role.name().toLowerCase(), app.app().services().tokens().create(account.id(), "t"));
    }
    Account outsider = app.account(app.workspace("elsewhere"), Role.OWNER);
    tokens.put("outsider", app.app().services().tokens().create(outsider.id(), "t"));
    var manuals = app.app().services().manuals();
    manuals.create(
        workspace,
        new Draft(
            "Voyages",
            "fr",
            List.of("voyage"),
            "",
            "## Vols {#vols}\nÉconomique.\n",
            null,
            "",
            false,
            true),
        null,
        Actor.SYSTEM);
    manuals.create(
        workspace,
        new Draft(
            "Brouillon", "fr", List.of(), "", "## Secret\nPas publié.\n", null, "", false, false),
        null,
        Actor.SYSTEM);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static final Map<String, String> names = new HashMap<>();

  private static HttpResponse<String> call(String who, String method, String path, String body) {
    return app.api(who == null ? null : tokens.get(who), method, path, body);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void a_token_s_last_use_is_written_at_most_once_a_minute() {
    Account account = app.account(app.workspace("api-ws"), Role.ASSISTANT);
    String token = app.app().services().tokens().create(account.id(), "last use");
    DSLContext db = app.app().services().database().dsl();
    var mine = API_TOKEN.TOKEN_HASH.eq(Secrets.hash(token));
    assertNull(db.select(API_TOKEN.LAST_USED_AT).from(API_TOKEN).where(mine).fetchOne().value1());

    assertEquals(200, app.getWithBearer(WS + "/manuals", token).statusCode());
    OffsetDateTime used =
        db.select(API_TOKEN.LAST_USED_AT).from(API_TOKEN).where(mine).fetchOne().value1();
    assertNotNull(used, "the first use is written");
    assertEquals(200, app.getWithBearer(WS + "/manuals", token).statusCode());
    assertEquals(
        used.toInstant(),
        db.select(API_TOKEN.LAST_USED_AT)
            .from(API_TOKEN)
            .where(mine)
            .fetchOne()
            .value1()
            .toInstant(),
        "a second use within the minute writes nothing");

    db.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, used.minusMinutes(5)).where(mine).execute();
    assertEquals(200, app.getWithBearer(WS + "/manuals", token).statusCode());
    assertTrue(
        db.select(API_TOKEN.LAST_USED_AT)
            .from(API_TOKEN)
            .where(mine)
            .fetchOne()
            .value1()
            .isAfter(used.minusMinutes(1)),
        "a use more than a minute later is written");
  }

  @Test
  void half_of_a_character_is_refused_and_a_whole_one_kept() throws Exception {
    // A workspace of its own: the other tests count the manuals of theirs.
    Account editor = app.account(app.workspace("api-emoji"), Role.EDITOR);
    String token = app.app().services().tokens().create(editor.id(), "emoji");
    String ws = "/api/v1/workspaces/api-emoji";
    // Half of an emoji was saved as "?" by the driver: refused, naming the field.
    HttpResponse<String> half =
        app.api(
            token,
            "POST",
            ws + "/manuals",
            "{\"title\":\"Moiti\u00e9\",\"markdown\":\"## A\\nB \\ud83d fin\\n\"}");
    assertEquals(400, half.statusCode(), half.body());
    assertTrue(
        json(half).get("message").asText().startsWith("The field markdown contains half"),
        half.body());
    HttpResponse<String> halfTag =
        app.api(
            token,
            "POST",
            ws + "/manuals",
            "{\"title\":\"Moiti\u00e9\",\"tags\":[\"\\ude00\"],\"markdown\":\"## A\\nB\\n\"}");
    assertEquals(400, halfTag.statusCode(), halfTag.body());
    assertEquals(404, app.api(token, "GET", ws + "/manuals/moitie", null).statusCode());
    HttpResponse<String> whole =
        app.api(
            token,
            "POST",
            ws + "/manuals",
            "{\"title\":\"Entier\",\"markdown\":\"## A\\nB \\ud83d\\ude00 fin\\n\"}");
    assertEquals(201, whole.statusCode(), whole.body());
    JsonNode kept = json(app.api(token, "GET", ws + "/manuals/entier?draft=true", null));
    assertTrue(kept.toString().contains("B \ud83d\ude00 fin"), kept.toString());
  }

  @Test
  void a_save_that_sends_only_the_text_keeps_language_tags_and_description() throws Exception {
    // A workspace of its own: the other tests count the manuals of theirs.
    Account editor = app.account(app.workspace("api-keep"), Role.EDITOR);
    String token = app.app().services().tokens().create(editor.id(), "keep");
    String ws = "/api/v1/workspaces/api-keep";
    String create =
        "{\"title\":\"Courses\",\"language\":\"en\",\"tags\":[\"Errands\",\" #errands\"],"
            + "\"description\":\"Weekly.\",\"markdown\":\"## Buy\\nMilk.\\n\",\"publish\":true}";
    assertEquals(201, app.api(token, "POST", ws + "/manuals", create).statusCode());
    String save = "{\"base\":1,\"title\":\"Courses\",\"markdown\":\"## Buy\\nBread.\\n\"}";
    HttpResponse<String> saved = app.api(token, "POST", ws + "/manuals/courses/revisions", save);
    assertEquals(201, saved.statusCode(), saved.body());
    JsonNode manual = json(app.api(token, "GET", ws + "/manuals/courses?draft=true", null));
    assertEquals("en", manual.get("language").asText(), manual.toString());
    // Cleaned as a form's tags are: "Errands" is the "errands" the tag filter looks for.
    assertEquals("[\"errands\"]", manual.get("tags").toString(), manual.toString());
    assertEquals("Weekly.", manual.get("description").asText(), manual.toString());
    // Generated clients send every field, null for those not set: null is left out too.
    String nulls =
        "{\"base\":2,\"title\":\"Courses\",\"markdown\":\"## Buy\\nEggs.\\n\","
            + "\"tags\":null,\"language\":null,\"description\":null}";
    assertEquals(
        201, app.api(token, "POST", ws + "/manuals/courses/revisions", nulls).statusCode());
    manual = json(app.api(token, "GET", ws + "/manuals/courses?draft=true", null));
    assertEquals("[\"errands\"]", manual.get("tags").toString(), manual.toString());
    // The same text with Windows line ends (and a title with spaces around it) is no change.
    String windows =
        "{\"base\":3,\"title\":\" Courses \",\"markdown\":\"## Buy\\r\\nEggs.\\r\\n\"}";
    HttpResponse<String> same = app.api(token, "POST", ws + "/manuals/courses/revisions", windows);
    assertEquals(200, same.statusCode(), same.body());
    String emptied =
        "{\"base\":3,\"title\":\"Courses\",\"markdown\":\"## Buy\\nEggs.\\n\",\"tags\":[]}";
    assertEquals(
        201, app.api(token, "POST", ws + "/manuals/courses/revisions", emptied).statusCode());
    manual = json(app.api(token, "GET", ws + "/manuals/courses?draft=true", null));
    assertEquals("[]", manual.get("tags").toString(), "[] removes them");
  }

  /** An archived manual answers a reader's API as it answers on its page: like no manual. */
  @Test
  void an_archived_manual_s_procedures_answer_a_reader_as_a_manual_that_does_not_exist()
      throws Exception {
    Workspace workspace = app.workspace("api-archive");
    String reader =
        app.app().services().tokens().create(app.account(workspace, Role.ASSISTANT).id(), "r");
    String editor =
        app.app().services().tokens().create(app.account(workspace, Role.EDITOR).id(), "e");
    app.publish(workspace, "Rangé", "fr", "## Classer {#classer}\nLe soir.\n");
    String slug = "range";
    String ws = "/api/v1/workspaces/api-archive/manuals/";
    HttpResponse<String> listed = app.api(reader, "GET", ws + slug + "/procedures", null);
    assertEquals(200, listed.statusCode());
    long version = json(listed).get("procedures").get(0).get("versionId").asLong();
    app.app().services().shelf().archive(workspace, slug, Actor.SYSTEM);
    // Nor may its procedures be acknowledged by id (nor told to webhooks as such).
    HttpResponse<String> acknowledged =
        app.api(
            reader,
            "POST",
            "/api/v1/workspaces/api-archive/acknowledgements",
            "{\"versions\":[" + version + "]}");
    assertEquals(404, acknowledged.statusCode(), acknowledged.body());

    HttpResponse<String> archived = app.api(reader, "GET", ws + slug + "/procedures", null);
    HttpResponse<String> none = app.api(reader, "GET", ws + "nothing/procedures", null);
    assertEquals(404, archived.statusCode());
    assertEquals(
        none.body().replace("nothing", "X"), archived.body().replace(slug, "X"), "word for word");
    assertEquals(200, app.api(editor, "GET", ws + slug + "/procedures", null).statusCode());
  }

  @Test
  void reading_follows_the_roles_of_the_pages() throws Exception {
    JsonNode asAssistant = json(call("assistant", "GET", WS + "/manuals", null));
    assertEquals(1, asAssistant.get("manuals").size(), "readers see published manuals only");
    assertFalse(asAssistant.get("manuals").get(0).has("latestRevision"));
    assertEquals(2, json(call("editor", "GET", WS + "/manuals", null)).get("manuals").size());
    assertEquals(404, call("outsider", "GET", WS + "/manuals", null).statusCode());
    assertEquals(401, call(null, "GET", WS + "/manuals", null).statusCode());

    JsonNode manual = json(call("recruiter", "GET", WS + "/manuals/voyages", null));
    assertEquals("Voyages", manual.get("title").asText());
    assertTrue(manual.get("markdown").asText().contains("## Vols {#vols}"));
    assertTrue(manual.get("html").asText().contains("<h2 id=\"vols\">"));
    assertEquals("vols", manual.get("procedures").get(0).get("key").asText());
    assertEquals(404, call("assistant", "GET", WS + "/manuals/brouillon", null).statusCode());
    assertEquals(200, call("editor", "GET", WS + "/manuals/brouillon", null).statusCode());
    assertEquals(
        403, call("assistant", "GET", WS + "/manuals/voyages/revisions", null).statusCode());
    assertEquals(
        1,
        json(call("owner", "GET", WS + "/manuals/voyages/revisions", null))
            .get("revisions")
            .size());
  }

  @Test
  void writing_saves_publishes_and_keeps_the_conflict_rule() throws Exception {
    String create =
        "{\"title\":\"Relances\",\"language\":\"fr\",\"markdown\":\"## Relancer\\nJ+15.\\n\",\"publish\":true}";
    assertEquals(403, call("assistant", "POST", WS + "/manuals", create).statusCode());
    assertEquals(403, call("recruiter", "POST", WS + "/manuals", create).statusCode());
    assertEquals(404, call("outsider", "POST", WS + "/manuals", create).statusCode());
    HttpResponse<String> created = call("editor", "POST", WS + "/manuals", create);
    assertEquals(201, created.statusCode(), created.body());
    assertEquals("relances", json(created).get("slug").asText());
    assertTrue(json(created).get("published").asBoolean());

    String save =
        "{\"base\":1,\"title\":\"Relances\",\"language\":\"fr\",\"markdown\":\"## Relancer\\nJ+10.\\n\"}";
    HttpResponse<String> saved = call("owner", "POST", WS + "/manuals/relances/revisions", save);
    assertEquals(201, saved.statusCode(), saved.body());
    assertEquals(2, json(saved).get("revision").asInt());
    assertFalse(json(saved).get("published").asBoolean(), "a draft until published");

    HttpResponse<String> conflict =
        call("editor", "POST", WS + "/manuals/relances/revisions", save.replace("J+10", "J+7"));
    assertEquals(409, conflict.statusCode());
    JsonNode body = json(conflict);
    assertEquals("conflict", body.get("error").asText());
    assertEquals(2, body.get("current").get("number").asInt());
    assertTrue(body.get("current").get("markdown").asText().contains("J+10"));

    assertEquals(
        409,
        call("editor", "POST", WS + "/manuals/relances/publish", "{\"revision\":1}").statusCode());
    HttpResponse<String> published =
        call("editor", "POST", WS + "/manuals/relances/publish", "{\"revision\":2}");
    assertEquals(200, published.statusCode(), published.body());
    assertEquals(2, json(published).get("publishedRevision").asInt());
  }

  @Test
  void assistants_acknowledge_and_the_dashboard_shows_it() throws Exception {
    JsonNode procedures = json(call("assistant", "GET", WS + "/manuals/voyages/procedures", null));
    JsonNode vols = procedures.get("procedures").get(0);
    assertEquals("never", vols.get("status").asText());
    String ack = "{\"versions\":[" + vols.get("versionId").asLong() + "]}";
    assertEquals(403, call("recruiter", "POST", WS + "/acknowledgements", ack).statusCode());
    assertEquals(
        1, json(call("assistant", "POST", WS + "/acknowledgements", ack)).get("recorded").asInt());
    assertEquals(
        0, json(call("assistant", "POST", WS + "/acknowledgements", ack)).get("recorded").asInt());
    // 2^64 + id would wrap to the id: refused, not read as another number.
    String wrapped =
        "{\"versions\":["
            + BigInteger.TWO.pow(64).add(BigInteger.valueOf(vols.get("versionId").asLong()))
            + "]}";
    assertEquals(400, call("assistant", "POST", WS + "/acknowledgements", wrapped).statusCode());
    assertEquals(
        "current",
        json(call("assistant", "GET", WS + "/manuals/voyages/procedures", null))
            .get("procedures")
            .get(0)
            .get("status")
            .asText());
    assertEquals(403, call("assistant", "GET", WS + "/dashboard", null).statusCode());
    JsonNode dashboard = json(call("owner", "GET", WS + "/dashboard", null));
    // The assistant who acknowledged, by name: another test adds an assistant, and names sort
    // as text ("Person 10" before "Person 9").
    JsonNode row = null;
    for (JsonNode assistant : dashboard.get("assistants")) {
      if (assistant.get("name").asText().equals(names.get("assistant"))) {
        row = assistant;
      }
    }
    assertNotNull(row, dashboard.toString());
    assertTrue(row.get("cells").toString().contains("current"), row.toString());
  }

  @Test
  void errors_are_json_with_a_stable_code() throws Exception {
    HttpResponse<String> notJson = call("editor", "POST", WS + "/manuals", "{nope");
    assertEquals(400, notJson.statusCode());
    assertEquals("bad_request", json(notJson).get("error").asText());
    assertEquals("The body is not valid JSON.", json(notJson).get("message").asText());
    // Two objects one after the other are not one body (the second was silently ignored).
    HttpResponse<String> twoBodies =
        call(
            "editor",
            "POST",
            WS + "/manuals",
            "{\"title\":\"Deux\",\"markdown\":\"## A\\nB\\n\"}{\"x\":1}");
    assertEquals(400, twoBodies.statusCode(), twoBodies.body());
    assertEquals("The body is not valid JSON.", json(twoBodies).get("message").asText());
    HttpResponse<String> noTitle =
        call("editor", "POST", WS + "/manuals", "{\"markdown\":\"## A\\nB\\n\"}");
    assertEquals(400, noTitle.statusCode());
    assertEquals("The field title is missing.", json(noTitle).get("message").asText());
    assertEquals("The field title is missing.", json(noTitle).get("fields").get("title").asText());
    // A revision without its text was read as an empty text, and published so: the manual gone.
    HttpResponse<String> noText =
        call(
            "editor",
            "POST",
            WS + "/manuals/voyages/revisions",
            "{\"title\":\"Voyages\",\"base\":1,\"publish\":true}");
    assertEquals(400, noText.statusCode(), noText.body());
    assertEquals("The field markdown is missing.", json(noText).get("message").asText());
    // A base no one wrote is no conflict with someone's save.
    for (String base : List.of("99", "0", "-1")) {
      HttpResponse<String> nowhere =
          call(
              "editor",
              "POST",
              WS + "/manuals/voyages/revisions",
              "{\"title\":\"Voyages\",\"markdown\":\"## Vols\\nX\\n\",\"base\":" + base + "}");
      assertEquals(400, nowhere.statusCode(), nowhere.body());
      assertTrue(
          json(nowhere).get("message").asText().startsWith("There is no revision " + base),
          nowhere.body());
    }
    HttpResponse<String> emptyTitle =
        call("editor", "POST", WS + "/manuals", "{\"title\":\"\",\"markdown\":\"x\"}");
    assertEquals("The title is empty.", json(emptyTitle).get("fields").get("title").asText());
    assertFalse(json(notJson).has("fields"), "a fault of no one field names none");
    HttpResponse<String> wrongType =
        call("editor", "POST", WS + "/manuals", "{\"title\":5,\"markdown\":\"x\"}");
    assertEquals("The field title must be a string.", json(wrongType).get("message").asText());
    // A misspelt field is refused, not ignored with its value: nothing is created.
    HttpResponse<String> misspelt =
        call(
            "editor",
            "POST",
            WS + "/manuals",
            "{\"title\":\"Mal \u00e9crit\",\"markdwon\":\"## A\\nB\\n\"}");
    assertEquals(400, misspelt.statusCode(), misspelt.body());
    assertTrue(
        json(misspelt).get("message").asText().startsWith("The field markdwon is unknown here"),
        misspelt.body());
    assertTrue(json(misspelt).get("message").asText().contains("markdown"), misspelt.body());
    assertEquals(
        404, call("editor", "GET", WS + "/manuals/mal-ecrit", null).statusCode(), "not created");
    HttpResponse<String> missing = call("editor", "GET", WS + "/manuals/nope", null);
    assertEquals(404, missing.statusCode());
    assertEquals("not_found", json(missing).get("error").asText());
    assertEquals(
        "unauthorized", json(call(null, "GET", WS + "/manuals", null)).get("error").asText());
  }

  @Test
  void the_openapi_description_matches_the_registered_routes() throws Exception {
    HttpResponse<String> response = call(null, "GET", "/api/v1/openapi.json", null);
    assertEquals(200, response.statusCode());
    JsonNode document = json(response);
    assertEquals("3.1.0", document.get("openapi").asText());
    TreeSet<String> described = new TreeSet<>();
    document
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> described.add(m.toUpperCase() + " " + path.getKey())));
    TreeSet<String> registered = new TreeSet<>();
    app.app().web().routes().stream()
        .filter(r -> r.path().startsWith("/api/"))
        .forEach(r -> registered.add(r.method() + " " + r.path()));
    assertEquals(registered, described);
    // A generated client sends only the parameters described: the search's words among them.
    JsonNode search = document.get("paths").get("/api/v1/search").get("get").get("parameters");
    List<String> query = new ArrayList<>();
    search.forEach(p -> query.add(p.get("in").asText() + " " + p.get("name").asText()));
    assertTrue(query.contains("query q") && query.contains("query limit"), query.toString());
  }
}
