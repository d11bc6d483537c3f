package org.smartkampung.radius.acct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.quota.EmbeddedQuotaLedger;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.radius.testing.RadiusHarness;
import org.tinyradius.attribute.RadiusAttribute;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * 300,000 accounting packets with valid authenticators, random session ids, status types, counters
 * and attributes left out: every session they create ends. After the lost-session sweep and the
 * closed-record retention (short here), the stores hold what they held before, on the embedded
 * store (its tables and the heap) and on Redis (its keys).
 */
class AccountingGarbageEndsTest {

  static final int PACKETS = Integer.getInteger("kampung.garbage.packets", 300_000);
  private static final Duration RETENTION = Duration.ofSeconds(1);

  private final MutableClock clock = new MutableClock(Instant.now());
  private final String run = "gc-" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir Path dataDir;

  @Test
  void onTheEmbeddedStoreTheTablesAndTheHeapReturnToTheirBaseline() throws Exception {
    KampungStores stores =
        StoreFactory.openEmbedded(
            new StoreSettings(StoreType.EMBEDDED, dataDir, 1, null, null),
            village -> ZoneId.of("Asia/Jakarta"),
            (village, user) -> Limits.NONE,
            clock,
            RETENTION);
    EmbeddedQuotaLedger ledger = (EmbeddedQuotaLedger) stores.ledger();
    try (RadiusHarness h = new RadiusHarness(stores, clock)) {
      LongSupplier held =
          () ->
              ledger.sessionRecordCount()
                  + stores.sessions().listByVillage(RadiusHarness.VILLAGE).size();
      warmUp(h);
      long heapBefore = usedHeapAfterGc();
      long heldBefore = held.getAsLong();

      sendGarbage(h);
      assertThat(held.getAsLong()).as("the garbage made sessions").isGreaterThan(heldBefore + 1000);
      clock.advance(Duration.ofHours(1));
      h.server.sweepLostSessions();
      clock.advance(RETENTION.plusSeconds(1)); // the closed records' retention passes

      // At most: the warm-up's own closed record ends too.
      await().atMost(Duration.ofSeconds(30)).until(() -> held.getAsLong() <= heldBefore);
      // The retransmit cache keeps each answer for its 30 s window; a packet now and then lets
      // it drop the expired ones.
      byte[] ping = h.request(12, List.of(), true);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                h.exchange(ping, h.server.acctPort(), Duration.ofSeconds(1));
                return usedHeapAfterGc() < heapBefore + 24L * 1024 * 1024;
              });
    } finally {
      stores.close();
    }
  }

  @Test
  void onRedisTheKeyCountReturnsToItsBaseline() throws Exception {
    KampungStores stores =
        StoreFactory.openRedis(
            new StoreSettings(StoreType.REDIS, null, null, null, RedisTestServer.settings()),
            village -> ZoneId.of("Asia/Jakarta"),
            (village, user) -> Limits.NONE,
            clock,
            new SimpleMeterRegistry(),
            RETENTION);
    try (RadiusHarness h = new RadiusHarness(stores, clock);
        UnifiedJedis redis = RedisTestServer.client()) {
      warmUp(h);
      LongSupplier keys =
          () ->
              count(redis, "*" + run + "*")
                  + count(redis, "{v:" + RadiusHarness.VILLAGE + "}:dev:*")
                  + count(redis, "kampung:sessions:*");
      long before = keys.getAsLong();

      sendGarbage(h);
      assertThat(keys.getAsLong()).as("the garbage made keys").isGreaterThan(before + 1000);
      clock.advance(Duration.ofHours(1));
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> h.server.sweepLostSessions() >= 0);

      // At most: the warm-up's own closed record expires too.
      await().atMost(Duration.ofSeconds(30)).until(() -> keys.getAsLong() <= before);
    } finally {
      stores.close();
    }
  }

  /** One real session first, so the villager's and village's own counters exist already. */
  private void warmUp(RadiusHarness h) throws Exception {
    h.exchange(
        h.accountingRecord(1, run + "-warm", "AA-BB-CC-DD-EE-01", 0, 0, 0, 0),
        h.server.acctPort(),
        Duration.ofSeconds(3));
    h.exchange(
        h.accountingRecord(2, run + "-warm", "AA-BB-CC-DD-EE-01", 10, 10, 10, 0),
        h.server.acctPort(),
        Duration.ofSeconds(3));
  }

  private void sendGarbage(RadiusHarness h) throws Exception {
    int threads = 4;
    ExecutorService nas = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> answered = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = 2026_12_03L + t;
        answered.add(nas.submit(() -> sendFrom(h, new Random(seed), PACKETS / threads)));
      }
      int total = 0;
      for (Future<Integer> f : answered) {
        total += f.get();
      }
      assertThat(total).as("most garbage is well-formed and answered").isGreaterThan(PACKETS / 2);
    } finally {
      nas.shutdownNow();
    }
  }

  /** Sends in bursts of 16 and reads what comes back; returns how many were answered. */
  private int sendFrom(RadiusHarness h, Random random, int count) throws Exception {
    int answered = 0;
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(500);
      byte[] buffer = new byte[4096];
      InetAddress loopback = InetAddress.getLoopbackAddress();
      for (int sent = 0; sent < count; ) {
        int burst = Math.min(16, count - sent);
        for (int i = 0; i < burst; i++) {
          byte[] packet = garbage(h, random);
          socket.send(new DatagramPacket(packet, packet.length, loopback, h.server.acctPort()));
        }
        sent += burst;
        for (int i = 0; i < burst; i++) {
          try {
            socket.receive(new DatagramPacket(buffer, buffer.length));
            answered++;
          } catch (SocketTimeoutException lost) {
            break;
          }
        }
      }
    }
    return answered;
  }

  private byte[] garbage(RadiusHarness h, Random random) {
    int[] statuses = {1, 2, 3, 3, 3, 3, 99};
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(h.attributes.unsigned("Acct-Status-Type", statuses[random.nextInt(statuses.length)]));
    attrs.add(
        h.attributes.text("Acct-Session-Id", run + "-" + Long.toHexString(random.nextLong())));
    attrs.add(h.attributes.text("User-Name", "siti"));
    if (random.nextBoolean()) {
      attrs.add(h.attributes.text("Class", "kampung:kemiren:siti"));
    }
    if (random.nextInt(4) != 0) {
      attrs.add(
          h.attributes.text(
              "Calling-Station-Id",
              String.format("AA-BB-CC-DD-%02X-%02X", random.nextInt(4), random.nextInt(256))));
    }
    if (random.nextBoolean()) {
      byte[] ip = {10, 5, 50, (byte) (1 + random.nextInt(200))};
      attrs.add(h.attributes.octets("Framed-IP-Address", ip));
    }
    attrs.add(h.attributes.unsigned("Acct-Output-Octets", random.nextInt(1 << 30)));
    attrs.add(h.attributes.unsigned("Acct-Input-Octets", random.nextInt(1 << 20)));
    attrs.add(h.attributes.unsigned("Acct-Session-Time", random.nextInt(86_400)));
    if (random.nextInt(5) == 0) {
      attrs.add(h.attributes.unsigned("Acct-Delay-Time", random.nextInt(600)));
    }
    return h.request(4, attrs, false);
  }

  private static long count(UnifiedJedis redis, String pattern) {
    long found = 0;
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().match(pattern).count(1000);
    do {
      ScanResult<String> page = redis.scan(cursor, params);
      found += page.getResult().size();
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return found;
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
