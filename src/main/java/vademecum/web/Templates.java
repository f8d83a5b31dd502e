package vademecum.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/** JTE templates compiled by the build; each template takes one typed page record. */
public final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  public String render(String template, Object page) {
    StringOutput output = new StringOutput();
    engine.render(template, page, output);
    return output.toString();
  }

  public void render(Context ctx, String template, Object page) {
    ctx.html(render(template, page));
  }

  public void render(Context ctx, int status, String template, Object page) {
    ctx.status(status);
    ctx.html(render(template, page));
  }
}
