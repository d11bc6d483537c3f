package org.smartkampung.core.store;

import org.junit.jupiter.api.AfterEach;
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

  private final RedisTopology topology;
  private final UnifiedJedis jedis;
  private UnifiedJedis otherServer;

  RedisNasStateStoreTest(RedisTopology topology) {
    this.topology = topology;
    this.jedis = RedisTopologies.jedis(topology);
  }

  @Override
  protected NasStateStore newStore() {
    return new RedisNasStateStore(jedis);
  }

  @Override
  protected NasStateStore sameStoreElsewhere() {
    otherServer = RedisConnector.connect(RedisTopologies.settings(topology));
    return new RedisNasStateStore(otherServer);
  }

  @AfterEach
  void closeOtherServer() {
    if (otherServer != null) {
      otherServer.close();
    }
  }
}
