package org.smartkampung.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;

class ConfigLimitsSourceTest {

  private static QuotaPolicy policy(String id, Long villageDailyGb, Long villageMonthlyGb) {
    return new QuotaPolicy(
        id, villageDailyGb, villageMonthlyGb, 500L, 120L, null, null, 2, null, null, null, null);
  }

  private static Village village(String id, String policy, BandwidthPackage bought) {
    return new Village(id, id, "Glagah", null, bought, policy, false, null);
  }

  private static KampungConfig config(List<QuotaPolicy> policies, List<Village> villages) {
    return new KampungConfig(null, null, null, null, null, policies, villages, null, null);
  }

  @Test
  void policyValuesBecomeBytesAndSecondsWithDecimalUnits() {
    ConfigLimitsSource source =
        new ConfigLimitsSource(
            config(
                List.of(policy("hemat", 20L, 300L)),
                List.of(village("kemiren", "hemat", new BandwidthPackage(50, 10, 999, 2026, 0)))));

    assertThat(source.limitsFor("kemiren", "alice"))
        .isEqualTo(new Limits(20_000_000_000L, 300_000_000_000L, 500_000_000L, 7_200, 2));
  }

  @Test
  void villageMonthlyLimitFallsBackToTheBandwidthPackageThenUnlimited() {
    ConfigLimitsSource source =
        new ConfigLimitsSource(
            config(
                List.of(policy("p", null, null)),
                List.of(
                    village("bought", "p", new BandwidthPackage(50, 10, 750, 2026, 0)),
                    village("unmetered", "p", new BandwidthPackage(50, 10, 0, 2026, 0)),
                    village("nobudget", "p", null))));

    assertThat(source.limitsFor("bought", "u").villageMonthlyBytes()).isEqualTo(750_000_000_000L);
    assertThat(source.limitsFor("bought", "u").villageDailyBytes()).isEqualTo(Limits.UNLIMITED);
    assertThat(source.limitsFor("unmetered", "u").villageMonthlyBytes())
        .isEqualTo(Limits.UNLIMITED);
    assertThat(source.limitsFor("nobudget", "u").villageMonthlyBytes()).isEqualTo(Limits.UNLIMITED);
  }

  @Test
  void unknownVillageGetsNoLimitsForTheCallerToReject() {
    ConfigLimitsSource source = new ConfigLimitsSource(config(List.of(), List.of()));

    assertThat(source.limitsFor("atlantis", "u")).isEqualTo(Limits.NONE);
  }

  @Test
  void updateAppliesToTheNextLookup() {
    Village kemiren = village("kemiren", "p", null);
    ConfigLimitsSource source =
        new ConfigLimitsSource(config(List.of(policy("p", 1L, 10L)), List.of(kemiren)));

    source.update(config(List.of(policy("p", 2L, 10L)), List.of(kemiren)));

    assertThat(source.limitsFor("kemiren", "u").villageDailyBytes()).isEqualTo(2_000_000_000L);
  }
}
