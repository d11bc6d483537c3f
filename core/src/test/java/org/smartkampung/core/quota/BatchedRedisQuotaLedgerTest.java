package org.smartkampung.core.quota;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.smartkampung.core.redis.RedisBatcher;

/** The whole ledger contract again, with the asynchronous operations sent through pipelines. */
class BatchedRedisQuotaLedgerTest extends RedisQuotaLedgerTest {

  private RedisBatcher batcher;

  @Override
  protected QuotaLedger newLedger(Clock clock, LimitsSource limits) {
    batcher = new RedisBatcher(jedis(), "test");
    return new RedisQuotaLedger(jedis(), batcher, v -> JAKARTA, limits, clock, 1_000, registry);
  }

  @AfterEach
  void closeBatcher() {
    if (batcher != null) {
      batcher.close();
    }
  }
}
