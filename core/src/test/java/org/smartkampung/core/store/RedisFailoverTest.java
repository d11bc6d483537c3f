package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.RedisQuotaLedger;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.redis.RedisBatcher;
import org.smartkampung.core.testing.RedisProcess;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.core.testing.TestCluster;
import org.smartkampung.core.testing.TestSentinelSet;
import redis.clients.jedis.Jedis;

/**
 * A master dies while accounting records stream in, as a NAS would send them (retrying what was not
 * acknowledged). The same client carries on without a restart, and every acknowledged charge is
 * counted afterwards, read by a second instance. Each test starts its own Sentinel set or Cluster,
 * because it kills a master.
 */
class RedisFailoverTest {

  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), JAKARTA);

  @Test
  void aSentinelPromotionDuringAnAccountingStreamLosesNoAcknowledgedCharge() throws Exception {
    RedisTestServer.uri(); // fails or skips here when there is no redis-server
    try (TestSentinelSet sentinel = TestSentinelSet.start()) {
      RedisSettings settings = sentinel.settings();
      assertThat(settings.minReplicasAcked()).isEqualTo(1);
      List<String> villages = List.of("desa-a", "desa-b");
      try (Instance a = new Instance(settings);
          AccountingStream stream = new AccountingStream(a.ledger, villages)) {
        stream.awaitAcknowledged(100);
        int oldMaster = sentinel.master().port();

        sentinel.master().kill();
        long atKill = stream.acknowledged();
        Awaitility.await("Sentinel promotes the replica")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> sentinel.currentMasterPort() == sentinel.replica().port());
        stream.awaitAcknowledged(atKill + 200);

        // The old master comes back empty where it was; nothing may be written to it.
        try (RedisProcess back = RedisProcess.server(sentinel.master().dir(), oldMaster)) {
          stream.awaitAcknowledged(stream.acknowledged() + 200);
          stream.stop();
          Awaitility.await("Sentinel turns the old master into a replica")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(100))
              .ignoreExceptions()
              .until(() -> role(back).equals("slave"));
        }
        try (Instance b = new Instance(settings)) {
          stream.assertCountedBy(b.ledger);
        }
      }
    }
  }

  @Test
  void aClusterMasterKilledDuringAnAccountingStreamLosesNoAcknowledgedCharge() throws Exception {
    RedisTestServer.uri();
    try (TestCluster cluster = TestCluster.start()) {
      RedisSettings settings = cluster.settings();
      assertThat(settings.minReplicasAcked()).isEqualTo(1);
      List<String> villages = villagesOnEveryMaster(cluster);
      try (Instance a = new Instance(settings);
          AccountingStream stream = new AccountingStream(a.ledger, villages)) {
        stream.awaitAcknowledged(150);
        RedisProcess victim = cluster.masterOf(slotKey(villages.get(0)));

        victim.kill();
        long atKill = stream.acknowledged();
        stream.awaitAcknowledged(atKill + 300);
        assertThat(cluster.masterOf(slotKey(villages.get(0))))
            .as("the killed master's replica serves its slots")
            .isNotSameAs(victim);
        stream.stop();

        try (Instance b = new Instance(settings)) {
          stream.assertCountedBy(b.ledger);
        }
      }
    }
  }

  private static String slotKey(String village) {
    return "{v:" + village + "}";
  }

  private static List<String> villagesOnEveryMaster(TestCluster cluster) {
    List<String> villages = new ArrayList<>();
    List<RedisProcess> masters = new ArrayList<>();
    for (int i = 0; masters.size() < 3; i++) {
      String village = "desa-" + i;
      RedisProcess master = cluster.masterOf(slotKey(village));
      if (!masters.contains(master)) {
        masters.add(master);
        villages.add(village);
      }
    }
    return villages;
  }

  private static String role(RedisProcess process) {
    try (Jedis jedis = process.control()) {
      return jedis.role().get(0).toString();
    }
  }

  /** One kampung process's store: its own client, batcher and ledger. */
  private static final class Instance implements AutoCloseable {
    final RedisConnector.Connected redis;
    final RedisBatcher batcher;
    final QuotaLedger ledger;

    Instance(RedisSettings settings) {
      redis = RedisConnector.open(settings);
      batcher = redis.batcher("failover-test");
      ledger =
          new RedisQuotaLedger(
              redis.jedis(),
              batcher,
              v -> JAKARTA,
              (v, u) -> Limits.NONE,
              CLOCK,
              1_000,
              new SimpleMeterRegistry());
    }

    @Override
    public void close() {
      batcher.close();
      ledger.close();
      redis.jedis().close();
    }
  }

  /**
   * Short sessions that each send one accounting record, retried until acknowledged as a NAS would.
   * One record per session: a lost acknowledged record is never made up by a later one.
   */
  private static final class AccountingStream implements AutoCloseable {
    private final QuotaLedger ledger;
    private final List<String> villages;
    private final AtomicLong acknowledged = new AtomicLong();
    private final Map<String, LongAdder> bytesByVillage = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;

    AccountingStream(QuotaLedger ledger, List<String> villages) {
      this.ledger = ledger;
      this.villages = villages;
      villages.forEach(v -> bytesByVillage.put(v, new LongAdder()));
      thread = new Thread(this::run, "accounting-stream");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      try {
        for (long i = 0; !stopped; i++) {
          String village = villages.get((int) (i % villages.size()));
          SessionKey session = new SessionKey(village, "warga-" + (i % 7), "aa:" + i, "nas/" + i);
          long bytes = 1_000 + i;
          Awaitility.await("record " + i + " acknowledged")
              .atMost(Duration.ofSeconds(60))
              .pollDelay(Duration.ZERO)
              .pollInterval(Duration.ofMillis(20))
              .until(() -> accounted(session, bytes));
          bytesByVillage.get(village).add(bytes);
          acknowledged.incrementAndGet();
        }
      } catch (Throwable t) {
        failure = t;
      }
    }

    private boolean accounted(SessionKey session, long bytes) throws Exception {
      QuotaResult result = ledger.accountAsync(session, bytes, 0, 10).get(10, TimeUnit.SECONDS);
      if (!(result instanceof QuotaResult.Ok)) {
        lastProblem = result.toString();
      }
      return result instanceof QuotaResult.Ok;
    }

    private volatile String lastProblem;

    long acknowledged() {
      return acknowledged.get();
    }

    void awaitAcknowledged(long records) {
      Awaitility.await(records + " records acknowledged")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> failure != null || acknowledged.get() >= records);
      assertThat(failure).as("the accounting stream gave up; last: %s", lastProblem).isNull();
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(TimeUnit.SECONDS.toMillis(70));
      assertThat(failure).as("the accounting stream gave up").isNull();
    }

    void assertCountedBy(QuotaLedger reader) {
      for (String village : villages) {
        QuotaResult.Ok usage = (QuotaResult.Ok) reader.check(village, "warga-0", "zz:00");
        assertThat(usage.usage().villageDayBytes())
            .as("bytes of village %s", village)
            .isEqualTo(bytesByVillage.get(village).sum());
      }
    }

    @Override
    public void close() {
      stopped = true;
      try {
        thread.join(TimeUnit.SECONDS.toMillis(70));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
