package org.smartkampung.bench.quota;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.RedisQuotaLedger;
import org.smartkampung.core.redis.RedisBatcher;
import org.smartkampung.core.store.RedisConnector;
import redis.clients.jedis.UnifiedJedis;

/** The Redis a benchmark runs against: {@code -Dkampung.redis=URI} or env {@code KAMPUNG_REDIS}. */
final class BenchRedis {

  static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  private BenchRedis() {}

  static String uri() {
    String uri = System.getProperty("kampung.redis", System.getenv("KAMPUNG_REDIS"));
    if (uri == null || uri.isBlank()) {
      throw new IllegalStateException(
          "Set -Dkampung.redis=redis://127.0.0.1:PORT or KAMPUNG_REDIS (see bench/redis-ledger-bench.sh)");
    }
    return uri;
  }

  /** A client whose pool has a connection for each benchmark thread. */
  static UnifiedJedis connect(int connections) {
    return RedisConnector.connect(new RedisSettings(uri(), 1_000, Math.max(8, connections)));
  }

  static RedisQuotaLedger ledger(UnifiedJedis jedis, long nearCacheStaleMillis) {
    return ledger(jedis, null, nearCacheStaleMillis);
  }

  /** A ledger whose asynchronous operations go through {@code batcher} (null: none). */
  static RedisQuotaLedger ledger(
      UnifiedJedis jedis, RedisBatcher batcher, long nearCacheStaleMillis) {
    return new RedisQuotaLedger(
        jedis,
        batcher,
        village -> JAKARTA,
        (village, user) -> Limits.NONE,
        Clock.systemUTC(),
        nearCacheStaleMillis,
        new SimpleMeterRegistry());
  }
}
