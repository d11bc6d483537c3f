package org.smartkampung.radius.acct;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.testing.RadiusHarness;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two RADIUS servers on one redis-server, as a regency runs them behind a NAS that fails over:
 * records of one session arrive at either, retried and out of order, and every byte is charged
 * once. Nothing rests on one process's memory.
 */
class TwoServersOnRedisTest {

  private static final Duration WAIT = Duration.ofSeconds(3);
  private static final long MB = 1_000_000;
  private static final int START = 1;
  private static final int INTERIM = 3;
  private static final int STOP = 2;

  private KampungStores storesA;
  private KampungStores storesB;
  private RadiusHarness a;
  private RadiusHarness b;

  private static KampungStores open() {
    return StoreFactory.openRedis(
        new StoreSettings(StoreType.REDIS, null, null, null, RedisTestServer.settings()),
        village -> ZoneId.of("Asia/Jakarta"),
        (village, user) -> Limits.NONE,
        Clock.systemUTC(),
        new SimpleMeterRegistry());
  }

  @BeforeEach
  void start() {
    storesA = open();
    storesB = open();
    a = new RadiusHarness(storesA);
    b = new RadiusHarness(storesB);
  }

  @AfterEach
  void stop() {
    for (RadiusHarness h : new RadiusHarness[] {a, b}) {
      if (h != null) {
        h.server.close();
      }
    }
    storesA.close();
    storesB.close();
  }

  private long userBytes() {
    return storesA.ledger().check(RadiusHarness.VILLAGE, "siti", "").orThrow().userDayBytes();
  }

  private static void answered(DatagramSocket socket, RadiusHarness at, byte[] record)
      throws Exception {
    assertThat(RadiusHarness.exchange(socket, record, at.server.acctPort(), WAIT))
        .as("answered")
        .isPresent();
  }

  @Test
  void aSessionsRecordsSpreadRetriedAndReorderedAcrossTwoServersChargeEachByteOnce()
      throws Exception {
    String id = "s-" + UUID.randomUUID();
    String mac = "AA-BB-CC-DD-EE-01";
    long before = userBytes();
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      answered(socket, a, a.accountingRecord(START, id, mac, 0, 0, 0, 0));
      answered(socket, a, a.accountingRecord(INTERIM, id, mac, 100 * MB, 10 * MB, 300, 0));
      // The NAS failed over: the next Interim goes to B, and a copy of the first arrives there
      // late.
      answered(socket, b, b.accountingRecord(INTERIM, id, mac, 200 * MB, 20 * MB, 600, 0));
      answered(socket, b, b.accountingRecord(INTERIM, id, mac, 100 * MB, 10 * MB, 300, 0));
      answered(socket, a, a.accountingRecord(STOP, id, mac, 250 * MB, 25 * MB, 900, 0));
      // A's answer was lost; the NAS retries the Stop at B.
      answered(socket, b, b.accountingRecord(STOP, id, mac, 250 * MB, 25 * MB, 900, 4));
    }

    assertThat(userBytes() - before).isEqualTo(275 * MB);
    assertThat(storesB.sessions().find("mikrotik-yes/" + id)).isEmpty();
    assertThat(storesA.ledger().check(RadiusHarness.VILLAGE, "siti", "x").orThrow().userDevices())
        .isZero();
  }

  @Test
  @SuppressWarnings("deprecation") // CLIENT PAUSE has no typed call on UnifiedJedis
  void aStopForASessionThisServerNeverSawIsLeftUnansweredWhileRedisIsDown() throws Exception {
    String id = "s-" + UUID.randomUUID();
    String mac = "AA-BB-CC-DD-EE-01";
    long before = userBytes();
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        UnifiedJedis admin = RedisTestServer.client()) {
      answered(socket, a, a.accountingRecord(START, id, mac, 0, 0, 0, 0));
      byte[] stop = b.accountingRecord(STOP, id, mac, 3 * MB, 0, 60, 0);
      // B must read the session from Redis first, and Redis does not answer in time.
      admin.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "PAUSE", "2500", "ALL");
      assertThat(RadiusHarness.exchange(socket, stop, b.server.acctPort(), WAIT)).isEmpty();
      assertThat(b.server.metrics().drops(DropReason.STORE_UNAVAILABLE)).isEqualTo(1);
      assertThat(b.server.metrics().drops(DropReason.HANDLER_ERROR)).isZero();

      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> RadiusHarness.exchange(socket, stop, b.server.acctPort(), WAIT).isPresent());
    }
    assertThat(userBytes() - before).isEqualTo(3 * MB);
  }
}
