package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.core.throttle.FailureCounters;
import org.smartkampung.core.throttle.FailureCountersContract;
import redis.clients.jedis.UnifiedJedis;

class RedisFailureCountersTest extends FailureCountersContract {

  private static UnifiedJedis jedis;
  private static UnifiedJedis otherServer;

  @BeforeAll
  static void connect() {
    jedis = RedisConnector.connect(RedisTestServer.settings());
    otherServer = RedisConnector.connect(RedisTestServer.settings());
  }

  @AfterAll
  static void disconnect() {
    if (jedis != null) {
      jedis.close();
      otherServer.close();
    }
  }

  @Override
  protected FailureCounters newCounters() {
    return new RedisFailureCounters(jedis);
  }

  @Override
  protected void windowEnds(String key, Duration window) {
    await().atMost(window.plusSeconds(5)).until(() -> !jedis.exists(RedisFailureCounters.key(key)));
  }

  @Test
  void everyCounterKeyHasItsWindowAsTtl() {
    String key = freshKey();

    counters.increment(key, Duration.ofSeconds(600));
    counters.increment(key, Duration.ofSeconds(600));
    counters.decrement(key);

    assertThat(jedis.pttl(RedisFailureCounters.key(key))).isBetween(1L, 600_000L);
  }

  @Test
  void twoServersOnOneRedisCountTogether() {
    String key = freshKey();
    FailureCounters other = new RedisFailureCounters(otherServer);

    counters.increment(key, Duration.ofMinutes(1));
    other.increment(key, Duration.ofMinutes(1));

    assertThat(counters.increment(key, Duration.ofMinutes(1))).isEqualTo(3);
  }
}
