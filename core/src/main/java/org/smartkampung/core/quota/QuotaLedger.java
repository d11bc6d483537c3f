package org.smartkampung.core.quota;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The low-latency counter path that enforces what each village bought. Counts bytes and seconds per
 * villager per day and per village per day and month, in the village's time zone, and tracks which
 * devices of a villager are online. Also counts each village's bytes per local hour, kept {@link
 * #HOURLY_RETENTION_DAYS} days, for the usage chart and the budget report.
 *
 * <p>Every method is safe to call from many threads and returns within the store's configured
 * timeout; failures come back as {@link QuotaResult.StoreUnavailable}, never as a hang.
 */
public interface QuotaLedger extends AutoCloseable {

  /**
   * Adds a delta to the session's user and village counters.
   *
   * @param deltaInBytes bytes the villager received (downloaded) since the previous charge
   * @param deltaOutBytes bytes the villager sent (uploaded) since the previous charge
   * @param deltaSeconds seconds online since the previous charge
   * @return usage after the charge
   */
  QuotaResult charge(SessionKey session, long deltaInBytes, long deltaOutBytes, long deltaSeconds);

  /**
   * Records the cumulative counters an accounting record carries and charges only what is new since
   * the previous record of the same session, atomically. A repeated record charges nothing;
   * counters lower than the previous record (NAS reboot) charge the new values as counted from
   * zero, never a negative or wrapped amount.
   *
   * @param totalInBytes cumulative bytes received in this session (with Gigawords applied)
   * @param totalOutBytes cumulative bytes sent in this session
   * @param totalSeconds cumulative session time
   */
  QuotaResult account(SessionKey session, long totalInBytes, long totalOutBytes, long totalSeconds);

  /**
   * As {@link #account}, completing (never exceptionally) once the charge is durable. A store that
   * can pipeline sends it with other callers' operations; this default runs it now.
   */
  default CompletableFuture<QuotaResult> accountAsync(
      SessionKey session, long totalInBytes, long totalOutBytes, long totalSeconds) {
    return CompletableFuture.completedFuture(
        account(session, totalInBytes, totalOutBytes, totalSeconds));
  }

  /**
   * As {@link #sessionStarted}, completing (never exceptionally) once recorded. Operations on the
   * same ledger queued from one thread take effect in the order queued.
   */
  default CompletableFuture<QuotaResult> sessionStartedAsync(SessionKey session) {
    return CompletableFuture.completedFuture(sessionStarted(session));
  }

  /**
   * Answers what remains for the villager and the village before a session starts. Device counting
   * treats {@code deviceId} as already online when it is (re-login of the same device).
   */
  QuotaResult check(String villageId, String userId, String deviceId);

  /** Marks the session's device online for its villager (counts toward max devices). */
  QuotaResult sessionStarted(SessionKey session);

  /** Marks the session's device offline and forgets the session's last counters. */
  QuotaResult sessionEnded(SessionKey session);

  /**
   * Whether the villager or the village is known to be exhausted, answered from the near-cache
   * without a network hop where possible. May be stale by at most the configured bound.
   */
  boolean isExhausted(String villageId, String userId);

  /** Days the hourly village counters are kept after their hour. */
  int HOURLY_RETENTION_DAYS = 8;

  /**
   * A villager's all-time totals ({@link Usage#userTotalBytes}) are kept this long after their last
   * use; longer than any voucher is valid, which is what they are for.
   */
  int TOTAL_RETENTION_DAYS = 90;

  /**
   * Bytes (received plus sent) the whole village used in each hour on its local clock, as charged
   * by {@link #charge} and {@link #account} at the time they ran.
   *
   * @param fromHour the first hour, local time in the village's time zone (minutes and below are
   *     ignored)
   * @param hours how many consecutive hours, 1 to {@code HOURLY_RETENTION_DAYS * 24}
   * @return every hour from {@code fromHour} in order, 0 for hours without use or no longer kept
   * @throws StoreUnavailableException when the store does not answer
   */
  Map<LocalDateTime, Long> hourlyBytes(String villageId, LocalDateTime fromHour, int hours);

  /** Flushes anything held in memory (embedded snapshots) and releases connections. */
  @Override
  void close();
}
