package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.device.DeviceListKind;
import org.smartkampung.core.device.DeviceListStore;
import org.smartkampung.core.device.DeviceListStoreContract;
import org.smartkampung.core.testing.RedisTopologies;
import redis.clients.jedis.UnifiedJedis;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedisDeviceListStoreTest extends DeviceListStoreContract {

  private final UnifiedJedis jedis;
  private final List<AutoCloseable> opened = new ArrayList<>();

  RedisDeviceListStoreTest(RedisTopology topology) {
    this.jedis = RedisTopologies.jedis(topology);
  }

  private RedisDeviceListStore server() {
    RedisInvalidations notices = new RedisInvalidations(jedis, "kampung:");
    RedisDeviceListStore server = new RedisDeviceListStore(jedis, notices);
    opened.add(server);
    opened.add(notices);
    return server;
  }

  @Override
  protected DeviceListStore newStore() {
    return server();
  }

  @AfterEach
  void closeServers() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @Test
  void entriesLiveInOneHashPerVillageUnderItsHashTag() {
    store.add(entry(MAC, DeviceListKind.BLOCKED));

    assertThat(RedisDeviceListStore.key(village)).isEqualTo("kampung:devices:{" + village + "}");
    assertThat(jedis.hexists(RedisDeviceListStore.key(village), MAC)).isTrue();
  }

  @Test
  void aBlockMadeOnOneServerAppliesOnAnotherThatHadTheListCached() {
    RedisDeviceListStore other = server();
    assertThat(other.blocked(village, MAC)).isFalse(); // now cached as "not listed" there

    store.add(entry(MAC, DeviceListKind.BLOCKED));

    await().atMost(Duration.ofSeconds(5)).until(() -> other.blocked(village, MAC));
    store.remove(village, MAC);
    await().atMost(Duration.ofSeconds(5)).until(() -> !other.blocked(village, MAC));
  }
}
