package org.smartkampung.radius.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.store.RedisNasStateStore;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two servers share one Redis. Once a hotspot on {@code auto} sent a Message-Authenticator to
 * server A, server B must refuse its requests without one too, at once: otherwise the BlastRADIUS
 * hole stays open on B.
 */
class AutoClientMemoryAcrossServersTest {

  @Test
  void aSightingAtServerAHoldsTheHotspotToItAtServerBWithinASecond() {
    String name = "kemiren-balai-" + UUID.randomUUID();
    List<NasClient> clients = List.of(auto(name, "10.20.1.1"));
    try (UnifiedJedis redisA = RedisConnector.connect(RedisTestServer.settings());
        UnifiedJedis redisB = RedisConnector.connect(RedisTestServer.settings());
        RedisNasStateStore storeA = new RedisNasStateStore(redisA);
        RedisNasStateStore storeB = new RedisNasStateStore(redisB)) {
      AutoClientMemory serverA = new AutoClientMemory(clients, storeA, Runnable::run);
      AutoClientMemory serverB = new AutoClientMemory(clients, storeB, Runnable::run);
      assertThat(serverB.seen(name)).isFalse();

      serverA.markSeen(name);

      assertThat(serverA.seen(name)).isTrue();
      Awaitility.await("server B holds " + name + " to its Message-Authenticator")
          .atMost(Duration.ofSeconds(1))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> serverB.seen(name));
      serverA.close();
      serverB.close();
    }
  }

  @Test
  void aServerStartedAfterTheSightingReadsItFromTheStore() {
    String name = "tamansari-pos-" + UUID.randomUUID();
    try (UnifiedJedis redis = RedisConnector.connect(RedisTestServer.settings());
        RedisNasStateStore store = new RedisNasStateStore(redis)) {
      store.markMessageAuthenticatorSeen(name);

      AutoClientMemory later =
          new AutoClientMemory(List.of(auto(name, "10.20.2.1")), store, Runnable::run);

      assertThat(later.seen(name)).isTrue();
      later.close();
    }
  }

  @Test
  void aSightingWhoseAnnouncementWasLostReachesServerBByItsRegularReRead() {
    String name = "sumberagung-" + UUID.randomUUID();
    try (UnifiedJedis redis = RedisConnector.connect(RedisTestServer.settings());
        RedisNasStateStore store = new RedisNasStateStore(redis, Duration.ofMillis(200))) {
      AutoClientMemory serverB =
          new AutoClientMemory(List.of(auto(name, "10.20.3.1")), store, Runnable::run);
      assertThat(serverB.seen(name)).isFalse();

      // Written without the announcement, as if it had been lost on a dead connection.
      redis.sadd("kampung:nas:message-authenticator-seen", name);

      Awaitility.await("server B re-reads")
          .atMost(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> serverB.seen(name));
      serverB.close();
    }
  }

  private static NasClient auto(String name, String address) {
    return new NasClient(
        name, address, "s3cret", NasType.MIKROTIK, "kemiren", MessageAuthenticatorPolicy.AUTO, 0);
  }
}
