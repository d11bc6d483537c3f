package org.smartkampung.radius.auth;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.store.RedisInvalidations;
import org.smartkampung.core.store.RedisRememberedDeviceStore;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two RADIUS servers on one Redis: a device re-remembered at A is not served stale by B's cache.
 */
class RememberedDevicesAcrossServersTest {

  @Test
  void aDeviceRememberedAsAnotherUserAtAIsThatUserAtBWithinOneSecond() throws Exception {
    String prefix = "test-" + UUID.randomUUID() + ":";
    String village = "desa-" + UUID.randomUUID();
    String mac = "AA-BB-CC-00-11-22";
    try (UnifiedJedis a = RedisTestServer.client();
        UnifiedJedis b = RedisTestServer.client();
        RedisInvalidations busA = new RedisInvalidations(a, prefix);
        RedisInvalidations busB = new RedisInvalidations(b, prefix)) {
      RememberedDevices atA =
          new RememberedDevices(
              new RedisRememberedDeviceStore(a, busA), Clock.systemUTC(), Duration.ofDays(30));
      RememberedDevices atB =
          new RememberedDevices(
              new RedisRememberedDeviceStore(b, busB), Clock.systemUTC(), Duration.ofDays(30));
      atA.remember(village, mac, "sari");
      await()
          .atMost(Duration.ofSeconds(1))
          .until(() -> atB.userOf(village, mac).equals(Optional.of("sari")));

      atA.remember(village, mac, "budi");
      await()
          .atMost(Duration.ofSeconds(1))
          .until(() -> atB.userOf(village, mac).equals(Optional.of("budi")));
      atA.remember(village, mac, "wati");
      await()
          .atMost(Duration.ofSeconds(1))
          .until(() -> atB.userOf(village, mac).equals(Optional.of("wati")));
    }
  }
}
