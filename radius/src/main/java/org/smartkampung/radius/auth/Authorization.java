package org.smartkampung.radius.auth;

import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.Usage;

/**
 * The authorize section as one pure function: from the request's credential outcome, the session's
 * {@link EffectiveLimits} and the ledger's counters to accept-with-limits or reject-with-reason. No
 * I/O, no clock; tests call it directly.
 *
 * <p>Order of checks: credentials, then {@link EffectiveLimits#refusal} (opening hours, village
 * quota, voucher expiry and allowance, user quota, devices). Each accepted limit is what {@link
 * EffectiveLimits#remaining} leaves: the smallest of the user's, the voucher's (over every day of
 * its validity, so its allowance holds once) and the village's, within the policy's caps.
 */
public final class Authorization {

  private Authorization() {}

  /**
   * Decides an Access-Request whose facts carry the policy inputs: its {@link EffectiveLimits} are
   * worked out here, once.
   *
   * @param usage the ledger's counters; may be null only when the credentials were not valid
   */
  public static AuthDecision decide(AuthFacts facts, QuotaPolicy policy, Usage usage) {
    return decide(facts.credential(), limitsOf(facts, policy), usage, sessionClass(facts), true);
  }

  /** The effective limits of a request's facts under {@code policy}. */
  public static EffectiveLimits limitsOf(AuthFacts facts, QuotaPolicy policy) {
    return EffectiveLimits.of(
        policy, facts.villagePackage(), facts.override(), facts.voucher(), facts.localTime());
  }

  /**
   * Decides a session's limits.
   *
   * @param usage the ledger's counters; may be null only when the credentials were not valid
   * @param countDevices whether the villager's devices online count against the device limit (not
   *     for a running session, whose own device is one of them)
   */
  public static AuthDecision decide(
      CredentialOutcome credential,
      EffectiveLimits limits,
      Usage usage,
      String sessionClass,
      boolean countDevices) {
    switch (credential) {
      case BAD_CREDENTIALS -> {
        return reject(RejectReason.BAD_CREDENTIALS, "");
      }
      case VOUCHER_USED -> {
        return reject(RejectReason.VOUCHER_USED, "");
      }
      case VOUCHER_EXPIRED -> {
        return reject(RejectReason.VOUCHER_EXPIRED, "");
      }
      case DEVICE_BLOCKED -> {
        return reject(RejectReason.DEVICE_BLOCKED, "");
      }
      case VALID -> {}
    }
    var refusal = limits.refusal(usage, countDevices);
    if (refusal.isPresent()) {
      return switch (refusal.get()) {
        case OUTSIDE_OPENING_HOURS ->
            reject(RejectReason.OUTSIDE_OPENING_HOURS, limits.openingHours().toString());
        case VILLAGE_QUOTA_SPENT -> reject(RejectReason.VILLAGE_QUOTA_SPENT, "");
        case VOUCHER_EXPIRED -> reject(RejectReason.VOUCHER_EXPIRED, "");
        case VOUCHER_SPENT -> reject(RejectReason.VOUCHER_SPENT, "");
        case USER_QUOTA_SPENT -> reject(RejectReason.USER_QUOTA_SPENT, "");
        case TOO_MANY_DEVICES -> reject(RejectReason.TOO_MANY_DEVICES, "");
      };
    }
    return new AuthDecision.Accept(
        limits.sessionTimeoutSeconds(usage),
        limits.idleTimeoutSeconds(),
        limits.interimIntervalSeconds(),
        limits.remaining(usage).bytes(),
        limits.downBitsPerSecond(),
        limits.upBitsPerSecond(),
        sessionClass);
  }

  /** The Class value of a request's session. */
  public static String sessionClass(AuthFacts facts) {
    return new SessionClass(facts.villageId(), facts.userId()).encode();
  }

  /** The refusal when every device slot is taken. */
  public static AuthDecision tooManyDevices() {
    return reject(RejectReason.TOO_MANY_DEVICES, "");
  }

  private static AuthDecision reject(RejectReason reason, String detail) {
    return new AuthDecision.Reject(reason, reason.message(detail));
  }
}
