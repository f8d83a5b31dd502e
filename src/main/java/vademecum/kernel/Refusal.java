package vademecum.kernel;

/**
 * A request that a service turns down for a reason the user can act on. The web layer answers with
 * {@code status} and the message; the CLI prints the message.
 */
public final class Refusal extends RuntimeException {
  public final int status;

  private Refusal(int status, String message) {
    super(message);
    this.status = status;
  }

  public static Refusal badRequest(String message) {
    return new Refusal(400, message);
  }

  public static Refusal forbidden(String message) {
    return new Refusal(403, message);
  }

  public static Refusal notFound(String message) {
    return new Refusal(404, message);
  }

  public static Refusal conflict(String message) {
    return new Refusal(409, message);
  }

  public static Refusal gone(String message) {
    return new Refusal(410, message);
  }

  public static Refusal tooManyRequests(String message) {
    return new Refusal(429, message);
  }

  public static Refusal contentTooLarge(String message) {
    return new Refusal(413, message);
  }
}
