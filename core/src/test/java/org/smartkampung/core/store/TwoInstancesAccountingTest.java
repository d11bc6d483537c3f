package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.RedisQuotaLedger;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.redis.RedisBatcher;
import org.smartkampung.core.testing.RedisTopologies;

/**
 * Two servers behind one store, each with its own client, batcher and ledger, as two {@code kampung
 * run} processes: the records of the same sessions alternate between them, some retransmitted to
 * the other one, and the totals are exact.
 */
@ParameterizedClass
@EnumSource(RedisTopology.class)
class TwoInstancesAccountingTest {

  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), JAKARTA);

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final QuotaLedger serverA;
  private final QuotaLedger serverB;

  TwoInstancesAccountingTest(RedisTopology topology) {
    serverA = ledger(topology);
    serverB = ledger(topology);
  }

  private QuotaLedger ledger(RedisTopology topology) {
    RedisConnector.Connected redis = RedisConnector.open(RedisTopologies.settings(topology));
    RedisBatcher batcher = redis.batcher("instance");
    QuotaLedger ledger =
        new RedisQuotaLedger(
            redis.jedis(),
            batcher,
            v -> JAKARTA,
            (v, u) -> Limits.NONE,
            CLOCK,
            1_000,
            new SimpleMeterRegistry());
    opened.add(redis);
    opened.add(batcher);
    opened.add(ledger);
    return ledger;
  }

  @AfterEach
  void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void recordsOfTheSameSessionsAlternatingBetweenServersAreChargedExactlyOnce() throws Exception {
    String village = "desa-" + UUID.randomUUID().toString().substring(0, 8);
    int sessions = 20;
    int interims = 6;
    long bytesPerInterim = 1_000_003;
    for (int n = 1; n <= interims; n++) {
      List<CompletableFuture<QuotaResult>> sent = new ArrayList<>();
      for (int s = 0; s < sessions; s++) {
        SessionKey key = new SessionKey(village, "warga-" + s, "aa:" + s, "nas-1/" + s);
        long total = n * bytesPerInterim;
        QuotaLedger to = (n + s) % 2 == 0 ? serverA : serverB;
        QuotaLedger other = to == serverA ? serverB : serverA;
        sent.add(to.accountAsync(key, total, 0, n * 300L));
        // The NAS timed out waiting and sent the same record to the other server.
        sent.add(other.accountAsync(key, total, 0, n * 300L));
      }
      for (CompletableFuture<QuotaResult> one : sent) {
        assertThat(one.get(10, TimeUnit.SECONDS)).isInstanceOf(QuotaResult.Ok.class);
      }
    }

    long expected = (long) sessions * interims * bytesPerInterim;
    for (QuotaLedger reader : List.of(serverA, serverB)) {
      QuotaResult.Ok usage = (QuotaResult.Ok) reader.check(village, "warga-0", "zz:00");
      assertThat(usage.usage().villageDayBytes()).isEqualTo(expected);
      assertThat(usage.usage().userDayBytes()).isEqualTo(interims * bytesPerInterim);
    }
  }
}
