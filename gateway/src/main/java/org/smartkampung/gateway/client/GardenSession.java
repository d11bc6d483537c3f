package org.smartkampung.gateway.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.smartkampung.core.gateway.GardenAccounting;
import org.smartkampung.gateway.radius.AccountingRecord;
import org.smartkampung.gateway.radius.AccountingRecord.Status;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;

/**
 * The walled garden's traffic before login, reported to RADIUS as the accounting of one
 * pseudo-session per gateway run: User-Name {@value #USERNAME}, no MAC, Framed-IP-Address {@value
 * #ADDRESS}. The server charges it to the gateway's village like any session of this hotspot (the
 * village pays for what its Wi-Fi delivered), and to no villager. The counters are the kernel's
 * since the gateway started, cumulative, so a lost or repeated record charges nothing twice. Start
 * with the first garden byte; an Interim-Update at each poll that saw the counters move, and at
 * least every {@link #HEARTBEAT} so the server never takes the session for lost; Stop when the
 * gateway stops. Owned by the client table's poll (under its poll lock).
 */
final class GardenSession {

  /** The User-Name of the garden's pseudo-session. */
  static final String USERNAME = GardenAccounting.USERNAME;

  /** Acct-Session-Ids of garden pseudo-sessions start with this. */
  static final String SESSION_PREFIX = GardenAccounting.SESSION_PREFIX;

  /** Framed-IP-Address of the pseudo-session: it stands for every unauthenticated client. */
  static final String ADDRESS = "0.0.0.0";

  /** The longest silence between two records of a garden session that has started. */
  static final Duration HEARTBEAT = Duration.ofSeconds(60);

  private final String acctSessionId;
  private final Instant startedAt;
  private boolean started;
  private long upBytes;
  private long downBytes;
  private Instant lastSentAt;

  GardenSession(Instant startedAt) {
    this.startedAt = startedAt;
    this.acctSessionId = SESSION_PREFIX + Long.toHexString(startedAt.toEpochMilli());
    this.lastSentAt = startedAt;
  }

  /** Whether an Acct-Session-Id is a garden pseudo-session's. */
  static boolean isGarden(String acctSessionId) {
    return acctSessionId.startsWith(SESSION_PREFIX);
  }

  /**
   * The records these counters call for, in order: a Start and an Interim-Update for the first
   * bytes, then an Interim-Update when they moved or the heartbeat is due.
   *
   * @param up bytes unauthenticated clients sent to the garden since the start
   * @param down bytes they received from it (delivered, after the shaper) since the start
   */
  List<AccountingRecord> counted(long up, long down, Instant now) {
    boolean moved = up > upBytes || down > downBytes;
    upBytes = Math.max(upBytes, up);
    downBytes = Math.max(downBytes, down);
    if (!started) {
      if (!moved) {
        return List.of();
      }
      started = true;
      lastSentAt = now;
      // A Start carries no counters: the Interim-Update with them follows at once.
      return List.of(record(Status.START, null, now), record(Status.INTERIM_UPDATE, null, now));
    }
    if (!moved && Duration.between(lastSentAt, now).compareTo(HEARTBEAT) < 0) {
      return List.of();
    }
    lastSentAt = now;
    return List.of(record(Status.INTERIM_UPDATE, null, now));
  }

  /** Bytes of the garden both ways since the start, as last counted. */
  long totalBytes() {
    return upBytes + downBytes;
  }

  /** The Stop when the gateway stops; empty when the session never started. */
  Optional<AccountingRecord> stop(Instant now) {
    if (!started) {
      return Optional.empty();
    }
    started = false;
    return Optional.of(record(Status.STOP, TerminateCause.NAS_REQUEST, now));
  }

  /** The Stop of a garden session an earlier run left open (it crashed), with its last counters. */
  static AccountingRecord leftOver(
      String acctSessionId, Instant startedAt, long upBytes, long downBytes, Instant now) {
    return new AccountingRecord(
        Status.STOP,
        USERNAME,
        acctSessionId,
        ADDRESS,
        "",
        new byte[0],
        Duration.between(startedAt, now).toSeconds(),
        upBytes,
        downBytes,
        TerminateCause.NAS_REBOOT,
        now.getEpochSecond());
  }

  private AccountingRecord record(Status status, TerminateCause cause, Instant now) {
    return new AccountingRecord(
        status,
        USERNAME,
        acctSessionId,
        ADDRESS,
        "",
        new byte[0],
        Duration.between(startedAt, now).toSeconds(),
        upBytes,
        downBytes,
        cause,
        now.getEpochSecond());
  }
}
