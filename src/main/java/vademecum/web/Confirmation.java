package vademecum.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Destructive actions ask first, without scripts: their form posts once without {@code confirm=yes}
 * and gets a page that says what will happen, with the same form (its fields kept) and a way back.
 * Only the second post, which carries {@code confirm=yes}, acts. The question is asked by the
 * server, so it holds for every client and cannot be skipped by a page that failed to load its
 * script.
 */
public final class Confirmation {
  /** One field of the form being confirmed, posted again as it was. */
  public record Field(String name, String value) {}

  /** The page that asks. */
  public record Page(
      Chrome chrome,
      String title,
      String question,
      String action,
      List<Field> fields,
      String confirmLabel,
      String cancelUrl) {}

  private Confirmation() {}

  /**
   * Whether the form was confirmed; if not, answers with the page that asks (the caller then
   * returns without acting).
   */
  public static boolean given(
      Context ctx,
      Templates templates,
      Chrome chrome,
      String question,
      String confirmLabel,
      String cancelUrl) {
    if ("yes".equals(ctx.formParam("confirm"))) {
      return true;
    }
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : ctx.formParamMap().entrySet()) {
      if (entry.getKey().equals("_csrf") || entry.getKey().equals("confirm")) {
        continue;
      }
      entry.getValue().forEach(value -> fields.add(new Field(entry.getKey(), value)));
    }
    ctx.header("Cache-Control", "no-store");
    templates.render(
        ctx,
        "web/confirm.jte",
        new Page(chrome, confirmLabel, question, ctx.path(), fields, confirmLabel, cancelUrl));
    return false;
  }
}
