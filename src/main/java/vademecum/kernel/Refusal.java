package vademecum.kernel;

import java.util.Map;

/**
 * A request turned down for a reason the person can act on: the one error type of the domain. Each
 * kind says what went wrong, not how to answer; {@code web.WebServer} maps every kind to its
 * status, page and JSON body in one place, and the command line prints the message. Anything else
 * thrown by a request is a bug: logged with its stack trace and answered with our own 500 page.
 */
public abstract sealed class Refusal extends RuntimeException
    permits Refusal.Invalid,
        Refusal.Unauthorized,
        Refusal.Forbidden,
        Refusal.NotFound,
        Refusal.Conflict,
        Refusal.Gone,
        Refusal.TooLarge,
        Refusal.Unsupported,
        Refusal.TooMany,
        Refusal.Unavailable {

  private Refusal(String message) {
    super(message);
  }

  /** The input cannot be used as it is; {@code fields} names the fields at fault, if known. */
  public static final class Invalid extends Refusal {
    private final Map<String, String> fields;

    private Invalid(String message, Map<String, String> fields) {
      super(message);
      this.fields = Map.copyOf(fields);
    }

    /** Field name to what is wrong with it; empty when the fault is not one field's. */
    public Map<String, String> fields() {
      return fields;
    }
  }

  /** Nobody (or no valid token) is asking. */
  public static final class Unauthorized extends Refusal {
    private Unauthorized(String message) {
      super(message);
    }
  }

  /** The one asking may not do this. */
  public static final class Forbidden extends Refusal {
    private Forbidden(String message) {
      super(message);
    }
  }

  /** No such thing, or one the person may not know exists. */
  public static final class NotFound extends Refusal {
    private NotFound(String message) {
      super(message);
    }
  }

  /**
   * The request no longer fits what is stored (a newer revision, a name already taken). Open, so
   * that a feature's conflict can carry what the person needs to resolve it.
   */
  public static non-sealed class Conflict extends Refusal {
    protected Conflict(String message) {
      super(message);
    }
  }

  /** It existed and no longer can be used (an expired link or invitation). */
  public static final class Gone extends Refusal {
    private Gone(String message) {
      super(message);
    }
  }

  /** Over a size limit, which the message names. */
  public static final class TooLarge extends Refusal {
    private TooLarge(String message) {
      super(message);
    }
  }

  /** Too many attempts in a short time. */
  /** A file of a type that is not accepted (415). */
  public static final class Unsupported extends Refusal {
    private Unsupported(String message) {
      super(message);
    }
  }

  public static final class TooMany extends Refusal {
    private TooMany(String message) {
      super(message);
    }
  }

  /** Something this instance relies on does not answer (a sign-in provider): try again later. */
  public static final class Unavailable extends Refusal {
    private Unavailable(String message) {
      super(message);
    }
  }

  public static Unavailable unavailable(String message) {
    return new Unavailable(message);
  }

  public static Invalid badRequest(String message) {
    return new Invalid(message, Map.of());
  }

  /** One field's fault, e.g. {@code invalid("title", "The title is empty.")}. */
  public static Invalid invalid(String field, String message) {
    return new Invalid(message, Map.of(field, message));
  }

  public static Unauthorized unauthorized(String message) {
    return new Unauthorized(message);
  }

  public static Forbidden forbidden(String message) {
    return new Forbidden(message);
  }

  public static NotFound notFound(String message) {
    return new NotFound(message);
  }

  public static Conflict conflict(String message) {
    return new Conflict(message);
  }

  public static Gone gone(String message) {
    return new Gone(message);
  }

  public static TooMany tooManyRequests(String message) {
    return new TooMany(message);
  }

  public static Unsupported unsupportedType(String message) {
    return new Unsupported(message);
  }

  public static TooLarge contentTooLarge(String message) {
    return new TooLarge(message);
  }
}
