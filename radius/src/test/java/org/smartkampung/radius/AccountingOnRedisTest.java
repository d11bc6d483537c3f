package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.testing.RadiusHarness;
import redis.clients.jedis.UnifiedJedis;

/**
 * Accounting through the real Redis store, whose Interim-Updates go out in shared pipelines
 * (RedisBatcher): charges stay exact under concurrency, the live session follows the records, and
 * nothing is answered before Redis has the charge.
 */
class AccountingOnRedisTest {

  private static final Duration WAIT = Duration.ofSeconds(3);

  private KampungStores stores;
  private RadiusHarness h;

  @BeforeEach
  void start() {
    stores =
        StoreFactory.openRedis(
            new StoreSettings(StoreType.REDIS, null, null, null, RedisTestServer.settings()),
            village -> java.time.ZoneId.of("Asia/Jakarta"),
            (village, user) -> Limits.NONE,
            Clock.systemUTC(),
            new SimpleMeterRegistry());
    h = new RadiusHarness(stores);
  }

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
    stores.close();
  }

  @Test
  void interimsChargeOnlyWhatIsNewAndTheLiveSessionFollowsThem() throws Exception {
    String id = "s-" + UUID.randomUUID();
    long before = userBytes();
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      assertThat(send(socket, h.accountingRequest(1, id, 0, 0, 0, 0))).isPresent();
      assertThat(send(socket, h.accountingRequest(3, id, 1000, 1, 500, 0))).isPresent();
      // The same counters in a new packet (not a retransmit): nothing more is charged.
      assertThat(send(socket, h.accountingRequest(3, id, 1000, 1, 500, 0))).isPresent();
      long firstInterim = (1L << 32) + 1000 + 500;
      assertThat(userBytes() - before).isEqualTo(firstInterim);
      Session live = stores.sessions().find("mikrotik-yes/" + id).orElseThrow();
      assertThat(live.inBytes()).isEqualTo((1L << 32) + 1000);
      assertThat(live.outBytes()).isEqualTo(500);
      assertThat(live.deviceMac()).isEqualTo("aa:bb:cc:dd:ee:01");

      assertThat(send(socket, h.accountingRequest(2, id, 3000, 1, 700, 0))).isPresent();
      assertThat(userBytes() - before).isEqualTo(firstInterim + 2000 + 200);
      assertThat(stores.sessions().find("mikrotik-yes/" + id)).isEmpty();
    }
  }

  @Test
  void concurrentInterimsFromManySessionsAreEachChargedExactlyOnce() throws Exception {
    int sessions = 120;
    int interims = 4;
    long bytesPerInterim = 10_000;
    String run = UUID.randomUUID().toString();
    long before = userBytes();
    ExecutorService nas = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> answered = new ArrayList<>();
      for (int s = 0; s < sessions; s++) {
        String id = run + "-" + s;
        answered.add(
            nas.submit(
                () -> {
                  try (DatagramSocket socket =
                      new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                    boolean all = send(socket, h.accountingRequest(1, id, 0, 0, 0, 0)).isPresent();
                    for (int i = 1; i <= interims; i++) {
                      all &=
                          send(socket, h.accountingRequest(3, id, i * bytesPerInterim, 0, 0, 0))
                              .isPresent();
                    }
                    return all;
                  }
                }));
      }
      for (Future<Boolean> f : answered) {
        assertThat(f.get()).as("every record answered").isTrue();
      }
    } finally {
      nas.shutdownNow();
    }
    assertThat(userBytes() - before).isEqualTo((long) sessions * interims * bytesPerInterim);
    assertThat(stores.sessions().listByVillage(RadiusHarness.VILLAGE))
        .filteredOn(s -> s.acctSessionId().startsWith(run))
        .hasSize(sessions)
        .allMatch(s -> s.inBytes() == interims * bytesPerInterim);
  }

  @Test
  @SuppressWarnings("deprecation") // CLIENT PAUSE has no typed call on UnifiedJedis
  void interimIsNotAnsweredWhileRedisCannotTakeTheCharge() throws Exception {
    String id = "s-" + UUID.randomUUID();
    long before = userBytes();
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        UnifiedJedis admin = RedisTestServer.client()) {
      assertThat(send(socket, h.accountingRequest(1, id, 0, 0, 0, 0))).isPresent();
      byte[] interim = h.accountingRequest(3, id, 4000, 0, 0, 0);
      // Scripts wait out the pause longer than the client's 1 s timeout: the charge fails.
      admin.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "PAUSE", "2500", "WRITE");
      assertThat(RadiusHarness.exchange(socket, interim, h.server.acctPort(), WAIT)).isEmpty();
      assertThat(h.server.metrics().drops(DropReason.STORE_UNAVAILABLE)).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> RadiusHarness.exchange(socket, interim, h.server.acctPort(), WAIT).isPresent());
      assertThat(userBytes() - before).isEqualTo(4000);
    }
  }

  private Optional<byte[]> send(DatagramSocket socket, byte[] packet) throws Exception {
    Optional<byte[]> reply = RadiusHarness.exchange(socket, packet, h.server.acctPort(), WAIT);
    reply.ifPresent(r -> assertThat(r[0]).as("Accounting-Response").isEqualTo((byte) 5));
    return reply;
  }

  private long userBytes() {
    Usage usage = stores.ledger().check(RadiusHarness.VILLAGE, "siti", "").orThrow();
    return usage.userDayBytes();
  }
}
