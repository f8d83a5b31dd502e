package vademecum.manual;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import vademecum.audit.AuditLog;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Sizes;
import vademecum.kernel.Workspace;
import vademecum.markdown.DuplicateProcedureKey;
import vademecum.markdown.LineEnds;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.Procedures;
import vademecum.markdown.Section;
import vademecum.markdown.Slugs;
import vademecum.markdown.TextChecks;

/** Creating, saving, publishing and restoring manuals; every change is one transaction. */
public final class ManualService {
  private static final int MAX_TITLE_LENGTH = 200;

  private final DSLContext db;
  private final ManualRepository manuals;
  private final ProcedureRepository procedures;
  private final AuditLog audit;
  private final MarkdownRenderer markdown;
  private final List<Published.Listener> onPublish;
  private final List<RevisionSaved> onSave;
  private final int maxMarkdownBytes;
  private final RenderCache<Rendered> rendered = new RenderCache<>(512);
  private final Changes.Maker changes;

  public ManualService(
      DSLContext db,
      ManualRepository manuals,
      ProcedureRepository procedures,
      AuditLog audit,
      MarkdownRenderer markdown,
      List<Published.Listener> onPublish,
      List<RevisionSaved> onSave,
      int maxMarkdownBytes) {
    this.db = db;
    this.manuals = manuals;
    this.procedures = procedures;
    this.audit = audit;
    this.markdown = markdown;
    this.onPublish = List.copyOf(onPublish);
    this.onSave = List.copyOf(onSave);
    this.maxMarkdownBytes = maxMarkdownBytes;
    this.changes = new Changes.Maker(markdown);
  }

  /** What changed from one text to another, rendered and as source. */
  public Changes changes(String before, String after) {
    return changes.between(before, after);
  }

  /** The outcome of a save: {@code created} is false when the text was identical to the latest. */
  public record Saved(Manual manual, Revision revision, boolean created) {}

  public Saved create(Workspace workspace, Draft draft, String sourcePath, Actor actor) {
    Procedures split = validate(draft);
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          manuals.lockCreations(tx, workspace.id());
          if (sourcePath != null
              && manuals.bySourcePath(tx, workspace.id(), sourcePath).isPresent()) {
            // Another import made it after this one looked (creations wait for each other here):
            // the unique path index answered a 500.
            throw Refusal.conflict(
                sourcePath + " was imported meanwhile: import it again to update that manual.");
          }
          if (sourcePath == null && !actor.equals(Actor.SYSTEM)) {
            // The same form sent twice within a minute is one manual, not two.
            Optional<Long> twin =
                manuals.recentTwin(
                    tx,
                    workspace.id(),
                    actor.accountId(),
                    draft,
                    OffsetDateTime.now().minusMinutes(1));
            if (twin.isPresent()) {
              Manual manual = manuals.lock(tx, twin.get());
              Revision latest = manuals.revisionById(tx, manual.latestRevisionId()).orElseThrow();
              if (draft.publish() && !manual.isPublished()) {
                // "Save", then back and "Save and publish": the second press publishes it.
                publishInside(
                    tx, workspace, manual.id(), manual.slug(), latest, split, false, actor);
                manual = manuals.lock(tx, manual.id());
              }
              return new Saved(manual, latest, false);
            }
          }
          String slug = uniqueSlug(tx, workspace.id(), draft.title());
          long manualId =
              manuals.insertManual(tx, workspace.id(), slug, draft.language(), sourcePath);
          Revision revision =
              manuals.insertRevision(
                  tx, manualId, 1, draft, split.sections().size(), actor.accountId());
          onSave.forEach(listener -> listener.saved(tx, workspace.id(), revision));
          manuals.pointLatest(tx, manualId, revision.id(), draft.language());
          audit.record(tx, actor.accountId(), workspace.id(), "manual.create", slug, draft.title());
          if (draft.publish()) {
            publishInside(tx, workspace, manualId, slug, revision, split, false, actor);
          }
          return new Saved(manuals.lock(tx, manualId), revision, true);
        });
  }

  /**
   * Saves a new revision on top of {@code draft.baseNumber()}. If another revision was saved since,
   * nothing is written and {@link EditConflict} carries both texts.
   */
  public Saved save(Workspace workspace, String slug, Draft draft, Actor actor) {
    return saveAuthoredBy(workspace, slug, draft, actor.accountId(), actor, (tx, revision) -> {});
  }

  /** What a caller records with a new revision, in its transaction (a decided suggestion). */
  @FunctionalInterface
  public interface AlsoSaved {
    void saved(DSLContext tx, Revision revision);
  }

  /**
   * Saves a revision written by {@code authorId} and saved (perhaps published) by {@code actor}: an
   * accepted suggestion is its author's revision, the decision the editor's.
   */
  public Saved saveAuthoredBy(
      Workspace workspace,
      String slug,
      Draft sent,
      long authorId,
      Actor actor,
      AlsoSaved alsoSaved) {
    Manual found = require(workspace, slug);
    Procedures checked = validate(sent);
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          Manual manual = manuals.lock(tx, found.id());
          requireNotDeleted(manual, workspace);
          Revision latest = manuals.revisionById(tx, manual.latestRevisionId()).orElseThrow();
          Integer base = sent.baseNumber();
          if (base != null && (base < 1 || base > latest.number())) {
            // Not a conflict with someone's save: no one wrote that revision.
            throw Refusal.invalid(
                "base",
                "There is no revision "
                    + base
                    + " to start from; the latest is "
                    + latest.number()
                    + ".");
          }
          // What the save leaves out (a description the form has no field for, the tags an API
          // client did not send) stays as the latest revision has it.
          Draft kept = sent.keeping(latest, manual.language());
          // A heading renamed over the same text keeps its procedure, history and schedules
          // included (ProcedureSplitter.keepKeysOfRenamed): a typo fixed in a title is no new
          // procedure. Only for a text edited from the latest revision (or the same form sent
          // again): one edited from an older revision is a conflict, shown as the person wrote it.
          String keys = markdown.splitter().keepKeysOfRenamed(latest.markdown(), kept.markdown());
          Draft draft = kept;
          if (!keys.equals(kept.markdown())) {
            Draft renamed = kept.withMarkdown(keys);
            if (Objects.equals(kept.baseNumber(), latest.number())
                || sameContent(latest, renamed)) {
              draft = renamed;
            }
          }
          Procedures split =
              draft == kept ? checked : markdown.splitter().split(keys, draft.title());
          // A text that is already the latest (the same form sent again) conflicts with nothing.
          // From an older revision, a language other than the manual's is a change too: saved
          // silently, it undid the language someone set since.
          if ((draft.baseNumber() == null || draft.baseNumber() != latest.number())
              && (!sameContent(latest, draft) || !draft.language().equals(manual.language()))) {
            throw new EditConflict(latest, draft);
          }
          if (sameContent(latest, draft) && draft.language().equals(manual.language())) {
            if (draft.publish() && !Objects.equals(manual.publishedRevisionId(), latest.id())) {
              publishInside(
                  tx, workspace, manual.id(), manual.slug(), latest, split, draft.minor(), actor);
            }
            alsoSaved.saved(tx, latest);
            return new Saved(manuals.lock(tx, manual.id()), latest, false);
          }
          Revision revision =
              manuals.insertRevision(
                  tx, manual.id(), latest.number() + 1, draft, split.sections().size(), authorId);
          onSave.forEach(listener -> listener.saved(tx, workspace.id(), revision));
          manuals.pointLatest(tx, manual.id(), revision.id(), draft.language());
          audit.record(
              tx,
              actor.accountId(),
              workspace.id(),
              "manual.save",
              slug,
              "revision " + revision.number());
          if (draft.publish()) {
            publishInside(
                tx, workspace, manual.id(), manual.slug(), revision, split, draft.minor(), actor);
          }
          alsoSaved.saved(tx, revision);
          return new Saved(manuals.lock(tx, manual.id()), revision, true);
        });
  }

  /** Publishes the latest revision; {@code number} must still be the latest. */
  public Revision publish(
      Workspace workspace, String slug, int number, boolean minor, Actor actor) {
    Manual found = require(workspace, slug);
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          Manual manual = manuals.lock(tx, found.id());
          requireNotDeleted(manual, workspace);
          Revision latest = manuals.revisionById(tx, manual.latestRevisionId()).orElseThrow();
          if (number < 1 || number > latest.number()) {
            throw Refusal.notFound("No revision " + number);
          }
          if (latest.number() != number) {
            throw new EditConflict(latest, asDraft(latest, number, false));
          }
          if (!Objects.equals(manual.publishedRevisionId(), latest.id())) {
            Procedures split = markdown.splitter().split(latest.markdown(), latest.title());
            publishInside(tx, workspace, manual.id(), manual.slug(), latest, split, minor, actor);
          }
          return latest;
        });
  }

  /** Restoring copies an old revision into a new one; history is never rewritten. */
  public Saved restore(
      Workspace workspace, String slug, int number, int baseNumber, boolean publish, Actor actor) {
    Manual manual = require(workspace, slug);
    Revision old =
        manuals
            .revisionByNumber(db, manual.id(), number)
            .orElseThrow(() -> Refusal.notFound("No revision " + number));
    Draft draft =
        new Draft(
            old.title(),
            manual.language(),
            old.tags(),
            old.description(),
            old.markdown(),
            baseNumber,
            "Restored revision " + number,
            false,
            publish);
    return save(workspace, slug, draft, actor);
  }

  /** Whether the workspace has a manual at this address (deleted ones aside). */
  public boolean exists(Workspace workspace, String slug) {
    return find(workspace, slug).isPresent();
  }

  /**
   * A manual deleted between the lookup and the lock: nothing is written into it, and the refusal
   * is the one a manual deleted before answers (its error page shows the text sent, to copy).
   */
  private static void requireNotDeleted(Manual manual, Workspace workspace) {
    if (manual.isDeleted()) {
      throw Refusal.notFound("No manual " + manual.slug() + " in " + workspace.slug());
    }
  }

  public Manual require(Workspace workspace, String slug) {
    return find(workspace, slug)
        .orElseThrow(() -> Refusal.notFound("No manual " + slug + " in " + workspace.slug()));
  }

  private Optional<Manual> find(Workspace workspace, String slug) {
    return manuals.bySlug(db, workspace.id(), slug).filter(manual -> !manual.isDeleted());
  }

  /**
   * What {@code role} may read: editors any revision (the latest by default), everybody else only
   * the published one. A manual never published does not exist for readers.
   */
  public ManualView view(Workspace workspace, String slug, Role role, Integer number) {
    Manual manual = require(workspace, slug);
    // Readers never see a manual that is not published, or archived.
    if (!role.canEdit() && (!manual.isPublished() || manual.isArchived())) {
      // Word for word what a manual that does not exist answers.
      throw Refusal.notFound("No manual " + slug + " in " + workspace.slug());
    }
    // One round trip for both; readers see the published revision only, so the latest one
    // (an editor's draft) is not even read for them.
    Set<Long> wanted = new HashSet<>();
    if (manual.isPublished()) {
      wanted.add(manual.publishedRevisionId());
    }
    if (role.canEdit()) {
      wanted.add(manual.latestRevisionId());
    }
    Map<Long, Revision> revisions = manuals.revisionsById(db, wanted);
    Revision published = manual.isPublished() ? revisions.get(manual.publishedRevisionId()) : null;
    Revision latest = role.canEdit() ? revisions.get(manual.latestRevisionId()) : published;
    Revision shown;
    if (number != null) {
      boolean allowed = role.canEdit() || (published != null && published.number() == number);
      shown = allowed ? manuals.revisionByNumber(db, manual.id(), number).orElse(null) : null;
      if (shown == null) {
        throw Refusal.notFound("No revision " + number);
      }
    } else {
      shown = role.canEdit() ? latest : published;
    }
    Rendered page = render(manual, shown);
    return new ManualView(
        workspace,
        manual,
        shown,
        page.html(),
        page.procedures().sections(),
        latest.number(),
        published == null ? null : published.number());
  }

  /** A published revision of a manual as a share link shows it, rendered. */
  public record Shared(
      Manual manual,
      Revision revision,
      String introduction,
      String introductionHtml,
      List<Section> procedures) {
    /** The procedures whose keys are in {@code keys}, or all of them when {@code keys} is empty. */
    public List<Section> only(Set<String> keys) {
      return keys.isEmpty()
          ? procedures
          : procedures.stream().filter(p -> keys.contains(p.key())).toList();
    }
  }

  /**
   * The revision a share link shows: {@code pinnedRevisionId} when set, else the one published now.
   * Empty when the manual is gone or has nothing published.
   */
  public Optional<Shared> shared(long manualId, Long pinnedRevisionId) {
    // An archived or deleted manual is no longer shown to candidates either.
    var manual = manuals.byId(db, manualId).filter(m -> !m.isArchived() && !m.isDeleted());
    if (manual.isEmpty()) {
      return Optional.empty();
    }
    Long revisionId =
        pinnedRevisionId != null ? pinnedRevisionId : manual.get().publishedRevisionId();
    if (revisionId == null) {
      return Optional.empty();
    }
    Revision revision = manuals.revisionById(db, revisionId).orElseThrow();
    Procedures split = render(manual.get(), revision).procedures();
    return Optional.of(
        new Shared(
            manual.get(),
            revision,
            split.introduction(),
            split.introduction().isBlank() ? "" : markdown.render(split.introduction()),
            split.sections()));
  }

  /** One procedure's Markdown rendered and sanitised on its own (share links show a subset). */
  public String renderSection(Section section) {
    return markdown.render(section.markdown());
  }

  public Revision revision(Manual manual, int number) {
    return manuals
        .revisionByNumber(db, manual.id(), number)
        .orElseThrow(() -> Refusal.notFound("No revision " + number));
  }

  public Revision latest(Manual manual) {
    return manuals.revisionById(db, manual.latestRevisionId()).orElseThrow();
  }

  /** The revision readers see, or the latest when none was ever published. */
  public Revision publishedOrLatest(Manual manual) {
    Long id =
        manual.publishedRevisionId() != null
            ? manual.publishedRevisionId()
            : manual.latestRevisionId();
    return manuals.revisionById(db, id).orElseThrow();
  }

  public List<RevisionSummary> history(Manual manual) {
    return manuals.history(db, manual.id());
  }

  public List<ManualSummary> list(Workspace workspace, Role role) {
    return manuals.inWorkspace(db, workspace.id(), role.canEdit());
  }

  /** Renders unsaved text for the editor's preview, with the same rules as a saved revision. */
  public String preview(String typed) {
    String text = LineEnds.unix(typed);
    if (text.getBytes(StandardCharsets.UTF_8).length > maxMarkdownBytes) {
      throw tooLarge();
    }
    checkShape(text);
    return markdown.render(text);
  }

  /** Shapes of text that no parser should be given (see {@link TextChecks}). */
  private static void checkShape(String text) {
    TextChecks.problem(text)
        .ifPresent(
            problem -> {
              throw Refusal.invalid("markdown", problem);
            });
  }

  private Refusal.TooLarge tooLarge() {
    return Refusal.contentTooLarge(
        "The manual is larger than the limit of %s.".formatted(Sizes.human(maxMarkdownBytes)));
  }

  public int maxMarkdownBytes() {
    return maxMarkdownBytes;
  }

  record Rendered(String html, Procedures procedures) {}

  /** A revision belongs to one manual, so its rendering can be cached by revision alone. */
  private Rendered render(Manual manual, Revision revision) {
    return rendered.get(
        revision.id(),
        id ->
            new Rendered(
                markdown.render(revision.markdown(), importedFrom(manual)),
                markdown.splitter().split(revision.markdown(), revision.title())));
  }

  private MarkdownRenderer.ImportedFrom importedFrom(Manual manual) {
    return manual.sourcePath() == null
        ? null
        : new MarkdownRenderer.ImportedFrom(
            manuals.workspaceSlug(db, manual.workspaceId()), manual.sourcePath());
  }

  /** The manual imported from {@code sourcePath}, for links between imported files. */
  public Optional<Manual> importedFrom(Workspace workspace, String sourcePath) {
    return manuals.bySourcePath(db, workspace.id(), sourcePath).filter(m -> !m.isDeleted());
  }

  /** Refuses a draft that could not be saved, without saving anything (import previews). */
  /** Enough for any real classification; more is a paste gone wrong or an attack. */
  public static final int MAX_TAGS = 30;

  public static final int MAX_TAG_LENGTH = 50;

  public void check(Draft draft) {
    validate(draft);
  }

  private Procedures validate(Draft draft) {
    if (draft.title() == null || draft.title().isBlank()) {
      throw Refusal.invalid("title", "The title is empty.");
    }
    if (draft.title().length() > MAX_TITLE_LENGTH) {
      throw Refusal.invalid(
          "title", "The title is longer than " + MAX_TITLE_LENGTH + " characters.");
    }
    // No language (a save that leaves it out) keeps the manual's.
    if (draft.language() != null
        && !"fr".equals(draft.language())
        && !"en".equals(draft.language())) {
      throw Refusal.invalid("language", "The language must be fr or en.");
    }
    if (draft.tags() != null && draft.tags().size() > MAX_TAGS) {
      throw Refusal.invalid("tags", "A manual has at most " + MAX_TAGS + " tags.");
    }
    if (draft.tags() != null && draft.tags().stream().anyMatch(t -> t.length() > MAX_TAG_LENGTH)) {
      throw Refusal.invalid("tags", "A tag has at most " + MAX_TAG_LENGTH + " characters.");
    }
    if (draft.markdown().getBytes(StandardCharsets.UTF_8).length > maxMarkdownBytes) {
      throw tooLarge();
    }
    checkShape(draft.markdown());
    if (draft.markdown().indexOf('\0') >= 0) {
      throw Refusal.invalid("markdown", "The text contains binary data, not Markdown.");
    }
    try {
      return markdown.splitter().split(draft.markdown(), draft.title());
    } catch (DuplicateProcedureKey e) {
      throw Refusal.invalid("markdown", e.getMessage());
    }
  }

  /**
   * Points the manual at {@code revision} and records a procedure version for each section whose
   * normalised content changed since that procedure's newest version.
   */
  private void publishInside(
      DSLContext tx,
      Workspace workspace,
      long manualId,
      String manualSlug,
      Revision revision,
      Procedures split,
      boolean minor,
      Actor actor) {
    Map<String, String> rekeyed = keepWholeDocumentProcedure(tx, manualId, split);
    manuals.pointPublished(tx, manualId, revision.id());
    manuals.insertPublication(tx, manualId, revision.id(), minor, actor.accountId());
    Map<String, ProcedureRepository.Known> known = procedures.latestByKey(tx, manualId);
    List<Long> present = new ArrayList<>();
    int position = 0;
    for (Section section : split.sections()) {
      ProcedureRepository.Known existing = known.get(section.key());
      String hash = section.contentHash();
      long procedureId =
          existing == null
              ? procedures.insertProcedure(tx, manualId, section.key(), position)
              : existing.id();
      long versionId;
      if (existing == null
          || existing.latestVersionId() == null
          || !hash.equals(existing.latestHash())) {
        int number = existing == null ? 1 : existing.latestNumber() + 1;
        // A first version is never minor: nobody has read it yet.
        versionId =
            procedures.insertVersion(
                tx,
                procedureId,
                number,
                revision.id(),
                section.title(),
                section.markdown(),
                hash,
                minor && number > 1);
      } else {
        versionId = existing.latestVersionId();
      }
      procedures.pointCurrent(tx, procedureId, versionId, position++);
      present.add(procedureId);
    }
    procedures.retireOthers(tx, manualId, present);
    Published published =
        new Published(workspace, manualId, manualSlug, revision, minor, actor, rekeyed);
    onPublish.forEach(listener -> listener.published(tx, published));
  }

  /**
   * A manual with no {@code ##} heading is one procedure, whose key comes from the manual's title:
   * renamed, the manual made it another procedure, and its acknowledgements, questions, runs and
   * schedules stayed with one retired at once. When such a manual had one procedure and still has
   * one, that procedure takes the new key (and, the title being part of its text, a new version).
   *
   * @return the key changed, old to new; empty when none was
   */
  private Map<String, String> keepWholeDocumentProcedure(
      DSLContext tx, long manualId, Procedures split) {
    if (!split.wholeDocument()) {
      return Map.of();
    }
    String key = split.sections().get(0).key();
    List<String> current = procedures.currentKeys(tx, manualId);
    if (current.size() != 1
        || current.get(0).equals(key)
        || procedures.latestByKey(tx, manualId).containsKey(key)) {
      return Map.of();
    }
    procedures.rekey(tx, manualId, current.get(0), key);
    return Map.of(current.get(0), key);
  }

  private String uniqueSlug(DSLContext tx, long workspaceId, String title) {
    String base = Slugs.slug(title);
    if (base.isEmpty()) {
      base = "manual";
    }
    String slug = base;
    for (int n = 2; manuals.slugTaken(tx, workspaceId, slug); n++) {
      slug = base + "-" + n;
    }
    return slug;
  }

  private static boolean sameContent(Revision latest, Draft draft) {
    return sameText(latest.markdown(), draft.markdown())
        && latest.title().equals(draft.title())
        && latest.tags().equals(draft.tags())
        && latest.description().equals(draft.description() == null ? "" : draft.description());
  }

  /**
   * Whether two texts are the same Markdown: white space after the last line means nothing, and a
   * text sent again with a final line end (an export imported back) is not a new revision.
   */
  static boolean sameText(String a, String b) {
    return a.stripTrailing().equals(b.stripTrailing());
  }

  private static Draft asDraft(Revision revision, int base, boolean publish) {
    return new Draft(
        revision.title(),
        "fr",
        revision.tags(),
        revision.description(),
        revision.markdown(),
        base,
        "",
        false,
        publish);
  }
}
