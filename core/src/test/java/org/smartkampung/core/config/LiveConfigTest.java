package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.quota.ConfigLimitsSource;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;
import redis.clients.jedis.UnifiedJedis;

class LiveConfigTest {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir Path dataDir;

  static KampungConfig base() {
    QuotaPolicy shared =
        new QuotaPolicy("standar", 20L, null, 500L, 120L, 2048L, 512L, 2, null, null, null, null);
    return new KampungConfig(
        null,
        null,
        null,
        null,
        null,
        List.of(shared),
        List.of(
            new Village(
                "kemiren",
                "Kemiren",
                "Glagah",
                null,
                new BandwidthPackage(50, 10, 1000, 2026, 12_000_000),
                "standar",
                false,
                null),
            new Village("tamansari", "Tamansari", "Licin", null, null, "standar", false, null)),
        null,
        null);
  }

  static VillageSettings kemiren750Mb() {
    return new VillageSettings(
        "kemiren",
        new BandwidthPackage(100, 20, 2000, 2027, 20_000_000),
        750L,
        90L,
        4096L,
        1024L,
        3,
        "16:00-23:00",
        "budi",
        T0);
  }

  @Test
  void savedSettingsApplyToTheNextLimitsLookupAndLeaveOtherVillagesOnTheSharedPolicy() {
    try (AdminStores stores = AdminStoreFactory.embedded(dataDir)) {
      LiveConfig live =
          new LiveConfig(base(), stores.villageSettings(), new MutableClock(T0), Duration.ZERO);
      ConfigLimitsSource limits = new ConfigLimitsSource(base());
      live.onChange(limits::update);

      live.save(kemiren750Mb());

      assertThat(limits.limitsFor("kemiren", "sari").userDailyBytes()).isEqualTo(750_000_000L);
      assertThat(limits.limitsFor("kemiren", "sari").userDailySeconds()).isEqualTo(90 * 60);
      assertThat(limits.limitsFor("kemiren", "sari").villageMonthlyBytes())
          .isEqualTo(2000 * BandwidthPackage.BYTES_PER_GB);
      assertThat(limits.limitsFor("tamansari", "sari").userDailyBytes()).isEqualTo(500_000_000L);
      Village kemiren = live.current().village("kemiren").orElseThrow();
      QuotaPolicy policy = LiveConfig.policyOf(live.current(), kemiren);
      assertThat(policy.userRateDownKbps()).isEqualTo(4096L);
      assertThat(policy.openingHours().toString()).isEqualTo("16:00-23:00");
      assertThat(policy.villageDailyGb()).isEqualTo(20L);
    }
  }

  @Test
  void quotaEditsSurviveARestartOnTheEmbeddedStore() {
    try (AdminStores stores = AdminStoreFactory.embedded(dataDir)) {
      new LiveConfig(base(), stores.villageSettings(), new MutableClock(T0), Duration.ZERO)
          .save(kemiren750Mb());
    }
    try (AdminStores stores = AdminStoreFactory.embedded(dataDir)) {
      assertEdited(stores);
    }
  }

  @Test
  void quotaEditsSurviveARestartOnRedis() {
    String prefix = "test-live-" + System.nanoTime() + ":";
    Supplier<AdminStores> open =
        () -> {
          UnifiedJedis jedis = RedisConnector.connect(RedisTestServer.settings());
          return AdminStoreFactory.redis(jedis, prefix, jedis::close);
        };
    try (AdminStores stores = open.get()) {
      new LiveConfig(base(), stores.villageSettings(), new MutableClock(T0), Duration.ZERO)
          .save(kemiren750Mb());
    }
    try (AdminStores stores = open.get()) {
      assertEdited(stores);
    }
  }

  @Test
  void editsSavedByAnotherProcessArriveAfterTheRefreshInterval() {
    try (AdminStores stores = AdminStoreFactory.embedded(dataDir)) {
      MutableClock clock = new MutableClock(T0);
      LiveConfig radiusSide =
          new LiveConfig(base(), stores.villageSettings(), clock, Duration.ofSeconds(10));
      stores.villageSettings().put(kemiren750Mb());

      assertThat(userDailyMb(radiusSide)).isEqualTo(500L);
      clock.advance(Duration.ofSeconds(11));
      assertThat(userDailyMb(radiusSide)).isEqualTo(750L);
    }
  }

  private static Long userDailyMb(LiveConfig live) {
    KampungConfig config = live.current();
    return LiveConfig.policyOf(config, config.village("kemiren").orElseThrow()).userDailyMb();
  }

  private static void assertEdited(AdminStores stores) {
    LiveConfig live =
        new LiveConfig(base(), stores.villageSettings(), new MutableClock(T0), Duration.ZERO);
    ConfigLimitsSource limits = new ConfigLimitsSource(base());
    live.onChange(limits::update);
    assertThat(limits.limitsFor("kemiren", "sari").userDailyBytes()).isEqualTo(750_000_000L);
    assertThat(live.current().village("kemiren").orElseThrow().bandwidthPackage().budgetYear())
        .isEqualTo(2027);
  }
}
