package vademecum.manual;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.markdown.LineEnds;
import vademecum.markdown.Tags;
import vademecum.web.JsonBody;

/**
 * What {@code /api/v1/…/manuals} reads and answers, as records: Jackson writes their components in
 * order, and the OpenAPI document describes them from the same components.
 */
public final class ManualJson {
  private ManualJson() {}

  public record ManualList(List<ManualItem> manuals) {}

  /**
   * {@code latestRevision} is left out for readers, who see published revisions only; {@code
   * archived} is true only for editors (readers never see an archived manual).
   */
  public record ManualItem(
      String slug,
      String title,
      String language,
      List<String> tags,
      int procedures,
      @Nullable Integer publishedRevision,
      @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) Integer latestRevision,
      @Nullable String sourcePath,
      boolean archived) {

    static ManualItem of(ManualSummary m, boolean editor) {
      return new ManualItem(
          m.slug(),
          m.title(),
          m.language(),
          m.tags(),
          m.procedureCount(),
          m.publishedNumber(),
          editor ? m.latestNumber() : null,
          m.sourcePath(),
          m.archived());
    }
  }

  public record ManualDetail(
      String slug,
      String title,
      String language,
      List<String> tags,
      String description,
      int revision,
      @Nullable Integer publishedRevision,
      @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) Integer latestRevision,
      @Nullable String sourcePath,
      List<ProcedureRef> procedures,
      String markdown,
      String html) {

    static ManualDetail of(ManualView view, boolean editor) {
      Revision revision = view.revision();
      return new ManualDetail(
          view.manual().slug(),
          revision.title(),
          view.manual().language(),
          revision.tags(),
          revision.description(),
          revision.number(),
          view.publishedNumber(),
          editor ? view.latestNumber() : null,
          view.manual().sourcePath(),
          view.procedures().stream().map(p -> new ProcedureRef(p.key(), p.title())).toList(),
          revision.markdown(),
          view.html());
    }
  }

  public record ProcedureRef(String key, String title) {}

  public record RevisionList(List<RevisionItem> revisions) {}

  public record RevisionItem(
      int number,
      String title,
      String author,
      String note,
      boolean minor,
      String createdAt,
      boolean published) {

    static RevisionItem of(RevisionSummary r) {
      return new RevisionItem(
          r.number(),
          r.title(),
          r.authorName(),
          r.note(),
          r.minor(),
          r.createdAt().toString(),
          r.currentlyPublished());
    }
  }

  public record Saved(String slug, int revision, boolean created, boolean published) {
    static Saved of(ManualService.Saved saved) {
      return new Saved(
          saved.manual().slug(),
          saved.revision().number(),
          saved.created(),
          saved.manual().isPublished()
              && saved.manual().publishedRevisionId() == saved.revision().id());
    }
  }

  public record Published(String slug, int publishedRevision) {}

  /** 409: what the client needs to merge, the current revision and its text. */
  public record Conflict(String error, String message, CurrentRevision current) {
    static Conflict of(EditConflict conflict) {
      Revision latest = conflict.latest;
      return new Conflict(
          "conflict",
          conflict.getMessage(),
          new CurrentRevision(
              latest.number(),
              latest.authorName(),
              latest.createdAt().toString(),
              latest.title(),
              latest.markdown()));
    }
  }

  public record CurrentRevision(
      int number, String author, String createdAt, String title, String markdown) {}

  /**
   * A manual's text as a client sends it, to create a manual or save a revision ({@code base}: the
   * revision it was edited from). Fields left out take their defaults.
   */
  public record DraftBody(
      String title,
      @Nullable String language,
      @Nullable List<String> tags,
      @Nullable String description,
      String markdown,
      @Nullable Integer base,
      @Nullable String note,
      @Nullable Boolean minor,
      @Nullable Boolean publish) {

    static DraftBody read(JsonBody body) {
      // Cleaned as the form cleans them: a text sent again with Windows line ends is the same
      // text, not a new revision everyone is asked to read.
      return new DraftBody(
          body.text("title", "").strip(),
          body.text("language", null),
          // Left out or null, the tags stay as they are; [] removes them.
          body.gives("tags") ? Tags.of(body.texts("tags")) : null,
          body.text("description", null),
          LineEnds.unix(body.text("markdown", "")),
          body.integer("base"),
          body.text("note", "").strip(),
          body.flag("minor"),
          body.flag("publish"));
    }

    /** Saving needs the base, so that a save over someone else's is a conflict, not a loss. */
    Draft toSave() {
      if (base == null) {
        throw Refusal.badRequest("The field base (the revision the text starts from) is missing.");
      }
      return toDraft(base);
    }

    /** A new manual: French, no tags and no description unless given. */
    Draft toCreate() {
      return new Draft(
          title,
          language == null ? "fr" : language,
          tags == null ? List.of() : tags,
          description == null ? "" : description,
          markdown,
          null,
          note,
          Boolean.TRUE.equals(minor),
          Boolean.TRUE.equals(publish));
    }

    private Draft toDraft(Integer baseNumber) {
      return new Draft(
          title,
          language,
          tags,
          description,
          markdown,
          baseNumber,
          note,
          Boolean.TRUE.equals(minor),
          Boolean.TRUE.equals(publish));
    }
  }

  public record PublishBody(int revision, @Nullable Boolean minor) {
    static PublishBody read(JsonBody body) {
      Integer number = body.integer("revision");
      if (number == null) {
        throw Refusal.badRequest("The field revision (the number to publish) is missing.");
      }
      return new PublishBody(number, body.flag("minor"));
    }
  }
}
