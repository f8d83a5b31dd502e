package vademecum.account;

import java.time.OffsetDateTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What live bearer tokens grant (their account and memberships), kept between API requests: an
 * as-you-type search should not wait on a PostgreSQL round trip to learn who is asking. Everything
 * is forgotten at once whenever a token, an account, a membership or a workspace changes —
 * PostgreSQL's triggers notify every node after commit ({@link #CHANNEL}), and this node's own
 * changes forget synchronously, so a revoked token fails on its very next request here and within
 * milliseconds elsewhere. The cache answers only while those notifications are heard: a node that
 * cannot listen asks the database every time.
 */
public final class TokenCache {
  /** Notified by the triggers of migration V12. */
  public static final String CHANNEL = "vademecum_access";

  /** Tokens are few (one or two per integration); a flood of them only costs a clear. */
  static final int MAX_ENTRIES = 10_000;

  /** A token's grant as read at {@code generation}, and when it was last recorded as used. */
  record Entry(ApiTokenRepository.TokenHolder holder, OffsetDateTime lastUsed, long generation) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  // Bumped by every forgetting: an entry read from the database before a change but stored after
  // the change was forgotten carries the old generation, and is never answered.
  private final AtomicLong generation = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();
  private volatile BooleanSupplier heard = () -> false;

  /** Answers from the cache only while {@code heard} says the change notifications arrive. */
  public void trustWhile(BooleanSupplier heard) {
    this.heard = heard;
    forgetAll();
  }

  /** Every change to who may do what lands here: from this node directly, from others by NOTIFY. */
  public void forgetAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  /** How many authentications the cache answered (for tests and measurements). */
  public long hits() {
    return hits.get();
  }

  Entry get(String tokenHash) {
    if (!heard.getAsBoolean()) {
      return null;
    }
    Entry entry = entries.get(tokenHash);
    if (entry == null || entry.generation() != generation.get()) {
      return null;
    }
    hits.incrementAndGet();
    return entry;
  }

  /** The generation to pass to {@link #put} for a grant about to be read from the database. */
  long generation() {
    return generation.get();
  }

  void put(String tokenHash, Entry entry) {
    if (!heard.getAsBoolean() || entry.generation() != generation.get()) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(tokenHash, entry);
  }
}
