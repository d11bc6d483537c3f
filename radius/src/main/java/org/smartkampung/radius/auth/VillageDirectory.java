package org.smartkampung.radius.auth;

import java.util.HashMap;
import java.util.Map;
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

  /** The villages and policies of one configuration by id, rebuilt when another is in force. */
  private record Index(
      KampungConfig config, Map<String, Village> villages, Map<String, QuotaPolicy> policies) {

    static Index of(KampungConfig config) {
      Map<String, Village> villages = new HashMap<>();
      config.villages().forEach(v -> villages.putIfAbsent(v.id(), v));
      Map<String, QuotaPolicy> policies = new HashMap<>();
      config.policies().forEach(p -> policies.putIfAbsent(p.id(), p));
      return new Index(config, villages, policies);
    }
  }

  private volatile Index index;

  public VillageDirectory(KampungConfig config) {
    this(() -> config);
  }

  /** Reads the configuration in force at every lookup, so console edits apply to the next login. */
  public VillageDirectory(Supplier<KampungConfig> live) {
    this.live = live;
  }

  public Village village(String id) {
    Village village = index().villages().get(id);
    return village != null ? village : new Village(id, id, "", null, null, null, false, null);
  }

  public QuotaPolicy policyOf(Village village) {
    if (village.policy() == null) {
      return QuotaPolicy.unlimited("none");
    }
    QuotaPolicy policy = index().policies().get(village.policy());
    return policy != null ? policy : QuotaPolicy.unlimited(village.policy());
  }

  /**
   * A lookup per login: by id in the configuration in force, not a scan of 189 villages. The
   * configuration is compared by identity on purpose: a new one (a reload) gets a new index.
   */
  @SuppressWarnings("ReferenceEquality")
  private Index index() {
    KampungConfig config = live.get();
    Index current = index;
    if (current == null || current.config() != config) {
      current = Index.of(config);
      index = current;
    }
    return current;
  }
}
