package vademecum.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vademecum.kernel.Nullable;

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the records that API routes read and write,
 * made from the records' components: a component is required and never null unless marked {@link
 * Nullable}; one that Jackson leaves out when null ({@code @JsonInclude(NON_NULL)}) is optional; no
 * other property is allowed, so a test validating real answers catches any drift.
 */
final class JsonSchemas {
  /** Schemas by name, filled as records are met: the document's {@code components.schemas}. */
  private final Map<String, Object> components = new LinkedHashMap<>();

  Map<String, Object> components() {
    return components;
  }

  /** A reference to the record's schema, added to the components on first use. */
  Map<String, Object> ref(Class<? extends Record> type) {
    String name = type.getSimpleName();
    if (!components.containsKey(name)) {
      components.put(name, Map.of()); // reserved first: records may refer to themselves
      components.put(name, object(type));
    }
    return Map.of("$ref", "#/components/schemas/" + name);
  }

  private Map<String, Object> object(Class<? extends Record> type) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    boolean omitsNulls = omitsNulls(type.getAnnotation(JsonInclude.class));
    for (RecordComponent component : type.getRecordComponents()) {
      boolean nullable = component.isAnnotationPresent(Nullable.class);
      boolean omitted = omitsNulls || omitsNulls(component.getAnnotation(JsonInclude.class));
      Map<String, Object> schema = schema(component.getGenericType());
      if (nullable && !omitted) {
        schema = Map.of("anyOf", List.of(schema, Map.of("type", "null")));
      }
      properties.put(component.getName(), schema);
      if (!nullable) {
        required.add(component.getName());
      }
    }
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("type", "object");
    object.put("properties", properties);
    object.put("required", required);
    object.put("additionalProperties", false);
    return object;
  }

  private static boolean omitsNulls(JsonInclude include) {
    return include != null && include.value() == JsonInclude.Include.NON_NULL;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> schema(Type type) {
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      Type[] arguments = generic.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return Map.of("type", "array", "items", schema(arguments[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return Map.of("type", "object", "additionalProperties", schema(arguments[1]));
      }
      throw new IllegalArgumentException("no JSON schema for " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return Map.of("type", "string");
    }
    if (c == byte[].class) {
      return Map.of("type", "string", "contentMediaType", "application/octet-stream");
    }
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return Map.of("type", "integer");
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return Map.of("type", "number");
    }
    if (c == boolean.class || c == Boolean.class) {
      return Map.of("type", "boolean");
    }
    if (Temporal.class.isAssignableFrom(c)) {
      return Map.of("type", "string", "format", "date-time");
    }
    if (c.isEnum()) {
      return Map.of("type", "string", "enum", enumValues(c));
    }
    if (c.isRecord()) {
      return ref((Class<? extends Record>) c);
    }
    throw new IllegalArgumentException("no JSON schema for " + type);
  }

  /** The values Jackson writes: those of the {@code @JsonValue} method, else the names. */
  private static List<String> enumValues(Class<?> type) {
    Method value = null;
    for (Method method : type.getMethods()) {
      if (method.isAnnotationPresent(JsonValue.class)) {
        value = method;
      }
    }
    List<String> values = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      try {
        values.add(
            value == null ? ((Enum<?>) constant).name() : String.valueOf(value.invoke(constant)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }
}
