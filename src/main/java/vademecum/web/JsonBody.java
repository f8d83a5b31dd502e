package vademecum.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;

/** A JSON request body read strictly: wrong types are a 400 that names the field. */
public final class JsonBody {
  // "{…}{…}" is not one JSON body: the second object was silently ignored.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  /**
   * The body, which may hold only the fields of {@code shape} (the record its operation documents):
   * a misspelt field ("titel") would otherwise be silently ignored and its value lost, while the
   * schema says {@code additionalProperties: false}.
   */
  public static JsonBody of(Context ctx, Class<? extends Record> shape) {
    JsonNode root;
    try {
      root = MAPPER.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      throw Refusal.badRequest("The body is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw Refusal.badRequest("The body must be a JSON object.");
    }
    Set<String> known = new LinkedHashSet<>();
    for (RecordComponent component : shape.getRecordComponents()) {
      known.add(component.getName());
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw Refusal.badRequest(
            "The field "
                + quoted(name)
                + " is unknown here; the fields are: "
                + String.join(", ", known)
                + ".");
      }
    }
    // The schema says which fields are required (those not marked nullable): one left out was
    // read as empty, and a revision sent without "markdown" published an empty manual.
    for (RecordComponent component : shape.getRecordComponents()) {
      JsonNode value = root.get(component.getName());
      if (!component.isAnnotationPresent(Nullable.class) && (value == null || value.isNull())) {
        throw Refusal.invalid(
            component.getName(), "The field " + component.getName() + " is missing.");
      }
    }
    return new JsonBody(root);
  }

  /** A field name as the person typed it, cut and without control characters, for a message. */
  private static String quoted(String name) {
    String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }

  /** Whether the body has the field, null or not. */
  public boolean has(String field) {
    return root.has(field);
  }

  /**
   * Whether the body gives the field a value: a null is a field left out, as generated clients
   * send.
   */
  public boolean gives(String field) {
    return root.hasNonNull(field);
  }

  public String text(String field, String fallback) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw Refusal.badRequest("The field " + field + " must be a string.");
    }
    return checked(field, value.asText());
  }

  /**
   * Text that PostgreSQL can hold as it was sent: no NUL, and no half of a UTF-16 pair. A JSON
   * escape of half an emoji decodes to a lone surrogate, which the driver's UTF-8 encoder turned
   * into "?" without a word: the character was lost on save.
   */
  private static String checked(String field, String text) {
    if (text.indexOf('\0') >= 0) {
      throw Refusal.badRequest("The field " + field + " contains a NUL character.");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw Refusal.badRequest(
            "The field "
                + field
                + " contains half of a character (a lone UTF-16 surrogate); send it whole.");
      }
    }
    return text;
  }

  public Integer integer(String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw Refusal.badRequest("The field " + field + " must be a number.");
    }
    return value.asInt();
  }

  /** A whole number that may be absent (null). */
  public Long number(String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw Refusal.badRequest("The field " + field + " must be a number.");
    }
    return value.asLong();
  }

  public boolean flag(String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw Refusal.badRequest("The field " + field + " must be true or false.");
    }
    return value.asBoolean();
  }

  public List<String> texts(String field) {
    JsonNode value = root.get(field);
    List<String> list = new ArrayList<>();
    if (value == null || value.isNull()) {
      return list;
    }
    if (!value.isArray()) {
      throw Refusal.badRequest("The field " + field + " must be a list of strings.");
    }
    value.forEach(
        item -> {
          if (!item.isTextual()) {
            throw Refusal.badRequest("The field " + field + " must be a list of strings.");
          }
          list.add(checked(field, item.asText()));
        });
    return list;
  }

  public List<Long> numbers(String field) {
    JsonNode value = root.get(field);
    List<Long> list = new ArrayList<>();
    if (value == null || !value.isArray()) {
      throw Refusal.badRequest("The field " + field + " must be a list of numbers.");
    }
    value.forEach(
        item -> {
          // A number past a long's range would wrap (2^64 + 1 read as 1): refused instead.
          if (!item.isIntegralNumber() || !item.canConvertToLong()) {
            throw Refusal.badRequest("The field " + field + " must be a list of numbers.");
          }
          list.add(item.asLong());
        });
    return list;
  }
}
