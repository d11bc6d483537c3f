package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.login.RememberedDeviceStore;
import org.smartkampung.core.login.RememberedDeviceStoreContract;
import org.smartkampung.core.testing.RedisTopologies;
import redis.clients.jedis.UnifiedJedis;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedisRememberedDeviceStoreTest extends RememberedDeviceStoreContract {

  private final UnifiedJedis jedis;

  RedisRememberedDeviceStoreTest(RedisTopology topology) {
    this.jedis = RedisTopologies.jedis(topology);
  }

  @Override
  protected RememberedDeviceStore newStore() {
    return new RedisRememberedDeviceStore(jedis);
  }

  @Test
  void keyIsScopedByVillageAndExpiresWithTheDevice() {
    store.remember(device("siti", Duration.ofDays(30)));

    String key = RedisRememberedDeviceStore.key(village, MAC);
    assertThat(key).isEqualTo("kampung:device:{" + village + "}:" + MAC);
    long expiresAtMillis = jedis.pexpireTime(key);
    assertThat(expiresAtMillis).isEqualTo(NOW.plus(Duration.ofDays(30)).toEpochMilli());
  }
}
