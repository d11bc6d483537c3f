package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.testing.RedisTestServer;

class StoreFactoryTest {

  @TempDir Path dir;

  private KampungConfig config(String storeSection) throws Exception {
    String hash = new PasswordHasher(1000).hash("rahasia");
    String yaml =
        """
        regency: {id: banyuwangi, name: Kabupaten Banyuwangi}
        store:
        %s
        policies:
          - {id: standar, user-daily-mb: 1}
        villages:
          - {id: kemiren, name: Kemiren, kecamatan: Glagah, policy: standar}
        subscribers:
          - {username: warga, village: kemiren, password-hash: "%s"}
        """
            .formatted(storeSection.indent(2), hash);
    return ConfigLoader.load("test.yaml", yaml, Map.of());
  }

  @Test
  void embeddedStoreSeedsConfigSubscribersAndKeepsCountersAcrossRestart() throws Exception {
    KampungConfig config = config("type: embedded\ndata-dir: " + dir);
    SessionKey session = new SessionKey("kemiren", "warga", "aa:bb:cc:dd:ee:ff", "nas/1");
    try (KampungStores stores = open(config)) {
      assertThat(stores.subscribers().find("warga")).isPresent();
      assertThat(stores.ledger().charge(session, 600_000, 0, 10))
          .isInstanceOf(QuotaResult.Ok.class);
    }
    try (KampungStores stores = open(config)) {
      QuotaResult result = stores.ledger().check("kemiren", "warga", "aa:bb:cc:dd:ee:ff");
      assertThat(EffectiveLimits.standing(config, "kemiren").userBytesLeft(result.orThrow()))
          .isEqualTo(400_000);
    }
  }

  @Test
  void aSecondProcessOnTheSameEmbeddedDataDirectoryIsRefusedUntilTheFirstCloses() throws Exception {
    KampungConfig config = config("type: embedded\ndata-dir: " + dir);
    try (KampungStores first = open(config)) {
      assertThatThrownBy(() -> open(config))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("in use by another kampung process");
      assertThat(first.subscribers().find("warga")).isPresent();
    }
    try (KampungStores again = open(config)) {
      assertThat(again.subscribers().find("warga")).isPresent();
    }
  }

  @Test
  void seedingLeavesAnExistingSubscriberAlone() throws Exception {
    KampungConfig config = config("type: embedded\ndata-dir: " + dir);
    try (KampungStores stores = open(config)) {
      var changed = stores.subscribers().find("warga").orElseThrow();
      stores
          .subscribers()
          .update(
              new org.smartkampung.core.subscriber.Subscriber(
                  changed.username(),
                  changed.villageId(),
                  changed.passwordHash(),
                  "Pak Warga",
                  false,
                  null));
    }
    try (KampungStores stores = open(config)) {
      assertThat(stores.subscribers().find("warga").orElseThrow().enabled()).isFalse();
    }
  }

  @Test
  void redisStoreSharesOneClientAcrossStores() throws Exception {
    KampungConfig config = config("type: redis\nredis: {uri: \"" + RedisTestServer.uri() + "\"}");
    try (KampungStores stores = open(config)) {
      assertThat(stores.subscribers().find("warga")).isPresent();
      assertThat(stores.ledger().check("kemiren", "warga", "dev"))
          .isInstanceOf(QuotaResult.Ok.class);
    }
  }

  @Test
  void unreachableRedisFailsAtStartNamingHostAndPort() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    KampungConfig config =
        config(
            "type: redis\nredis: {uri: \"redis://127.0.0.1:" + port + "\", timeout-millis: 300}");
    assertThatThrownBy(() -> open(config))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void theEmbeddedLedgerCountsASubscribersOverrideInsteadOfThePolicyAndSeesEditsAtOnce()
      throws Exception {
    try (KampungStores stores = open(config("type: embedded\ndata-dir: " + dir))) {
      assertOverrideApplies(stores, "kuat");
    }
  }

  @Test
  void theRedisLedgerCountsASubscribersOverrideInsteadOfThePolicyAndSeesEditsAtOnce()
      throws Exception {
    KampungConfig config = config("type: redis\nredis: {uri: \"" + RedisTestServer.uri() + "\"}");
    try (KampungStores stores = open(config)) {
      assertOverrideApplies(stores, "kuat-" + System.nanoTime());
    }
  }

  /** The policy "standar" (1 MB a day) with the override the stores hold for {@code username}. */
  private static Limits standing(KampungStores stores, String username) {
    QuotaPolicy standar =
        new QuotaPolicy("standar", null, null, 1L, null, null, null, null, null, null, null, null);
    return EffectiveLimits.standing(standar, null, stores.subscribers().overrideOf(username));
  }

  private static void assertOverrideApplies(KampungStores stores, String username) {
    stores
        .subscribers()
        .create(
            new Subscriber(
                username,
                "kemiren",
                "x",
                username,
                true,
                new QuotaOverride(5L, 30L, null, null, 3)));

    Limits limits = standing(stores, username);
    assertThat(limits.userDailyBytes()).isEqualTo(5_000_000L);
    assertThat(limits.userDailySeconds()).isEqualTo(1_800L);
    assertThat(limits.maxDevices()).isEqualTo(3);
    assertThat(standing(stores, "warga").userDailyBytes()).isEqualTo(1_000_000L);

    Subscriber s = stores.subscribers().find(username).orElseThrow();
    stores
        .subscribers()
        .update(
            new Subscriber(
                username,
                "kemiren",
                "x",
                username,
                true,
                new QuotaOverride(null, null, null, null, null)));
    assertThat(standing(stores, username).userDailyBytes()).isEqualTo(1_000_000L);
    assertThat(s.quotaOverride().userDailyMb()).isEqualTo(5L);
  }

  private static KampungStores open(KampungConfig config) {
    return StoreFactory.open(
        config, new ConfigLimitsSource(config), Clock.systemUTC(), new SimpleMeterRegistry());
  }
}
