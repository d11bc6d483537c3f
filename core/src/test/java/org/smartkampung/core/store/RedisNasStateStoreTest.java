package org.smartkampung.core.store;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.nas.NasStateStoreContract;
import org.smartkampung.core.testing.RedisTopologies;
import redis.clients.jedis.UnifiedJedis;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedisNasStateStoreTest extends NasStateStoreContract {

  private final UnifiedJedis jedis;

  RedisNasStateStoreTest(RedisTopology topology) {
    this.jedis = RedisTopologies.jedis(topology);
  }

  @Override
  protected NasStateStore newStore() {
    return new RedisNasStateStore(jedis);
  }
}
