package org.smartkampung.core.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.login.RememberedDevice;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.store.RedisInvalidations;
import org.smartkampung.core.store.RedisRememberedDeviceStore;
import org.smartkampung.core.store.RedisSubscriberStore;
import org.smartkampung.core.subscriber.OverrideCache;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.testing.RedisTopologies;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two processes on one Redis (each with its own connection and notice bus): an edit at A reaches
 * B's caches within a second by pub/sub, with B's polling set to ten minutes so only the notice can
 * explain it; B reloads on a thread of its own, never on the caller's.
 */
@ParameterizedClass
@EnumSource(RedisTopology.class)
class InvalidationsAcrossProcessesTest {

  private static final Duration SLOW_POLL = Duration.ofMinutes(10);
  private static final Duration AT_ONCE = Duration.ofSeconds(1);

  private final RedisTopology topology;
  private final String prefix = "test-" + UUID.randomUUID() + ":";
  private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

  InvalidationsAcrossProcessesTest(RedisTopology topology) {
    this.topology = topology;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void aHotspotAddedAtAAnswersAtBWithinOneSecondAndBReloadsOffTheCallersThread() {
    LiveConfig atA = live(adminStores());
    LiveConfig atB = live(adminStores());
    Set<String> reloadThreads = ConcurrentHashMap.newKeySet();
    atB.onChange(c -> reloadThreads.add(Thread.currentThread().getName()));
    reloadThreads.clear();
    follow(atA, atB);

    addHotspot(atA, "kemiren-pos", "10.1.0.9");
    await().atMost(AT_ONCE).until(() -> hasHotspot(atB, "kemiren-pos"));
    // The first edit may also have been picked up by B's first read after subscribing; the
    // second can only arrive by its notice.
    addHotspot(atA, "kemiren-pasar", "10.1.0.10");
    await().atMost(AT_ONCE).until(() -> hasHotspot(atB, "kemiren-pasar"));

    assertThat(reloadThreads).containsOnly("live-config-reload");
  }

  @Test
  void aRaisedVillageQuotaAtAAppliesAtBWithinOneSecond() {
    LiveConfig atA = live(adminStores());
    LiveConfig atB = live(adminStores());
    follow(atA, atB);

    atA.save(kemiren(600L));
    await().atMost(AT_ONCE).until(() -> userDailyMb(atB) == 600L);
    atA.save(kemiren(900L));
    await().atMost(AT_ONCE).until(() -> userDailyMb(atB) == 900L);
  }

  @Test
  void aRaisedSubscriberLimitAtAAppliesAtBWithinOneSecond() {
    String user = "sari-" + UUID.randomUUID();
    OverrideCache atA = overrides();
    OverrideCache atB = overrides();
    atA.create(
        new Subscriber(
            user, "kemiren", "x", "Sari", true, new QuotaOverride(100L, null, null, null, null)));
    await().atMost(AT_ONCE).until(() -> mb(atB.overrideOf(user)) == 100L);

    atA.update(
        new Subscriber(
            user, "kemiren", "x", "Sari", true, new QuotaOverride(2000L, null, null, null, null)));
    await().atMost(AT_ONCE).until(() -> mb(atB.overrideOf(user)) == 2000L);
    // B is surely listening by now: this one can only arrive by its notice.
    atA.update(
        new Subscriber(
            user, "kemiren", "x", "Sari", true, new QuotaOverride(3000L, null, null, null, null)));
    await().atMost(AT_ONCE).until(() -> mb(atB.overrideOf(user)) == 3000L);
  }

  @Test
  void aDeviceRememberedAtAIsAnnouncedToB() {
    UnifiedJedis a = connection();
    UnifiedJedis b = connection();
    RedisRememberedDeviceStore atA = new RedisRememberedDeviceStore(a, bus(a));
    RedisRememberedDeviceStore atB = new RedisRememberedDeviceStore(b, bus(b));
    List<String> heard = new CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
    watch(
        atB,
        new Invalidations.Listener() {
          @Override
          public void changed(Invalidations.Topic topic, String key) {
            heard.add(key);
          }

          @Override
          public void missedSome() {
            listening.countDown();
          }
        });
    await().atMost(Duration.ofSeconds(5)).until(() -> listening.getCount() == 0);

    atA.remember(
        new RememberedDevice(
            "kemiren", "AA-BB-CC-00-11-22", "sari", Instant.now().plusSeconds(60)));
    await().atMost(AT_ONCE).until(() -> heard.contains("kemiren AA-BB-CC-00-11-22"));
  }

  private void watch(RedisRememberedDeviceStore store, Invalidations.Listener listener) {
    opened.add(store.watch(listener));
  }

  private static long mb(QuotaOverride o) {
    return o == null || o.userDailyMb() == null ? -1 : o.userDailyMb();
  }

  private OverrideCache overrides() {
    UnifiedJedis jedis = connection();
    OverrideCache cache =
        new OverrideCache(new RedisSubscriberStore(jedis), Clock.systemUTC(), bus(jedis));
    opened.add(cache::close);
    return cache;
  }

  private RedisInvalidations bus(UnifiedJedis jedis) {
    RedisInvalidations bus = new RedisInvalidations(jedis, prefix);
    opened.add(bus);
    return bus;
  }

  private UnifiedJedis connection() {
    UnifiedJedis jedis = RedisConnector.connect(RedisTopologies.settings(topology));
    opened.add(jedis);
    return jedis;
  }

  private AdminStores adminStores() {
    AdminStores stores = AdminStoreFactory.redis(connection(), prefix, () -> {});
    opened.add(stores);
    return stores;
  }

  private LiveConfig live(AdminStores stores) {
    LiveConfig live =
        new LiveConfig(
            base(), stores.villageSettings(), stores.registry(), Clock.systemUTC(), SLOW_POLL);
    opened.add(live::close);
    followers.put(live, stores);
    return live;
  }

  private final java.util.Map<LiveConfig, AdminStores> followers = new ConcurrentHashMap<>();

  private void follow(LiveConfig... lives) {
    for (LiveConfig live : lives) {
      live.follow(followers.get(live).invalidations());
    }
  }

  private static void addHotspot(LiveConfig live, String name, String address) {
    live.registry()
        .addNasClient(
            new NasClientSettings(
                name,
                address,
                "sangat-rahasia-0123456789",
                NasType.MIKROTIK,
                "kemiren",
                MessageAuthenticatorPolicy.YES,
                3799));
    live.refresh();
  }

  private static boolean hasHotspot(LiveConfig live, String name) {
    return live.current().hotspots().stream().anyMatch(h -> h.name().equals(name));
  }

  private static long userDailyMb(LiveConfig live) {
    KampungConfig config = live.current();
    Long mb = LiveConfig.policyOf(config, config.village("kemiren").orElseThrow()).userDailyMb();
    return mb == null ? -1 : mb;
  }

  private static VillageSettings kemiren(long userDailyMb) {
    return new VillageSettings(
        "kemiren",
        new BandwidthPackage(100, 20, 2000, 2027, 20_000_000),
        userDailyMb,
        90L,
        4096L,
        1024L,
        3,
        null,
        "budi",
        Instant.now());
  }

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
                null)),
        null,
        null);
  }
}
