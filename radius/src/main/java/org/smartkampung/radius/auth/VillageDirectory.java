package org.smartkampung.radius.auth;

import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.village.Village;

/**
 * Looks up a village and the policy it applies. A village missing from the configuration gets the
 * default zone and no limits, so a misconfigured hotspot still works and shows up in the logs.
 */
public final class VillageDirectory {

  private final KampungConfig config;

  public VillageDirectory(KampungConfig config) {
    this.config = config;
  }

  public Village village(String id) {
    return config
        .village(id)
        .orElseGet(() -> new Village(id, id, "", null, null, null, false, null));
  }

  public QuotaPolicy policyOf(Village village) {
    return village.policy() == null
        ? QuotaPolicy.unlimited("none")
        : config.policy(village.policy()).orElseGet(() -> QuotaPolicy.unlimited(village.policy()));
  }
}
