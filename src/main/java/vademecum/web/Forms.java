package vademecum.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import vademecum.kernel.Refusal;

/** Reading form fields strictly: invalid UTF-8 is refused rather than silently replaced. */
public final class Forms {
  private Forms() {}

  public static String text(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : noNul(value);
  }

  /** PostgreSQL text cannot hold U+0000; a form that sends one is refused, not half-saved. */
  public static String noNul(String value) {
    if (value.indexOf('\0') >= 0) {
      throw Refusal.badRequest("The form contains a NUL character, which text cannot hold.");
    }
    return value;
  }

  public static boolean checked(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value != null && !value.isEmpty() && !value.equals("false");
  }

  public static Integer integer(Context ctx, String name) {
    String value = ctx.formParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw Refusal.badRequest("The field " + name + " must be a number.");
    }
  }

  /** A record's id (a bigint); null when absent or blank. */
  public static Long id(Context ctx, String name) {
    String value = ctx.formParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw Refusal.badRequest("The field " + name + " must be a number.");
    }
  }

  /**
   * Javalin decodes form bodies leniently, turning bad bytes into U+FFFD; a manual must not be
   * corrupted that way, so the raw body is checked first.
   */
  public static void requireUtf8(Context ctx) {
    if (!ctx.isFormUrlencoded()) {
      return;
    }
    byte[] body = ctx.bodyAsBytes();
    ByteArrayOutputStream decoded = new ByteArrayOutputStream(body.length);
    for (int i = 0; i < body.length; i++) {
      byte b = body[i];
      if (b == '%' && i + 2 < body.length) {
        int high = Character.digit(body[i + 1], 16);
        int low = Character.digit(body[i + 2], 16);
        if (high >= 0 && low >= 0) {
          decoded.write(high * 16 + low);
          i += 2;
          continue;
        }
      }
      decoded.write(b);
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(decoded.toByteArray()));
    } catch (CharacterCodingException e) {
      throw Refusal.badRequest("The form contains text that is not valid UTF-8.");
    }
  }
}
