package org.smartkampung.bench.quota;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.smartkampung.core.quota.AccountingEvent;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.RedisQuotaLedger;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.redis.RedisBatcher;
import redis.clients.jedis.UnifiedJedis;

/**
 * One accounting charge through {@link RedisQuotaLedger}: one EVALSHA round trip on a pooled
 * connection, every thread a different session of one village (the evening-peak shape). Throughput
 * to compare with redis-benchmark running the same script; SampleTime for p50/p99. {@link
 * #recordAsyncThroughput} is the path production takes: an Interim-Update's record through the
 * pipelining batcher, many threads sharing its round trips.
 */
public class RedisChargeBenchmark {

  @State(Scope.Benchmark)
  public static class Ledger {
    UnifiedJedis jedis;
    RedisQuotaLedger ledger;
    RedisBatcher batcher;
    RedisQuotaLedger pipelined;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
      jedis = BenchRedis.connect(params.getThreads());
      ledger = BenchRedis.ledger(jedis, 1_000);
      batcher = new RedisBatcher(jedis, "jmh");
      pipelined = BenchRedis.ledger(jedis, batcher, 1_000);
    }

    @TearDown(Level.Trial)
    public void close() {
      pipelined.close();
      batcher.close();
      ledger.close();
      jedis.close();
    }
  }

  @State(Scope.Thread)
  public static class Session {
    private static final AtomicInteger NEXT = new AtomicInteger();
    SessionKey key;
    List<String> keys;
    List<String> args;
    long download;
    long seconds;

    @Setup(Level.Trial)
    public void pick() {
      int n = NEXT.incrementAndGet();
      key = new SessionKey("bench", "user" + n, "aa:00:00:00:00:" + n, "jmh-" + n);
      String tag = "{v:raw}:";
      keys =
          List.of(
              tag + "vd:d",
              tag + "vm:m",
              tag + "ud:d:user" + n,
              tag + "dev:user" + n,
              tag + "s:" + n,
              tag + "vh:h",
              tag + "ut:user" + n);
      args =
          List.of(
              "charge",
              "1500",
              "200",
              "1",
              key.deviceId(),
              key.sessionId(),
              "90000",
              "2700000",
              "172800",
              "691200",
              "7776000",
              "",
              "0",
              "0",
              "0",
              "0");
    }
  }

  /** Charges per second, to set beside redis-benchmark's EVALSHA requests per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public QuotaResult chargeThroughput(Ledger ledger, Session session) {
    return charge(ledger, session);
  }

  /** Latency distribution of one charge (p50, p99...). */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public QuotaResult chargeLatency(Ledger ledger, Session session) {
    return charge(ledger, session);
  }

  /**
   * Baseline: the same EVALSHA straight on Jedis, without the ledger (no period computation, no
   * Usage, no metrics, no near-cache), to split the gap to redis-benchmark between our code and the
   * client/JVM.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Object rawEvalshaThroughput(Ledger ledger, Session session) {
    return ledger.jedis.evalsha(ledger.ledger.scriptSha(), session.keys, session.args);
  }

  /** Interim-Updates per second through the batcher, as {@code AcctHandler} sends them. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public QuotaResult recordAsyncThroughput(Ledger ledger, Session session) {
    session.download += 1_500;
    session.seconds += 1;
    QuotaResult result =
        ledger
            .pipelined
            .recordAsync(
                session.key, AccountingEvent.interim(session.download, 200, session.seconds))
            .join();
    if (!(result instanceof QuotaResult.Ok)) {
      throw new IllegalStateException(result.toString());
    }
    return result;
  }

  private static QuotaResult charge(Ledger ledger, Session session) {
    QuotaResult result = ledger.ledger.charge(session.key, 1_500, 200, 1);
    if (!(result instanceof QuotaResult.Ok)) {
      throw new IllegalStateException(result.toString());
    }
    return result;
  }
}
