package org.smartkampung.radius.acct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.testing.RedisProcess;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.radius.testing.RadiusHarness;
import redis.clients.jedis.Jedis;

/**
 * On a Redis master with a replica, a Stop is acknowledged only once the replica holds its charge,
 * like an Interim-Update: otherwise a failover right after the answer loses the session's last
 * usage (seen in issue #12: acknowledged Stops were lost).
 */
class StopWaitsForReplicaTest {

  private static final Duration WAIT = Duration.ofSeconds(3);

  @Test
  void aStopIsNotAnsweredWhileTheReplicaDoesNotConfirmItsCharge() throws Exception {
    RedisTestServer.uri(); // fails or skips here when there is no redis-server
    Path dir = Files.createTempDirectory("kampung-stop");
    try (RedisProcess master = RedisProcess.server(dir);
        RedisProcess replica =
            RedisProcess.server(dir, "--replicaof", "127.0.0.1", "" + master.port())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> replicaOnline(master));
      RedisSettings redis =
          new RedisSettings("redis://" + master.address(), 1_000, 4).withMinReplicasAcked(1, 300);
      try (KampungStores stores =
              StoreFactory.openRedis(
                  new StoreSettings(StoreType.REDIS, null, null, null, redis),
                  village -> ZoneId.of("Asia/Jakarta"),
                  (village, user) -> Limits.NONE,
                  Clock.systemUTC(),
                  new SimpleMeterRegistry());
          RadiusHarness h = new RadiusHarness(stores);
          DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        String id = "s-" + UUID.randomUUID();
        assertThat(exchange(h, socket, h.accountingRequest(1, id, 0, 0, 0, 0))).isTrue();

        replica.pause();
        byte[] stop = h.accountingRequest(2, id, 5000, 0, 700, 0);
        assertThat(exchange(h, socket, stop)).as("Stop answered without a replica").isFalse();

        replica.resume();
        await().atMost(Duration.ofSeconds(15)).until(() -> exchange(h, socket, stop));
        long userBytes =
            stores.ledger().check(RadiusHarness.VILLAGE, "siti", "").orThrow().userDayBytes();
        assertThat(userBytes).as("charged once").isEqualTo(5700);
      }
    }
  }

  private static boolean exchange(RadiusHarness h, DatagramSocket socket, byte[] packet)
      throws Exception {
    return RadiusHarness.exchange(socket, packet, h.server.acctPort(), WAIT).isPresent();
  }

  private static boolean replicaOnline(RedisProcess master) {
    try (Jedis jedis = master.control()) {
      return jedis.info("replication").contains("state=online");
    }
  }
}
