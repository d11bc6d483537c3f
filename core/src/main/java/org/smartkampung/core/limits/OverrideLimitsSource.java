package org.smartkampung.core.limits;

import java.util.Objects;
import java.util.function.Function;
import org.smartkampung.core.quota.LimitMath;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.LimitsSource;
import org.smartkampung.core.subscriber.QuotaOverride;

/**
 * The village policy's limits with a subscriber's {@link QuotaOverride} laid over the user limits
 * (daily bytes, daily seconds, devices): an override field that is set replaces the policy's value,
 * larger or smaller. Village limits never change. The lookup is called on every {@link #limitsFor},
 * so it must be cheap (see {@link org.smartkampung.core.subscriber.OverrideCache}).
 */
public final class OverrideLimitsSource implements LimitsSource {

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
        o.userDailyMb() == null ? limits.userDailyBytes() : LimitMath.megabytes(o.userDailyMb()),
        o.userDailyMinutes() == null
            ? limits.userDailySeconds()
            : LimitMath.minutes(o.userDailyMinutes()),
        o.maxDevices() == null ? limits.maxDevices() : Math.max(0, o.maxDevices()));
  }
}
