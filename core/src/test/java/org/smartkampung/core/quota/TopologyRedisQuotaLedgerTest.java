package org.smartkampung.core.quota;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.redis.RedisBatcher;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.testing.RedisTopologies;

/**
 * The whole ledger contract on a Sentinel-managed master and on a Cluster, with accounting sent
 * through pipelines that end in WAIT as the store opens them (standalone: {@link
 * RedisQuotaLedgerTest}).
 */
@ParameterizedClass
@EnumSource(
    value = RedisTopology.class,
    names = {"SENTINEL", "CLUSTER"})
class TopologyRedisQuotaLedgerTest extends QuotaLedgerContract {

  private final RedisConnector.Connected redis;
  private RedisBatcher batcher;

  TopologyRedisQuotaLedgerTest(RedisTopology topology) {
    this.redis = RedisTopologies.connected(topology);
  }

  @Override
  protected QuotaLedger newLedger(Clock clock, LimitsSource limits) {
    batcher = redis.batcher("test");
    return new RedisQuotaLedger(
        redis.jedis(), batcher, v -> JAKARTA, limits, clock, 1_000, new SimpleMeterRegistry());
  }

  @AfterEach
  void closeBatcher() {
    if (batcher != null) {
      batcher.close();
    }
  }
}
