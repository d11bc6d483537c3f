package org.smartkampung.radius.dac;

import java.time.Duration;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.LimitMath;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.Session;
import org.smartkampung.radius.auth.AuthDecision;
import org.smartkampung.radius.auth.AuthFacts;
import org.smartkampung.radius.auth.Authorization;
import org.smartkampung.radius.auth.CredentialOutcome;
import org.smartkampung.radius.auth.SessionClass;

/**
 * The limits a running session gets after an admin changed quotas: the same {@link
 * Authorization#decide} as an Access-Accept over the session's {@link EffectiveLimits} (voucher
 * included), then restated from the session's start, as a NAS counts Session-Timeout and octet
 * limits. Pure; tests call it without a network.
 */
public final class RunningLimits {

  private RunningLimits() {}

  /** As {@link #decide(Session, EffectiveLimits, Usage)} with the limits of {@code facts}. */
  public static AuthDecision decide(
      Session session, AuthFacts facts, QuotaPolicy policy, Usage usage) {
    return decide(session, Authorization.limitsOf(facts, policy), usage);
  }

  /**
   * A reject means the session should end now (quota or voucher spent, voucher expired, or outside
   * the new opening hours); an accept carries the session's limits counted from its start.
   *
   * @param limits the limits just edited, worked out now (not another process's cached copy)
   * @param usage the ledger's counters now; its device count is not used: the session's own device
   *     is online already, and a lowered device limit applies to the next login
   */
  public static AuthDecision decide(Session session, EffectiveLimits limits, Usage usage) {
    AuthDecision decision =
        Authorization.decide(
            CredentialOutcome.VALID,
            limits,
            usage,
            new SessionClass(session.villageId(), session.userId()).encode(),
            false);
    if (!(decision instanceof AuthDecision.Accept accept)) {
      return decision;
    }
    // The counters include this session up to its last accounting record, so that is where the
    // remaining time and bytes start from.
    long elapsedSeconds =
        Math.max(0, Duration.between(session.startedAt(), session.updatedAt()).toSeconds());
    long sessionBytes = LimitMath.plus(session.inBytes(), session.outBytes());
    return new AuthDecision.Accept(
        Math.min(
            limits.sessionTimeoutSeconds(),
            LimitMath.plus(elapsedSeconds, accept.sessionTimeoutSeconds())),
        accept.idleTimeoutSeconds(),
        accept.interimIntervalSeconds(),
        LimitMath.plus(sessionBytes, accept.bytesRemaining()),
        accept.downBitsPerSecond(),
        accept.upBitsPerSecond(),
        accept.sessionClass());
  }
}
