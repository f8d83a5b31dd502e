package vademecum.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import vademecum.kernel.Refusal;

/**
 * The stylesheet and script, served under a name that carries a hash of their content ({@code
 * /assets/app.3f2a1c9b.css}) so that browsers may keep them for a year: a new release changes the
 * name, never the content behind a name. Read once from the jar; immutable.
 */
public final class Assets implements WebServer.Routes {
  private record Asset(String hashedName, byte[] bytes, String contentType) {}

  private static final Map<String, Asset> BY_NAME = new LinkedHashMap<>();
  private static final Map<String, Asset> BY_HASHED_NAME = new LinkedHashMap<>();

  static {
    add("app.css", "text/css; charset=utf-8");
    add("app.js", "text/javascript; charset=utf-8");
    add("files.js", "text/javascript; charset=utf-8");
    add("toolbar.js", "text/javascript; charset=utf-8");
  }

  private static void add(String name, String contentType) {
    byte[] bytes;
    try (InputStream in = Assets.class.getResourceAsStream("/public/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing asset " + name);
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    int dot = name.lastIndexOf('.');
    String hashed = name.substring(0, dot) + "." + hash + name.substring(dot);
    Asset asset = new Asset(hashed, bytes, contentType);
    BY_NAME.put(name, asset);
    BY_HASHED_NAME.put(hashed, asset);
  }

  /** The address of an asset, for templates: {@code Assets.url("app.css")}. */
  public static String url(String name) {
    Asset asset = BY_NAME.get(name);
    if (asset == null) {
      throw new IllegalArgumentException("No asset " + name);
    }
    return "/assets/" + asset.hashedName();
  }

  @Override
  public void register(Router router) {
    router.get("/assets/{name}", Router.Need.PUBLIC, Assets::serve);
  }

  private static void serve(Context ctx) {
    Asset asset = BY_HASHED_NAME.get(ctx.pathParam("name"));
    if (asset == null) {
      throw Refusal.notFound("There is no page at this address.");
    }
    ctx.header("Cache-Control", "public, max-age=31536000, immutable");
    ctx.contentType(asset.contentType());
    ctx.result(asset.bytes());
  }
}
