package org.smartkampung.core.session;

import java.time.Clock;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.store.RedisSessionCommands;
import org.smartkampung.core.testing.RedisTopologies;
import redis.clients.jedis.UnifiedJedis;

/** The kick channel contract on a Sentinel-managed master and on a Cluster. */
@ParameterizedClass
@EnumSource(
    value = RedisTopology.class,
    names = {"SENTINEL", "CLUSTER"})
class TopologyRedisSessionCommandsTest extends SessionCommandsContract {

  private final UnifiedJedis jedis;

  TopologyRedisSessionCommandsTest(RedisTopology topology) {
    this.jedis = RedisTopologies.jedis(topology);
  }

  @Override
  protected SessionCommands channel() {
    jedis.del("kampung:commands:kick");
    jedis.del("kampung:commands:limits");
    return new RedisSessionCommands(jedis, Clock.systemUTC());
  }
}
