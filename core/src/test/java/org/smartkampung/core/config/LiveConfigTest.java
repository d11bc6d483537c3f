package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.RegisteredVillage;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.core.village.VillageSettingsStore;
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

  @Test
  void onceFollowingNoticesReadingTheConfigNeverReadsTheStoreOnTheCallersThread() {
    try (AdminStores stores = AdminStoreFactory.embedded(dataDir)) {
      MutableClock clock = new MutableClock(T0);
      java.util.Set<String> readers = java.util.concurrent.ConcurrentHashMap.newKeySet();
      VillageSettingsStore watched =
          new VillageSettingsStore() {
            @Override
            public java.util.Optional<VillageSettings> find(String villageId) {
              return stores.villageSettings().find(villageId);
            }

            @Override
            public void put(VillageSettings settings) {
              stores.villageSettings().put(settings);
            }

            @Override
            public List<VillageSettings> all() {
              readers.add(Thread.currentThread().getName());
              return stores.villageSettings().all();
            }
          };
      LiveConfig live = new LiveConfig(base(), watched, clock, Duration.ofSeconds(10));
      live.follow(org.smartkampung.core.invalidation.Invalidations.inProcess());
      try {
        readers.clear();
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 100; i++) {
          live.current();
        }
        assertThat(readers).doesNotContain(Thread.currentThread().getName());
      } finally {
        live.close();
      }
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

  static NasClientSettings nas(String name, String address, String village) {
    return new NasClientSettings(
        name,
        address,
        "sangat-rahasia-0123456789",
        NasType.MIKROTIK,
        village,
        MessageAuthenticatorPolicy.YES,
        3799);
  }

  static KampungConfig baseWithHotspot() {
    KampungConfig b = base();
    return new KampungConfig(
        b.regency(),
        b.store(),
        b.radius(),
        b.portal(),
        b.loginMethods(),
        b.policies(),
        b.villages(),
        List.of(nas("kemiren-balai", "10.1.0.1", "kemiren")),
        b.subscribers());
  }

  @Test
  void consoleVillagesAndNasClientsAppearInTheConfigInForceAndNotifyListeners() {
    try (AdminStores stores = AdminStoreFactory.embedded(dataDir)) {
      LiveConfig live =
          new LiveConfig(
              baseWithHotspot(),
              stores.villageSettings(),
              stores.registry(),
              new MutableClock(T0),
              Duration.ofHours(1));
      List<KampungConfig> seen = new java.util.ArrayList<>();
      live.onChange(seen::add);

      stores
          .registry()
          .addVillage(
              new RegisteredVillage(
                  "olehsari", "Olehsari", "Glagah", "Asia/Makassar", "standar", true));
      stores.registry().addNasClient(nas("olehsari-balai", "10.2.0.0/24", "olehsari"));
      live.refresh();

      KampungConfig now = live.current();
      Village olehsari = now.village("olehsari").orElseThrow();
      assertThat(olehsari.timeZone()).hasToString("Asia/Makassar");
      assertThat(olehsari.macAuth()).isTrue();
      assertThat(LiveConfig.policyOf(now, olehsari).userDailyMb()).isEqualTo(500L);
      assertThat(now.nasClients())
          .extracting(NasClient::name)
          .containsExactly("kemiren-balai", "olehsari-balai");
      assertThat(seen).hasSize(2).last().isSameAs(now);
    }
  }

  @Test
  void fileEntriesWinOverConsoleRecordsWithTheSameIdOrName() {
    KampungConfig merged =
        LiveConfig.merge(
            baseWithHotspot(),
            List.of(new RegisteredVillage("kemiren", "Palsu", "X", "UTC", null, false)),
            List.of(nas("kemiren-balai", "10.9.9.9", "kemiren")),
            List.of());

    assertThat(merged.village("kemiren").orElseThrow().name()).isEqualTo("Kemiren");
    assertThat(merged.villages()).hasSize(2);
    assertThat(merged.hotspots())
        .singleElement()
        .extracting(NasClientSettings::address)
        .isEqualTo("10.1.0.1");
  }

  @Test
  void quotaSettingsApplyToConsoleAddedVillages() {
    VillageSettings own =
        new VillageSettings("olehsari", null, 123L, null, null, null, 1, null, "budi", T0);
    KampungConfig merged =
        LiveConfig.merge(
            base(),
            List.of(new RegisteredVillage("olehsari", "Olehsari", "Glagah", null, null, false)),
            List.of(),
            List.of(own));

    Village olehsari = merged.village("olehsari").orElseThrow();
    assertThat(olehsari.policy()).isEqualTo("desa:olehsari");
    assertThat(LiveConfig.policyOf(merged, olehsari).userDailyMb()).isEqualTo(123L);
  }

  @Test
  void aConsoleVillageWithABadZoneFromAHandEditedStoreIsSkippedNotFatal() {
    KampungConfig merged =
        LiveConfig.merge(
            base(),
            List.of(
                new RegisteredVillage("rusak", "Rusak", "X", "Asia/Nowhere", null, false),
                new RegisteredVillage("olehsari", "Olehsari", "Glagah", null, null, false)),
            List.of(),
            List.of());

    assertThat(merged.village("rusak")).isEmpty();
    assertThat(merged.village("olehsari")).isPresent();
  }
}
