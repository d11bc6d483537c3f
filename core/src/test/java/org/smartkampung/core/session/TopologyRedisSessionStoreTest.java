package org.smartkampung.core.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.redis.RedisBatcher;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.store.RedisSessionStore;
import org.smartkampung.core.testing.RedisTopologies;

/**
 * The session store contract on a Sentinel-managed master and on a Cluster, with asynchronous puts
 * in pipelines that end in WAIT (standalone: RedisSessionStoreTest and
 * BatchedRedisSessionStoreTest).
 */
@ParameterizedClass
@EnumSource(
    value = RedisTopology.class,
    names = {"SENTINEL", "CLUSTER"})
class TopologyRedisSessionStoreTest extends SessionStoreContract {

  private final RedisConnector.Connected redis;
  private RedisBatcher batcher;

  TopologyRedisSessionStoreTest(RedisTopology topology) {
    this.redis = RedisTopologies.connected(topology);
  }

  @Override
  protected SessionStore newStore() {
    batcher = redis.batcher("test");
    return new RedisSessionStore(redis.jedis(), batcher);
  }

  @AfterEach
  void closeBatcher() {
    if (batcher != null) {
      batcher.close();
    }
  }
}
