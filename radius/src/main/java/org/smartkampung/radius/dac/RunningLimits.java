package org.smartkampung.radius.dac;

import java.time.Duration;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.Session;
import org.smartkampung.radius.auth.AuthDecision;
import org.smartkampung.radius.auth.AuthFacts;
import org.smartkampung.radius.auth.Authorization;

/**
 * The limits a running session gets after an admin changed quotas: the same {@link
 * Authorization#decide} as an Access-Accept, then restated from the session's start, as a NAS
 * counts Session-Timeout and octet limits. Pure; tests call it without a network.
 */
public final class RunningLimits {

  private RunningLimits() {}

  /**
   * A reject means the session should end now (quota spent, or outside the new opening hours); an
   * accept carries the session's limits counted from its start.
   *
   * @param usage the ledger's counters now; its limits and device count are not used (see below)
   */
  public static AuthDecision decide(
      Session session, AuthFacts facts, QuotaPolicy policy, Usage usage) {
    // The limits come from the policy and override just edited, not from the ledger's copy, which
    // another process may not have reloaded yet. The session's own device is online already, and a
    // lowered device limit applies to the next login rather than cutting a running session.
    Usage counters =
        new Usage(
            usage.userDayBytes(),
            usage.userDaySeconds(),
            usage.villageDayBytes(),
            usage.villageMonthBytes(),
            0,
            Limits.NONE);
    AuthDecision decision = Authorization.decide(facts, policy, counters);
    if (!(decision instanceof AuthDecision.Accept accept)) {
      return decision;
    }
    // The counters include this session up to its last accounting record, so that is where the
    // remaining time and bytes start from.
    long elapsedSeconds =
        Math.max(0, Duration.between(session.startedAt(), session.updatedAt()).toSeconds());
    long sessionBytes = session.inBytes() + session.outBytes();
    return new AuthDecision.Accept(
        Math.min(
            policy.sessionTimeoutSeconds(),
            saturatedSum(elapsedSeconds, accept.sessionTimeoutSeconds())),
        accept.idleTimeoutSeconds(),
        accept.interimIntervalSeconds(),
        accept.bytesRemaining() == Long.MAX_VALUE
            ? Long.MAX_VALUE
            : saturatedSum(sessionBytes, accept.bytesRemaining()),
        accept.downBitsPerSecond(),
        accept.upBitsPerSecond(),
        accept.sessionClass());
  }

  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
