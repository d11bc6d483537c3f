package org.smartkampung.radius.auth;

import java.util.function.Supplier;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.village.Village;

/**
 * Looks up a village and the policy it applies. A village missing from the configuration gets the
 * default zone and no limits, so a misconfigured hotspot still works and shows up in the logs.
 */
public final class VillageDirectory {

  private final Supplier<KampungConfig> live;

  public VillageDirectory(KampungConfig config) {
    this(() -> config);
  }

  /** Reads the configuration in force at every lookup, so console edits apply to the next login. */
  public VillageDirectory(Supplier<KampungConfig> live) {
    this.live = live;
  }

  public Village village(String id) {
    return live.get()
        .village(id)
        .orElseGet(() -> new Village(id, id, "", null, null, null, false, null));
  }

  public QuotaPolicy policyOf(Village village) {
    KampungConfig config = live.get();
    return village.policy() == null
        ? QuotaPolicy.unlimited("none")
        : config.policy(village.policy()).orElseGet(() -> QuotaPolicy.unlimited(village.policy()));
  }
}
