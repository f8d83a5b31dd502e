package vademecum.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import vademecum.kernel.Nullable;

/**
 * The body of every JSON error: a stable code ({@code not_found}, {@code conflict}…), a sentence
 * for people, and for invalid input the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(Code error, String message, @Nullable Map<String, String> fields) {

  /** Stable machine-readable codes for JSON clients, written in lower case. */
  public enum Code {
    BAD_REQUEST,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    CONFLICT,
    GONE,
    TOO_LARGE,
    UNSUPPORTED_TYPE,
    TOO_MANY_REQUESTS,
    UNAVAILABLE,
    SERVER_ERROR,
    REQUEST_REFUSED;

    @JsonValue
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Code of(int status) {
      return switch (status) {
        case 400 -> BAD_REQUEST;
        case 401 -> UNAUTHORIZED;
        case 403 -> FORBIDDEN;
        case 404 -> NOT_FOUND;
        case 405 -> METHOD_NOT_ALLOWED;
        case 409 -> CONFLICT;
        case 410 -> GONE;
        case 413 -> TOO_LARGE;
        case 415 -> UNSUPPORTED_TYPE;
        case 429 -> TOO_MANY_REQUESTS;
        case 503 -> UNAVAILABLE;
        default -> status >= 500 ? SERVER_ERROR : REQUEST_REFUSED;
      };
    }
  }
}
