package vademecum.search;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.audit.AuditLog;
import vademecum.db.WorkspaceLocks;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;
import vademecum.manual.WorkspaceSettings;

/**
 * Each workspace's synonyms: owners and editors edit the text; searches read it (one query for the
 * reader's workspaces) and widen the words with it over the built-in list.
 */
public final class SynonymLists implements WorkspaceSettings {
  private static final Logger log = LoggerFactory.getLogger(SynonymLists.class);

  private final DSLContext db;
  private final SynonymRepository lists;
  private final AuditLog audit;

  public SynonymLists(DSLContext db, SynonymRepository lists, AuditLog audit) {
    this.db = db;
    this.lists = lists;
    this.audit = audit;
  }

  /** The workspace's own list, as written (empty when it has none). */
  public String text(Workspace workspace, Role role) {
    requireEditor(role);
    return lists.text(db, workspace.id()).orElse("");
  }

  /** Someone saved the list since the form was opened: {@code current} is their list. */
  public static final class Conflict extends RuntimeException {
    public final String current;

    Conflict(String current) {
      super("Someone else saved this list since you opened it.");
      this.current = current;
    }
  }

  /** What a form sends back to say which list it started from (the list's own text, hashed). */
  public static String base(String text) {
    return Secrets.hash(text == null ? "" : text.replace("\r\n", "\n"));
  }

  /**
   * Replaces the workspace's list; refused, naming the line, when a line cannot be read.
   *
   * @return how many entries the list gives
   */
  public int save(Workspace workspace, Role role, Actor actor, String text) {
    return save(workspace, role, actor, text, null);
  }

  /**
   * Replaces the workspace's list if it is still the one the form started from ({@code base}, see
   * {@link #base}; null replaces whatever it is): two editors saving one after the other get a
   * conflict, not the second list silently over the first.
   */
  public int save(Workspace workspace, Role role, Actor actor, String text, String base) {
    requireEditor(role);
    String lines = text == null ? "" : text.replace("\r\n", "\n");
    // A byte order mark (an archive's synonyms.txt saved by Notepad) is not part of an entry.
    String clean = lines.startsWith("\uFEFF") ? lines.substring(1) : lines;
    if (clean.indexOf('\0') >= 0) {
      throw Refusal.invalid("synonyms", "The list contains binary data, not text.");
    }
    int entries = Synonyms.parse(clean, "synonyms.txt").entries().size();
    db.transaction(
        configuration -> {
          if (base != null) {
            // A first list has no row to lock: the save itself takes turns.
            WorkspaceLocks.hold(configuration.dsl(), WorkspaceLocks.SYNONYMS, workspace.id());
            String current = lists.textForUpdate(configuration.dsl(), workspace.id()).orElse("");
            if (!base(current).equals(base)) {
              throw new Conflict(current);
            }
          }
          lists.save(configuration.dsl(), workspace.id(), clean, actor.accountId());
          audit.record(
              configuration.dsl(),
              actor.accountId(),
              workspace.id(),
              "search.synonyms",
              workspace.slug(),
              entries + " entries");
        });
    return entries;
  }

  @Override
  public Optional<String> synonyms(Workspace workspace) {
    return lists.text(db, workspace.id()).filter(text -> !text.isBlank());
  }

  @Override
  public void checkSynonyms(String text) {
    Synonyms.parse(text.replace("\r\n", "\n"), WorkspaceSettings.SYNONYMS);
  }

  @Override
  public String synonymsBase(Workspace workspace) {
    return base(lists.text(db, workspace.id()).orElse(""));
  }

  /** An import is made by an owner or editor (its route says so). */
  @Override
  public boolean importSynonyms(Workspace workspace, Actor actor, String text, String base) {
    try {
      save(workspace, Role.EDITOR, actor, text, base);
      return true;
    } catch (Conflict savedSince) {
      return false;
    }
  }

  /** The lists a search of these workspaces uses, for those that have one. */
  public Map<String, Synonyms> forSearch(Set<String> workspaces) {
    if (workspaces.isEmpty()) {
      return Map.of();
    }
    Map<String, Synonyms> lists = new HashMap<>();
    this.lists
        .texts(db, workspaces)
        .forEach((slug, text) -> lists.put(slug, forSearch(slug, text)));
    return lists;
  }

  /**
   * A stored list that today's rules refuse (saved before a limit existed, or restored from then)
   * gives its workspace the built-in list, said in the log: refused, it failed every search of
   * every member, in their other clients' workspaces too, with another client's error. Its editors
   * meet the error on the synonyms page, where it can be mended.
   */
  private static Synonyms forSearch(String slug, String text) {
    try {
      return Synonyms.forWorkspace(text);
    } catch (Refusal.Invalid e) {
      log.warn("Synonyms of {} not used until mended: {}", slug, e.getMessage());
      return Synonyms.builtIn();
    }
  }

  private static void requireEditor(Role role) {
    if (!role.canEdit()) {
      throw Refusal.forbidden("Owners and editors keep the workspace's synonyms.");
    }
  }
}
