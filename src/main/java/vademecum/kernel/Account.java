package vademecum.kernel;

/** A person who signs in. */
public record Account(
    long id, String email, String displayName, String language, boolean admin, boolean disabled) {}
