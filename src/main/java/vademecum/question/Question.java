package vademecum.question;

import java.time.OffsetDateTime;
import java.util.Locale;
import vademecum.kernel.Nullable;

/**
 * A question on a procedure, without its messages. {@code askedBy} is null once the asker's account
 * is gone; {@code publicAt} is set while it is part of the procedure's FAQ; {@code manualArchived}:
 * its manual is archived, hidden from readers, and so is its FAQ; {@code procedureRetired}: the
 * procedure is no longer in the manual (removed, or renamed without an explicit key, which makes it
 * another procedure), so its anchor leads nowhere.
 */
public record Question(
    long id,
    long workspaceId,
    String workspaceSlug,
    long manualId,
    String manualSlug,
    String manualLanguage,
    long procedureId,
    String procedureKey,
    String procedureTitle,
    @Nullable Long askedBy,
    String askerName,
    String quote,
    Status status,
    @Nullable OffsetDateTime publicAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime askerSeenAt,
    boolean manualArchived,
    boolean procedureRetired) {

  public enum Status {
    OPEN,
    ANSWERED,
    CLOSED;

    public String column() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status fromColumn(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  public boolean isPublic() {
    return publicAt != null;
  }

  public boolean askedBy(long accountId) {
    return askedBy != null && askedBy == accountId;
  }

  /** Where it is read: its own page in the workspace. */
  public String url() {
    return "/w/" + workspaceSlug + "/questions/" + id;
  }

  /** The procedure it is about, or its manual once the procedure is no longer in it. */
  public String procedureUrl() {
    String manual = "/w/" + workspaceSlug + "/m/" + manualSlug;
    return procedureRetired ? manual : manual + "#" + procedureKey;
  }
}
