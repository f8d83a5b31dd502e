package vademecum.ack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import vademecum.kernel.ReadingProgress;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.manual.AckStatus;
import vademecum.manual.Changes;
import vademecum.manual.ProcedureStanding;
import vademecum.markdown.MarkdownRenderer;

/** Acknowledging procedures, the reader's inbox, and the client's dashboard. */
public final class AckService {
  private final DSLContext db;
  private final AckRepository acks;
  private final List<Acknowledged.Listener> listeners;
  private final Changes.Maker changes;

  public AckService(
      DSLContext db,
      AckRepository acks,
      MarkdownRenderer markdown,
      List<Acknowledged.Listener> listeners) {
    this.db = db;
    this.changes = new Changes.Maker(markdown);
    this.acks = acks;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Records that the account read and understood these procedure versions, in one transaction. A
   * version already acknowledged is not recorded twice.
   *
   * @return how many acknowledgements were new
   */
  public int acknowledge(long accountId, Long workspaceId, List<Long> versionIds) {
    Set<Long> wanted = new LinkedHashSet<>(versionIds);
    if (wanted.isEmpty()) {
      throw Refusal.badRequest("Choose at least one procedure to acknowledge.");
    }
    requireFew(wanted);
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          Map<Long, Long> allowed = acks.acknowledgeable(tx, accountId, workspaceId, wanted);
          if (allowed.size() != wanted.size()) {
            throw Refusal.notFound("There is no such procedure to acknowledge.");
          }
          // One event per workspace (the inbox confirms across them): each audit row goes to the
          // workspace whose procedures it names.
          Map<Long, List<Long>> byWorkspace = new LinkedHashMap<>();
          for (Long version : wanted) {
            byWorkspace.computeIfAbsent(allowed.get(version), w -> new ArrayList<>()).add(version);
          }
          int recorded = 0;
          for (var group : byWorkspace.entrySet()) {
            List<Long> inserted = acks.insert(tx, accountId, group.getValue());
            if (!inserted.isEmpty()) {
              var event = new Acknowledged(accountId, group.getKey(), group.getValue(), inserted);
              listeners.forEach(listener -> listener.acknowledged(tx, event));
            }
            recorded += inserted.size();
          }
          return recorded;
        });
  }

  /** At most this many procedure versions confirmed in one request. */
  static final int MAX_AT_ONCE = 10_000;

  /**
   * The versions go to PostgreSQL as one list, checked in one statement: a bound on the work one
   * request asks for, far above what a page of the inbox or a manual offers.
   */
  private static void requireFew(Set<Long> versions) {
    if (versions.size() > MAX_AT_ONCE) {
      throw Refusal.badRequest("At most " + MAX_AT_ONCE + " procedures can be confirmed at once.");
    }
  }

  /** The reader's standing on each procedure of one manual, by procedure key. */
  public Map<String, ProcedureStanding> standingsInManual(long accountId, long manualId) {
    Map<String, ProcedureStanding> byKey = new LinkedHashMap<>();
    acks.standingsInManual(db, accountId, manualId).forEach(s -> byKey.put(s.key(), s));
    return byKey;
  }

  /**
   * The reader opens a manual's published text: each procedure they still have to confirm is now
   * one they have seen, which the inbox's bulk confirmation requires. Returns their standings.
   */
  public Map<String, ProcedureStanding> openManual(long accountId, long manualId) {
    Map<String, ProcedureStanding> byKey = standingsInManual(accountId, manualId);
    // Written once per reader and version: a page seen again costs no write and no round trip.
    List<Long> firstSeen =
        byKey.values().stream()
            .filter(s -> s.status() != AckStatus.CURRENT && !s.opened())
            .map(ProcedureStanding::currentVersionId)
            .toList();
    acks.recordOpenings(db, accountId, firstSeen);
    return byKey;
  }

  /**
   * A procedure to (re)read, with what changed since the version the reader acknowledged, and
   * whether the reader has opened its current text (only those can be confirmed in bulk).
   */
  public record InboxItem(ProcedureStanding standing, Changes changes, boolean opened) {}

  /** Procedures never acknowledged, or changed (major) since, across the reader's workspaces. */
  public List<InboxItem> inbox(long accountId) {
    List<ProcedureStanding> toRead =
        acks.standings(db, accountId).stream()
            .filter(s -> s.status() != AckStatus.CURRENT)
            .toList();
    List<InboxItem> items = new ArrayList<>();
    for (ProcedureStanding standing : toRead) {
      boolean seen = standing.opened();
      if (standing.status() == AckStatus.NEVER) {
        items.add(new InboxItem(standing, null, seen));
      } else {
        String read = acks.versionMarkdown(db, standing.procedureId(), standing.ackedNumber());
        String now = acks.versionMarkdown(db, standing.procedureId(), standing.currentNumber());
        items.add(new InboxItem(standing, changes.between(read, now), seen));
      }
    }
    return items;
  }

  /**
   * The inbox's bulk confirmation: like {@link #acknowledge}, but only for versions whose text the
   * reader has opened, so that a list of titles is never confirmed unread.
   */
  public int acknowledgeOpened(long accountId, List<Long> versionIds) {
    requireFew(new LinkedHashSet<>(versionIds));
    if (!acks.opened(db, accountId, versionIds).containsAll(versionIds)) {
      throw Refusal.badRequest("Open a procedure and read it before confirming it from the inbox.");
    }
    return acknowledge(accountId, null, versionIds);
  }

  /**
   * For each workspace (by address) where the reader has procedures to confirm: how many are
   * confirmed in their current version, out of how many.
   */
  public Map<String, ReadingProgress> readingByWorkspace(long accountId) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (ProcedureStanding standing : acks.standings(db, accountId)) {
      int[] count = counts.computeIfAbsent(standing.workspaceSlug(), slug -> new int[2]);
      count[1]++;
      if (standing.status() == AckStatus.CURRENT) {
        count[0]++;
      }
    }
    Map<String, ReadingProgress> progress = new LinkedHashMap<>();
    counts.forEach((slug, count) -> progress.put(slug, new ReadingProgress(count[0], count[1])));
    return progress;
  }

  public Dashboard dashboard(Workspace workspace) {
    return Dashboard.of(acks.dashboard(db, workspace.id()));
  }

  public List<AckRecord> records(Workspace workspace, Long procedureId) {
    return acks.records(db, workspace.id(), procedureId);
  }

  public Long procedureId(long manualId, String key) {
    return acks.procedureId(db, manualId, key);
  }
}
