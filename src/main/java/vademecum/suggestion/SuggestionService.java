package vademecum.suggestion;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Changes;
import vademecum.manual.Draft;
import vademecum.manual.EditConflict;
import vademecum.manual.Manual;
import vademecum.manual.ManualService;
import vademecum.manual.ManualView;
import vademecum.manual.Revision;
import vademecum.manual.SuggestionEntry;
import vademecum.markdown.LineEnds;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.Section;
import vademecum.question.QuestionService;

/**
 * Suggested edits: a reader proposes a change from the published text; an owner or editor accepts
 * it (a revision written by its author, saved as a draft or published) or declines it with a note.
 * Between the two the manual may have changed: the suggestion is then rebased when the changes do
 * not overlap, and otherwise shown as a conflict, never applied over somebody else's change.
 */
public final class SuggestionService {
  static final int MAX_NOTE_CHARS = 2_000;
  private static final int LIST_LIMIT = 500;

  private final DSLContext db;
  private final SuggestionRepository suggestions;
  private final ManualService manuals;
  private final QuestionService questions;
  private final MarkdownRenderer markdown;
  private final List<SuggestionEvent.Listener> listeners;

  public SuggestionService(
      DSLContext db,
      SuggestionRepository suggestions,
      ManualService manuals,
      QuestionService questions,
      MarkdownRenderer markdown,
      List<SuggestionEvent.Listener> listeners) {
    this.db = db;
    this.suggestions = suggestions;
    this.manuals = manuals;
    this.questions = questions;
    this.markdown = markdown;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * The form's starting point: the published revision, and the text to edit in it (the procedure
   * {@code key}, heading included, or the whole manual).
   */
  public record Proposing(
      ManualView manual,
      @Nullable String procedureKey,
      @Nullable String procedureTitle,
      String text,
      @Nullable Long questionId,
      @Nullable Long resubmitsId) {
    public int baseNumber() {
      return manual.revision().number();
    }
  }

  public Proposing proposing(Workspace workspace, Role role, String slug, @Nullable String key) {
    requireReader(role);
    ManualView view = published(workspace, slug);
    if (key == null) {
      return new Proposing(view, null, null, view.revision().markdown(), null, null);
    }
    Section section = section(view, key);
    if (!Splice.editable(section)) {
      // A procedure without a "## " line of its own (an underlined title, a manual of one
      // section) cannot be put back alone: the whole manual is edited instead.
      return new Proposing(view, null, null, view.revision().markdown(), null, null);
    }
    return new Proposing(view, key, section.title(), section.markdown(), null, null);
  }

  /**
   * "Add to the procedure": the procedure as published with the question's latest answer under the
   * step it quoted. For owners and editors, who answer.
   */
  public Proposing fromAnswer(Workspace workspace, Role role, Account reader, long questionId) {
    requireEditor(role);
    QuestionService.Thread thread = questions.thread(workspace, role, reader, questionId);
    String answer = thread.lastAnswer();
    if (answer.isBlank()) {
      throw Refusal.conflict("This question has no answer yet to add.");
    }
    ManualView view = published(workspace, thread.question().manualSlug());
    Section section = section(view, thread.question().procedureKey());
    if (!Splice.editable(section)) {
      String whole =
          view.revision()
              .markdown()
              .replace(
                  section.markdown(),
                  Splice.withAnswer(
                      markdown, section.markdown(), thread.question().quote(), answer));
      return new Proposing(view, null, null, whole, questionId, null);
    }
    return new Proposing(
        view,
        section.key(),
        section.title(),
        Splice.withAnswer(markdown, section.markdown(), thread.question().quote(), answer),
        questionId,
        null);
  }

  /**
   * Submitting a declined suggestion again: its text, on the revision published now. Where what
   * changed since overlaps it, the form starts from what is published now, and the declined text is
   * beside it (it was left out without a word, and its author sent an empty redo).
   */
  public Retyped resubmitting(Workspace workspace, Role role, long accountId, long id) {
    Suggestion declined = visible(workspace, role, accountId, id);
    if (!declined.by(accountId) || declined.status() != Suggestion.Status.DECLINED) {
      throw Refusal.conflict("Only its author submits a declined suggestion again.");
    }
    ManualView view = published(workspace, declined.manualSlug());
    // The declined text was written on an older revision: what changed since is kept (merged in),
    // never reverted by submitting it again.
    Revision oldBase = manuals.revision(view.manual(), declined.baseNumber());
    String published = view.revision().markdown();
    Optional<String> merged = Merge.of(oldBase.markdown(), published, declined.markdown());
    String rebased = merged.orElse(published);
    // What its author wrote: their procedure, or the whole text of a whole-manual suggestion.
    String theirs = declined.markdown();
    if (declined.procedureKey() != null) {
      Optional<Section> mine =
          Splice.section(markdown, rebased, view.revision().title(), declined.procedureKey());
      Optional<Section> now =
          Splice.section(markdown, published, view.revision().title(), declined.procedureKey());
      theirs =
          Splice.section(
                  markdown, declined.markdown(), view.revision().title(), declined.procedureKey())
              .map(Section::markdown)
              .orElse(declined.markdown());
      if (mine.isPresent() && now.isPresent() && Splice.editable(now.get())) {
        return new Retyped(
            new Proposing(
                view,
                declined.procedureKey(),
                mine.get().title(),
                mine.get().markdown(),
                declined.questionId(),
                id),
            mine.get().markdown(),
            merged.isPresent() ? null : theirs);
      }
    }
    Proposing whole = new Proposing(view, null, null, rebased, declined.questionId(), id);
    return new Retyped(whole, rebased, merged.isPresent() ? null : theirs);
  }

  /** The suggestion form shown again after a refusal: its text, and what was typed beside it. */
  public record Retyped(Proposing proposing, String text, @Nullable String kept) {}

  /**
   * The form again after {@link #propose} refused it, on the revision published now. An editor's
   * text typed on an older revision is merged onto the current one, as {@link #resubmitting} does:
   * sent again as it was, it came back marked as written on the new revision, and its acceptance
   * took back everything published in between. Where the two overlap, and always for an assistant,
   * the form holds the current text and what was typed stays beside it.
   */
  public Retyped again(
      Workspace workspace,
      Role role,
      String slug,
      @Nullable String key,
      @Nullable Integer baseNumber,
      String typed) {
    Proposing now;
    try {
      now = proposing(workspace, role, slug, key);
    } catch (Refusal.NotFound gone) {
      now = proposing(workspace, role, slug, null);
    }
    if (key != null && now.procedureKey() == null) {
      // The procedure left the manual (or can no longer be edited alone): the whole manual is the
      // text to edit.
      return new Retyped(now, now.text(), typed);
    }
    if (baseNumber == null || baseNumber == now.baseNumber()) {
      return new Retyped(now, typed, null);
    }
    if (!role.canEdit()) {
      // An assistant names the base and the text: merged onto the current text, whether the merge
      // went through would tell them if a line they guessed was in a revision readers no longer
      // see. They get the current text, and theirs beside it.
      return new Retyped(now, now.text(), typed);
    }
    int base = baseNumber;
    boolean published =
        base >= 1
            && manuals.history(now.manual().manual()).stream()
                .anyMatch(r -> r.number() == base && r.everPublished());
    if (!published) {
      return new Retyped(now, now.text(), typed);
    }
    Revision old = manuals.revision(now.manual().manual(), base);
    Optional<String> was =
        key == null
            ? Optional.of(old.markdown())
            : Splice.section(markdown, old.markdown(), old.title(), key).map(Section::markdown);
    // The merge holds only lines of the current text and lines typed: nothing of the older
    // revision that readers no longer see.
    String current = now.text();
    Optional<String> merged = was.flatMap(w -> Merge.of(w, current, LineEnds.unix(typed)));
    Proposing onNow = now;
    return merged
        .map(text -> new Retyped(onNow, text, null))
        .orElseGet(() -> new Retyped(onNow, current, typed));
  }

  public Suggestion propose(
      Workspace workspace,
      Role role,
      Actor actor,
      String slug,
      @Nullable String key,
      @Nullable Integer baseNumber,
      String text,
      String note,
      @Nullable Long questionId,
      @Nullable Long resubmitsId) {
    requireReader(role);
    ManualView view = published(workspace, slug);
    if (baseNumber == null) {
      throw Refusal.badRequest("Which revision the suggestion was made on is missing.");
    }
    int base = baseNumber;
    if (base < 1
        || manuals.history(view.manual()).stream()
            .noneMatch(r -> r.number() == base && r.everPublished())) {
      throw Refusal.badRequest("A suggestion is made on a published revision.");
    }
    if (!role.canEdit() && base != view.revision().number()) {
      // A procedure's suggestion is stored as the whole base revision with that procedure
      // replaced, and its author reads it back: from an older revision, an assistant could read
      // what readers may no longer see (a line taken out since). Editors read every revision.
      throw Refusal.conflict(
          "The manual was published again while you wrote: your text is below. Check it against"
              + " the procedure as it is now and send it again.");
    }
    if (questionId != null) {
      // Only the answer's "add to the procedure" (owners and editors) links a question.
      requireEditor(role);
      questions.require(workspace, questionId);
    }
    Revision baseRevision = manuals.revision(view.manual(), base);
    String edited = text == null ? "" : LineEnds.unix(text);
    String proposed =
        key == null || key.isBlank()
            ? edited
            : Splice.replace(markdown, baseRevision.markdown(), baseRevision.title(), key, edited);
    String why = note == null ? "" : note.strip();
    if (why.length() > MAX_NOTE_CHARS) {
      throw Refusal.invalid("note", "The note is longer than " + MAX_NOTE_CHARS + " characters.");
    }
    // The same checks as a save: size, shape, duplicate procedure keys.
    manuals.check(
        new Draft(
            baseRevision.title(),
            view.manual().language(),
            baseRevision.tags(),
            baseRevision.description(),
            proposed,
            baseNumber,
            "",
            false,
            false));
    if (proposed.strip().equals(baseRevision.markdown().strip())) {
      throw Refusal.invalid("markdown", "The text is unchanged: there is nothing to suggest.");
    }
    if (resubmitsId != null) {
      Suggestion declined = visible(workspace, role, actor.accountId(), resubmitsId);
      if (!declined.by(actor.accountId()) || declined.status() != Suggestion.Status.DECLINED) {
        throw Refusal.conflict("Only its author submits a declined suggestion again.");
      }
    }
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          long id =
              suggestions.insert(
                  tx,
                  new SuggestionRepository.New(
                      workspace.id(),
                      view.manual().id(),
                      key == null || key.isBlank() ? null : key,
                      baseRevision.id(),
                      actor.accountId(),
                      proposed,
                      why,
                      questionId,
                      resubmitsId));
          Suggestion made = suggestions.byId(tx, workspace.id(), id).orElseThrow(() -> gone(id));
          fire(tx, new SuggestionEvent.Made(made, actor));
          return made;
        });
  }

  /**
   * A suggestion as its decider sees it: rebased on the manual's latest revision when that is
   * possible ({@code merged}), with what accepting it would change; otherwise both sets of changes.
   */
  public record Review(
      Suggestion suggestion,
      Revision base,
      Revision latest,
      @Nullable String merged,
      Changes changes,
      @Nullable Changes since) {
    public boolean conflict() {
      return merged == null;
    }

    public boolean rebased() {
      return latest.number() != base.number();
    }
  }

  public Review review(Workspace workspace, Role role, long accountId, long id) {
    Suggestion suggestion = visible(workspace, role, accountId, id);
    Manual manual = manuals.require(workspace, suggestion.manualSlug());
    Revision base = manuals.revision(manual, suggestion.baseNumber());
    // Its author reads it against what readers read; deciders against the latest text, drafts
    // included, which is what accepting writes on. An archived manual is hidden from readers: its
    // author then sees their change on the text they started from, and nothing newer.
    Revision latest =
        role.canEdit()
            ? manuals.latest(manual)
            : manual.isArchived() ? base : manuals.publishedOrLatest(manual);
    if (suggestion.status() != Suggestion.Status.OPEN) {
      return new Review(
          suggestion,
          base,
          latest,
          suggestion.markdown(),
          manuals.changes(base.markdown(), suggestion.markdown()),
          null);
    }
    Optional<String> merged = Merge.of(base.markdown(), latest.markdown(), suggestion.markdown());
    if (merged.isPresent()) {
      return new Review(
          suggestion,
          base,
          latest,
          merged.get(),
          manuals.changes(latest.markdown(), merged.get()),
          null);
    }
    return new Review(
        suggestion,
        base,
        latest,
        null,
        manuals.changes(base.markdown(), suggestion.markdown()),
        manuals.changes(base.markdown(), latest.markdown()));
  }

  /** Whether the text a suggestion would be accepted on is the published one (no draft above). */
  public boolean latestPublished(Workspace workspace, Review review) {
    Manual manual = manuals.require(workspace, review.suggestion().manualSlug());
    return Objects.equals(manual.publishedRevisionId(), review.latest().id());
  }

  /** How an accepted suggestion enters the manual. */
  public enum Outcome {
    DRAFT,
    MINOR,
    MAJOR
  }

  /**
   * Accepts: the rebased text becomes a new revision written by the suggestion's author, as a draft
   * or published. Refused as a conflict when the manual changed where the suggestion did.
   */
  public Suggestion accept(Workspace workspace, Role role, Actor actor, long id, Outcome outcome) {
    requireEditor(role);
    Review review = review(workspace, role, actor.accountId(), id);
    Suggestion suggestion = review.suggestion();
    if (suggestion.status() != Suggestion.Status.OPEN) {
      throw Refusal.conflict("This suggestion was already " + suggestion.status().column() + ".");
    }
    if (review.conflict()) {
      throw Refusal.conflict(
          "The manual changed where this suggestion does since revision "
              + suggestion.baseNumber()
              + ": it cannot be applied without overwriting that change.");
    }
    Revision latest = review.latest();
    Manual manual = manuals.require(workspace, suggestion.manualSlug());
    if (outcome != Outcome.DRAFT && !Objects.equals(manual.publishedRevisionId(), latest.id())) {
      throw Refusal.conflict(
          "Revision "
              + latest.number()
              + " is a draft not published yet: publishing the suggestion would publish it too."
              + " Accept the suggestion as a draft, or publish that draft first.");
    }
    Draft draft =
        new Draft(
            latest.title(),
            manual.language(),
            latest.tags(),
            latest.description(),
            review.merged(),
            latest.number(),
            "Suggestion by " + suggestion.authorName(),
            outcome == Outcome.MINOR,
            outcome != Outcome.DRAFT);
    long author = suggestion.authorId() != null ? suggestion.authorId() : actor.accountId();
    try {
      manuals.saveAuthoredBy(
          workspace,
          suggestion.manualSlug(),
          draft,
          author,
          actor,
          (tx, revision) -> {
            Suggestion open = suggestions.lock(tx, workspace.id(), id).orElseThrow(() -> gone(id));
            if (open.status() != Suggestion.Status.OPEN) {
              throw Refusal.conflict("This suggestion was already decided.");
            }
            suggestions.decide(
                tx, id, Suggestion.Status.ACCEPTED, actor.accountId(), "", revision.id());
            fire(
                tx,
                new SuggestionEvent.Decided(
                    suggestions.byId(tx, workspace.id(), id).orElseThrow(() -> gone(id)), actor));
          });
    } catch (EditConflict e) {
      // Saved by somebody else between the review and the save: decide again on the new text.
      throw Refusal.conflict("The manual was just saved by somebody else: review it again.");
    }
    return suggestions.byId(db, workspace.id(), id).orElseThrow(() -> gone(id));
  }

  /**
   * Its manual was deleted while the request ran (a suggestion is read only with its manual): as if
   * it had never been, not a 500.
   */
  private static Refusal gone(long id) {
    return Refusal.notFound("There is no suggestion " + id + " here.");
  }

  public Suggestion decline(Workspace workspace, Role role, Actor actor, long id, String note) {
    requireEditor(role);
    String why = note == null ? "" : note.strip();
    // Its author resubmits from what the note says.
    if (why.isEmpty()) {
      throw Refusal.invalid("note", "Say why it is declined: its author will read it.");
    }
    if (why.length() > MAX_NOTE_CHARS) {
      throw Refusal.invalid("note", "The note is longer than " + MAX_NOTE_CHARS + " characters.");
    }
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          Suggestion open =
              suggestions
                  .lock(tx, workspace.id(), id)
                  .orElseThrow(() -> Refusal.notFound("There is no suggestion " + id + " here."));
          if (open.status() != Suggestion.Status.OPEN) {
            throw Refusal.conflict("This suggestion was already " + open.status().column() + ".");
          }
          suggestions.decide(tx, id, Suggestion.Status.DECLINED, actor.accountId(), why, null);
          Suggestion decided = suggestions.byId(tx, workspace.id(), id).orElseThrow(() -> gone(id));
          fire(tx, new SuggestionEvent.Decided(decided, actor));
          return decided;
        });
  }

  public List<Suggestion> list(
      Workspace workspace, Role role, long accountId, @Nullable Suggestion.Status status) {
    requireReader(role);
    return suggestions.inWorkspace(
        db, workspace.id(), role.canEdit() ? null : accountId, status, LIST_LIMIT);
  }

  /** For the manual's history page (owners and editors). */
  public List<SuggestionEntry> inManual(long manualId) {
    return suggestions.inManual(db, manualId).stream()
        .map(
            s ->
                new SuggestionEntry(
                    s.url(),
                    s.authorName(),
                    s.status().column(),
                    s.decidedByName(),
                    s.createdAt(),
                    s.decidedAt(),
                    s.decisionNote(),
                    s.revisionNumber()))
        .toList();
  }

  /** Owners and editors see every suggestion, its author theirs; anybody else a "not found". */
  private Suggestion visible(Workspace workspace, Role role, long accountId, long id) {
    requireReader(role);
    return suggestions
        .byId(db, workspace.id(), id)
        .filter(s -> role.canEdit() || s.by(accountId))
        .orElseThrow(() -> Refusal.notFound("There is no suggestion " + id + " here."));
  }

  private ManualView published(Workspace workspace, String slug) {
    // Suggestions start from what readers read: the published revision.
    return manuals.view(workspace, slug, Role.ASSISTANT, null);
  }

  private static Section section(ManualView view, String key) {
    return view.procedures().stream()
        .filter(p -> p.key().equals(key))
        .findFirst()
        .orElseThrow(() -> Refusal.notFound("This manual has no procedure " + key + "."));
  }

  private static void requireReader(Role role) {
    if (role == Role.RECRUITER) {
      throw Refusal.forbidden("Recruiters do not suggest edits.");
    }
  }

  private static void requireEditor(Role role) {
    if (!role.canEdit()) {
      throw Refusal.forbidden("Owners and editors decide on suggestions.");
    }
  }

  private void fire(DSLContext tx, SuggestionEvent event) {
    listeners.forEach(listener -> listener.on(tx, event));
  }
}
