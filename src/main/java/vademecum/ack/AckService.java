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
import vademecum.manual.ProcedureStanding;
import vademecum.manual.TextDiff;

/** Acknowledging procedures, the reader's inbox, and the client's dashboard. */
public final class AckService {
  private final DSLContext db;
  private final AckRepository acks;
  private final List<Acknowledged.Listener> listeners;
  private final TextDiff textDiff = new TextDiff();

  public AckService(DSLContext db, AckRepository acks, List<Acknowledged.Listener> listeners) {
    this.db = db;
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
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          List<Long> allowed = acks.acknowledgeable(tx, accountId, wanted);
          if (allowed.size() != wanted.size()) {
            throw Refusal.notFound("There is no such procedure to acknowledge.");
          }
          List<Long> inserted = acks.insert(tx, accountId, allowed);
          if (!inserted.isEmpty()) {
            var event = new Acknowledged(accountId, workspaceId, allowed, inserted);
            listeners.forEach(listener -> listener.acknowledged(tx, event));
          }
          return inserted.size();
        });
  }

  /** The reader's standing on each procedure of one manual, by procedure key. */
  public Map<String, ProcedureStanding> standingsInManual(long accountId, long manualId) {
    Map<String, ProcedureStanding> byKey = new LinkedHashMap<>();
    acks.standingsInManual(db, accountId, manualId).forEach(s -> byKey.put(s.key(), s));
    return byKey;
  }

  /** A procedure to (re)read, with what changed since the version the reader acknowledged. */
  public record InboxItem(ProcedureStanding standing, TextDiff.Result changes) {}

  /** Procedures never acknowledged, or changed (major) since, across the reader's workspaces. */
  public List<InboxItem> inbox(long accountId) {
    List<InboxItem> items = new ArrayList<>();
    for (ProcedureStanding standing : acks.standings(db, accountId)) {
      switch (standing.status()) {
        case NEVER -> items.add(new InboxItem(standing, null));
        case OUTDATED -> {
          String read = acks.versionMarkdown(db, standing.procedureId(), standing.ackedNumber());
          String now = acks.versionMarkdown(db, standing.procedureId(), standing.currentNumber());
          items.add(new InboxItem(standing, textDiff.diff(read, now)));
        }
        case CURRENT -> {}
      }
    }
    return items;
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
