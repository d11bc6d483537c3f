package org.smartkampung.gateway.client;

import java.time.Instant;
import org.smartkampung.gateway.radius.AccessReply;

/**
 * One authenticated client as the gateway sees it. Byte totals are cumulative for the session:
 * {@code base*} is what was counted before the current nft elements existed (after a restart), the
 * nft counters add to it.
 *
 * @param ip client IPv4 address
 * @param mac client MAC, lowercase with colons; empty when unknown
 * @param username the User-Name that logged in
 * @param acctSessionId Acct-Session-Id of this session
 * @param limits the Access-Accept's limits
 * @param startedAt when the session started
 * @param baseUpBytes bytes sent before the current counters
 * @param baseDownBytes bytes received before the current counters
 * @param upBytes bytes the client sent in this session
 * @param downBytes bytes the client received in this session
 * @param lastActivityAt when the counters last moved
 * @param lastInterimAt when the last Start or Interim-Update was sent
 */
public record ClientSession(
    String ip,
    String mac,
    String username,
    String acctSessionId,
    AccessReply limits,
    Instant startedAt,
    long baseUpBytes,
    long baseDownBytes,
    long upBytes,
    long downBytes,
    Instant lastActivityAt,
    Instant lastInterimAt) {

  /** This session with the totals from fresh counter readings. */
  ClientSession counted(long counterUp, long counterDown, Instant now) {
    long up = baseUpBytes + counterUp;
    long down = baseDownBytes + counterDown;
    boolean moved = up != upBytes || down != downBytes;
    return new ClientSession(
        ip,
        mac,
        username,
        acctSessionId,
        limits,
        startedAt,
        baseUpBytes,
        baseDownBytes,
        up,
        down,
        moved ? now : lastActivityAt,
        lastInterimAt);
  }

  /**
   * This session with the limits the kernel enforced counted as used up: {@code total}, {@code up}
   * or {@code down} for the quotas that are spent.
   */
  ClientSession spent(boolean total, boolean up, boolean down) {
    long upTotal = up && limits.maxUpBytes() > 0 ? Math.max(upBytes, limits.maxUpBytes()) : upBytes;
    long downTotal =
        down && limits.maxDownBytes() > 0 ? Math.max(downBytes, limits.maxDownBytes()) : downBytes;
    if (total && limits.maxTotalBytes() > upTotal + downTotal) {
      downTotal = limits.maxTotalBytes() - upTotal;
    }
    return new ClientSession(
        ip,
        mac,
        username,
        acctSessionId,
        limits,
        startedAt,
        baseUpBytes + upTotal - upBytes,
        baseDownBytes + downTotal - downBytes,
        upTotal,
        downTotal,
        lastActivityAt,
        lastInterimAt);
  }

  ClientSession interimSent(Instant now) {
    return new ClientSession(
        ip,
        mac,
        username,
        acctSessionId,
        limits,
        startedAt,
        baseUpBytes,
        baseDownBytes,
        upBytes,
        downBytes,
        lastActivityAt,
        now);
  }

  /** Same session with new limits (from a CoA-Request). */
  ClientSession withLimits(AccessReply newLimits) {
    return new ClientSession(
        ip,
        mac,
        username,
        acctSessionId,
        newLimits,
        startedAt,
        baseUpBytes,
        baseDownBytes,
        upBytes,
        downBytes,
        lastActivityAt,
        lastInterimAt);
  }

  /** Same session restarted on fresh nft counters (they start at 0 again). */
  ClientSession rebased() {
    return new ClientSession(
        ip,
        mac,
        username,
        acctSessionId,
        limits,
        startedAt,
        upBytes,
        downBytes,
        upBytes,
        downBytes,
        lastActivityAt,
        lastInterimAt);
  }
}
