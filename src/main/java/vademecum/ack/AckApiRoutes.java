package vademecum.ack;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.manual.ManualService;
import vademecum.web.Access;
import vademecum.web.JsonBody;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.WebServer;

/** Acknowledgements through {@code /api/v1/}: standings, acknowledging, the dashboard. */
public final class AckApiRoutes implements WebServer.Routes {
  private final AckService acks;
  private final ManualService manuals;
  private final Access access;

  public AckApiRoutes(AckService acks, ManualService manuals, Access access) {
    this.acks = acks;
    this.manuals = manuals;
    this.access = access;
  }

  @Override
  public void register(Router router) {
    router.get(
        "/api/v1/workspaces/{workspace}/manuals/{manual}/procedures",
        Need.API_MEMBER,
        this::procedures);
    router.post(
        "/api/v1/workspaces/{workspace}/acknowledgements", Need.API_MEMBER, this::acknowledge);
    router.get("/api/v1/workspaces/{workspace}/dashboard", Need.API_EDITOR, this::dashboard);
  }

  /** The published procedures with the version to acknowledge and the caller's standing. */
  private void procedures(Context ctx) {
    var manual = manuals.require(access.workspace(ctx), ctx.pathParam("manual"));
    if (!manual.isPublished()) {
      throw Refusal.notFound("No manual " + manual.slug());
    }
    List<Map<String, Object>> list =
        acks.standingsInManual(access.account(ctx).id(), manual.id()).values().stream()
            .map(
                s -> {
                  Map<String, Object> json = new LinkedHashMap<>();
                  json.put("key", s.key());
                  json.put("title", s.title());
                  json.put("versionId", s.currentVersionId());
                  json.put("version", s.currentNumber());
                  json.put("requiredVersion", s.requiredNumber());
                  json.put("acknowledgedVersion", s.ackedNumber());
                  json.put("status", s.status().name().toLowerCase());
                  return json;
                })
            .toList();
    ctx.json(Map.of("manual", manual.slug(), "procedures", list));
  }

  private void acknowledge(Context ctx) {
    Role role = access.role(ctx);
    if (role != Role.ASSISTANT && role != Role.EDITOR) {
      throw Refusal.forbidden("Only assistants and editors acknowledge procedures.");
    }
    List<Long> versions = JsonBody.of(ctx).numbers("versions");
    int recorded = acks.acknowledge(access.account(ctx).id(), access.workspace(ctx).id(), versions);
    ctx.json(Map.of("recorded", recorded));
  }

  private void dashboard(Context ctx) {
    Dashboard dashboard = acks.dashboard(access.workspace(ctx));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "procedures",
        dashboard.procedures().stream()
            .map(p -> Map.of("manual", p.manualSlug(), "key", p.key(), "title", p.title()))
            .toList());
    json.put(
        "assistants",
        dashboard.assistants().stream()
            .map(
                r ->
                    Map.of(
                        "name",
                        r.name(),
                        "percent",
                        r.completion().percent(),
                        "cells",
                        r.cells().stream().map(c -> c.name().toLowerCase()).toList()))
            .toList());
    Map<String, Object> byManual = new LinkedHashMap<>();
    dashboard
        .byManual()
        .forEach(
            (title, c) ->
                byManual.put(
                    title,
                    Map.of("current", c.current(), "total", c.total(), "percent", c.percent())));
    json.put("byManual", byManual);
    ctx.json(json);
  }
}
