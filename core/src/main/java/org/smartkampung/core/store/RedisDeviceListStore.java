package org.smartkampung.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.smartkampung.core.device.DeviceListStore;
import org.smartkampung.core.device.ListedDevice;
import org.smartkampung.core.invalidation.Invalidations;
import redis.clients.jedis.UnifiedJedis;

/**
 * Device lists in Redis: one hash per village, {@code kampung:devices:{<village>}}, MAC to the
 * entry as JSON. Its owner is the village's admin (who removes entries), so it has no TTL. Each
 * server keeps a village's hash in memory for {@link #CACHED_FOR} and drops it at once when another
 * server announces an edit on {@code kampung:invalidate} ({@link Invalidations.Topic#DEVICE_LIST},
 * key the village), so an Access-Request costs no round trip and a block applies everywhere at
 * once.
 */
public final class RedisDeviceListStore implements DeviceListStore, AutoCloseable {

  /** How long a lost notice can keep another server's edit from applying here. */
  static final Duration CACHED_FOR = Duration.ofSeconds(30);

  private final UnifiedJedis jedis;
  private final Invalidations notices;
  private final Cache<String, Map<String, ListedDevice>> villages =
      Caffeine.newBuilder().expireAfterWrite(CACHED_FOR).maximumSize(10_000).build();
  private final AutoCloseable listening;

  public RedisDeviceListStore(UnifiedJedis jedis, Invalidations notices) {
    this.jedis = jedis;
    this.notices = notices;
    this.listening =
        notices.listen(
            new Invalidations.Listener() {
              @Override
              public void changed(Invalidations.Topic topic, String key) {
                if (topic == Invalidations.Topic.DEVICE_LIST) {
                  villages.invalidate(key);
                }
              }

              @Override
              public void missedSome() {
                villages.invalidateAll();
              }
            });
  }

  static String key(String villageId) {
    return "kampung:devices:{" + villageId + "}";
  }

  @Override
  public void add(ListedDevice device) {
    jedis.hset(key(device.villageId()), device.mac(), StoreJson.write(device));
    edited(device.villageId());
  }

  @Override
  public boolean remove(String villageId, String mac) {
    boolean removed = jedis.hdel(key(villageId), mac) > 0;
    edited(villageId);
    return removed;
  }

  private void edited(String villageId) {
    villages.invalidate(villageId);
    notices.publish(Invalidations.Topic.DEVICE_LIST, villageId);
  }

  private Map<String, ListedDevice> village(String villageId) {
    return villages.get(
        villageId,
        id ->
            jedis.hgetAll(key(id)).entrySet().stream()
                .collect(
                    Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> StoreJson.read(e.getValue(), ListedDevice.class))));
  }

  @Override
  public Optional<ListedDevice> find(String villageId, String mac) {
    return Optional.ofNullable(village(villageId).get(mac));
  }

  @Override
  public List<ListedDevice> list(String villageId) {
    return DeviceListStore.ordered(village(villageId).values());
  }

  @Override
  public void close() {
    try {
      listening.close();
    } catch (Exception e) {
      // Only stops hearing notices.
    }
  }
}
