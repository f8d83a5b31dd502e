package vademecum.markdown;

/** Two {@code ##} sections of one manual resolve to the same key, so one would shadow the other. */
public final class DuplicateProcedureKey extends RuntimeException {
  public final String key;
  public final Section first;
  public final Section second;

  public DuplicateProcedureKey(String key, Section first, Section second) {
    super(
        "Two procedures have the key \"%s\": \"%s\" (line %d) and \"%s\" (line %d). Give one of them another title or an explicit id such as {#%s-2}."
            .formatted(key, first.title(), first.line(), second.title(), second.line(), key));
    this.key = key;
    this.first = first;
    this.second = second;
  }
}
