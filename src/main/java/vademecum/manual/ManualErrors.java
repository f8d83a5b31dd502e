package vademecum.manual;

/** The ways a request about a manual can be refused; each maps to one 4xx answer. */
public final class ManualErrors {
  private ManualErrors() {}

  /** Unknown workspace, manual or revision, or one the reader may not see: 404. */
  public static final class NotFound extends RuntimeException {
    public NotFound(String message) {
      super(message);
    }
  }

  /** The draft cannot be saved as it is (empty title, duplicate procedure keys…): 400. */
  public static final class InvalidDraft extends RuntimeException {
    public final String field;

    public InvalidDraft(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  /** The Markdown is over the configured limit: 413, naming the limit. */
  public static final class TooLarge extends RuntimeException {
    public final int limitBytes;

    public TooLarge(int limitBytes) {
      super("The manual is larger than the limit of %s.".formatted(humanSize(limitBytes)));
      this.limitBytes = limitBytes;
    }
  }

  /** Someone saved since the editor opened the manual: 409, and both texts are kept. */
  public static final class Conflict extends RuntimeException {
    public final Revision latest;
    public final Draft draft;

    public Conflict(Revision latest, Draft draft) {
      super(
          "Revision %d was saved by %s after you started editing revision %s."
              .formatted(latest.number(), latest.authorName(), draft.baseNumber()));
      this.latest = latest;
      this.draft = draft;
    }
  }

  public static String humanSize(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes >= 1024) {
      return (bytes / 1024) + " KB";
    }
    return bytes + " bytes";
  }
}
