package org.smartkampung.core.quota;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;

/**
 * Limits from the configuration: each village's {@link QuotaPolicy} (MB = 10^6 bytes, GB = 10^9
 * bytes, minutes = 60 seconds), with the village's monthly volume taken from the policy or else
 * from its {@link BandwidthPackage}. A missing value means {@link Limits#UNLIMITED}.
 *
 * <p>{@link #update(KampungConfig)} replaces the policies at run time (admin edits); the next
 * {@link #limitsFor} call sees them. Unknown villages get {@link Limits#NONE}: rejecting them is
 * the caller's decision, not the ledger's.
 */
public final class ConfigLimitsSource implements LimitsSource {

  private static final long BYTES_PER_MB = 1_000_000L;

  // Replaced whole on update, so readers never see half an edit.
  private volatile Map<String, Limits> byVillage;

  public ConfigLimitsSource(KampungConfig config) {
    update(config);
  }

  /** Replaces every village's limits with those of {@code config}. */
  public void update(KampungConfig config) {
    Objects.requireNonNull(config, "config");
    Map<String, Limits> limits = new HashMap<>();
    for (Village village : config.villages()) {
      QuotaPolicy policy =
          village.policy() == null
              ? QuotaPolicy.unlimited("none")
              : config.policy(village.policy()).orElse(QuotaPolicy.unlimited(village.policy()));
      limits.put(village.id(), limitsOf(village, policy));
    }
    byVillage = Map.copyOf(limits);
  }

  @Override
  public Limits limitsFor(String villageId, String userId) {
    return byVillage.getOrDefault(villageId, Limits.NONE);
  }

  static Limits limitsOf(Village village, QuotaPolicy policy) {
    long monthly;
    if (policy.villageMonthlyGb() != null) {
      monthly = scaled(policy.villageMonthlyGb(), BandwidthPackage.BYTES_PER_GB);
    } else if (village.bandwidthPackage() != null) {
      monthly = village.bandwidthPackage().monthlyBytes();
    } else {
      monthly = Limits.UNLIMITED;
    }
    return new Limits(
        scaled(policy.villageDailyGb(), BandwidthPackage.BYTES_PER_GB),
        monthly,
        scaled(policy.userDailyMb(), BYTES_PER_MB),
        scaled(policy.userDailyMinutes(), 60),
        policy.maxDevicesPerUser() == null ? Integer.MAX_VALUE : policy.maxDevicesPerUser());
  }

  private static long scaled(Long value, long unit) {
    if (value == null) {
      return Limits.UNLIMITED;
    }
    try {
      return Math.multiplyExact(Math.max(0, value), unit);
    } catch (ArithmeticException tooLarge) {
      return Limits.UNLIMITED;
    }
  }
}
