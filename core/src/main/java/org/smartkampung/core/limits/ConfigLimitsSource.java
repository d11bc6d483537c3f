package org.smartkampung.core.limits;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.LimitsSource;
import org.smartkampung.core.village.Village;

/**
 * The standing limits of each village's policy and package in the configuration, as {@link
 * EffectiveLimits#standing} works them out, for the ledger's near-cache.
 *
 * <p>{@link #update(KampungConfig)} replaces the policies at run time (admin edits); the next
 * {@link #limitsFor} call sees them. Unknown villages get {@link Limits#NONE}: rejecting them is
 * the caller's decision, not the ledger's.
 */
public final class ConfigLimitsSource implements LimitsSource {

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
      limits.put(
          village.id(),
          EffectiveLimits.standing(
              EffectiveLimits.policyOf(config, village), village.bandwidthPackage(), null));
    }
    byVillage = Map.copyOf(limits);
  }

  @Override
  public Limits limitsFor(String villageId, String userId) {
    return byVillage.getOrDefault(villageId, Limits.NONE);
  }
}
