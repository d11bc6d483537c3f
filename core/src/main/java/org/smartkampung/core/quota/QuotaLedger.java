package org.smartkampung.core.quota;

import java.time.LocalDateTime;
import java.util.List;
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
   * Applies one accounting record of a session, atomically and idempotently ({@link
   * SessionCharge}): charges only what the session's absolute counters add to what was charged
   * before, so the same record, a late one or one retried at another server instance adds nothing.
   * A Start (or the first record of a session whose Start was lost) puts the device online; a Stop
   * closes the session, frees its device (the one recorded at its Start when the Stop names none)
   * and keeps its last counters as a closed record for at least {@link
   * #CLOSED_SESSION_RETENTION_HOURS} hours.
   *
   * @return usage after the record; for {@link QuotaResult.Ok} the effect is durable
   */
  QuotaResult record(SessionKey session, AccountingEvent event);

  /**
   * As {@link #record}, completing (never exceptionally) once the effect is durable. A store that
   * can pipeline sends it with other callers' operations; operations queued from one thread take
   * effect in the order queued.
   */
  default CompletableFuture<QuotaResult> recordAsync(SessionKey session, AccountingEvent event) {
    return CompletableFuture.completedFuture(record(session, event));
  }

  /**
   * Closes a session without charging anything (Accounting-On/Off, a session whose Stop never
   * came): its device is freed and a later record of it charges only a positive remainder. Closing
   * a closed or unknown session changes nothing.
   */
  QuotaResult close(SessionKey session);

  /**
   * Closes every session given, as {@link #close} does each, in as few round trips as the store
   * allows.
   *
   * @return completes with true once all are closed durably, false when the store failed
   */
  default CompletableFuture<Boolean> closeAll(List<SessionKey> sessions) {
    for (SessionKey session : sessions) {
      if (!(close(session) instanceof QuotaResult.Ok)) {
        return CompletableFuture.completedFuture(false);
      }
    }
    return CompletableFuture.completedFuture(true);
  }

  /**
   * Holds a device slot for a villager who was just accepted, so parallel logins cannot exceed the
   * device limit: the slot counts until the session's Start confirms it, or for {@link
   * #DEVICE_RESERVATION_SECONDS} when no Start comes.
   *
   * @return true when the device is online already or a slot was free and is now held; false when
   *     {@code maxDevices} other devices hold slots
   * @throws StoreUnavailableException when the store does not answer
   */
  boolean reserveDevice(String villageId, String userId, String deviceId, int maxDevices);

  /** As {@link #record} with an Interim-Update that was not delayed. */
  default QuotaResult account(
      SessionKey session, long totalInBytes, long totalOutBytes, long totalSeconds) {
    return record(session, AccountingEvent.interim(totalInBytes, totalOutBytes, totalSeconds));
  }

  /** As {@link #recordAsync} with an Interim-Update that was not delayed. */
  default CompletableFuture<QuotaResult> accountAsync(
      SessionKey session, long totalInBytes, long totalOutBytes, long totalSeconds) {
    return recordAsync(session, AccountingEvent.interim(totalInBytes, totalOutBytes, totalSeconds));
  }

  /**
   * Answers what remains for the villager and the village before a session starts. Device counting
   * treats {@code deviceId} as already online when it is (re-login of the same device).
   */
  QuotaResult check(String villageId, String userId, String deviceId);

  /** As {@link #record} with a Start: marks the session's device online for its villager. */
  default QuotaResult sessionStarted(SessionKey session) {
    return record(session, AccountingEvent.start());
  }

  /** As {@link #sessionStarted}, completing (never exceptionally) once recorded. */
  default CompletableFuture<QuotaResult> sessionStartedAsync(SessionKey session) {
    return recordAsync(session, AccountingEvent.start());
  }

  /** As {@link #close}: marks the session's device offline. */
  default QuotaResult sessionEnded(SessionKey session) {
    return close(session);
  }

  /**
   * Whether the villager or the village is known to be exhausted, answered from the near-cache
   * without a network hop where possible. May be stale by at most the configured bound.
   */
  boolean isExhausted(String villageId, String userId);

  /** A closed session's last counters are kept at least this long after its close. */
  int CLOSED_SESSION_RETENTION_HOURS = 48;

  /** How long a device slot held at Access-Accept waits for the session's Start. */
  int DEVICE_RESERVATION_SECONDS = 60;

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
