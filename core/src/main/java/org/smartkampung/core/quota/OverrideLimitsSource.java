package org.smartkampung.core.quota;

import java.util.Objects;
import java.util.function.Function;
import org.smartkampung.core.subscriber.QuotaOverride;

/**
 * The village policy's limits with a subscriber's {@link QuotaOverride} laid over the user limits
 * (daily bytes, daily seconds, devices): an override field that is set replaces the policy's value,
 * larger or smaller. Village limits never change. The lookup is called on every {@link #limitsFor},
 * so it must be cheap (see {@link org.smartkampung.core.subscriber.OverrideCache}).
 */
public final class OverrideLimitsSource implements LimitsSource {

  private static final long BYTES_PER_MB = 1_000_000L;

  private final LimitsSource policy;
  private final Function<String, QuotaOverride> overrides;

  /**
   * @param policy the village policy's limits
   * @param overrides the override of a user id, null when there is none
   */
  public OverrideLimitsSource(LimitsSource policy, Function<String, QuotaOverride> overrides) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.overrides = Objects.requireNonNull(overrides, "overrides");
  }

  @Override
  public Limits limitsFor(String villageId, String userId) {
    Limits limits = policy.limitsFor(villageId, userId);
    QuotaOverride o = overrides.apply(userId);
    return o == null ? limits : apply(limits, o);
  }

  /** {@code limits} with the set fields of {@code o} replacing the user limits. */
  public static Limits apply(Limits limits, QuotaOverride o) {
    return new Limits(
        limits.villageDailyBytes(),
        limits.villageMonthlyBytes(),
        o.userDailyMb() == null ? limits.userDailyBytes() : scaled(o.userDailyMb(), BYTES_PER_MB),
        o.userDailyMinutes() == null ? limits.userDailySeconds() : scaled(o.userDailyMinutes(), 60),
        o.maxDevices() == null ? limits.maxDevices() : o.maxDevices());
  }

  private static long scaled(long value, long unit) {
    try {
      return Math.multiplyExact(Math.max(0, value), unit);
    } catch (ArithmeticException tooLarge) {
      return Limits.UNLIMITED;
    }
  }
}
