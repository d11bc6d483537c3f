package org.smartkampung.bench.quota;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.smartkampung.core.quota.RedisQuotaLedger;
import org.smartkampung.core.quota.SessionKey;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link RedisQuotaLedger#isExhausted} answered from a warm near-cache: no network hop. The cache
 * bound is one hour so no entry expires during the run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class NearCacheBenchmark {

  private static final int USERS = 1_000;

  private UnifiedJedis jedis;
  private RedisQuotaLedger ledger;
  private final String[] users = new String[USERS];
  private int next;

  @Setup(Level.Trial)
  public void warm() {
    jedis = BenchRedis.connect(1);
    ledger = BenchRedis.ledger(jedis, 3_600_000);
    for (int i = 0; i < USERS; i++) {
      users[i] = "cached" + i;
      ledger.charge(new SessionKey("bench-cache", users[i], "dev" + i, "cache-" + i), 1, 1, 1);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    ledger.close();
    jedis.close();
  }

  @Benchmark
  public boolean isExhaustedCacheHit() {
    // A racy index is fine: any warm user is a hit.
    int i = next++ & 0x3ff;
    return ledger.isExhausted("bench-cache", users[i % USERS]);
  }
}
