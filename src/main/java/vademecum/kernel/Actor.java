package vademecum.kernel;

/**
 * The person behind a request or a command. Until sign-in exists every change is made by the system
 * account created by the first migration.
 */
public record Actor(long accountId, String displayName) {
  public static final Actor SYSTEM = new Actor(1, "Vademecum");
}
