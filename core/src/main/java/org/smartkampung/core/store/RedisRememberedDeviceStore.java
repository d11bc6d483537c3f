package org.smartkampung.core.store;

import java.time.Instant;
import java.util.Optional;
import org.smartkampung.core.invalidation.Invalidations;
import org.smartkampung.core.login.RememberedDevice;
import org.smartkampung.core.login.RememberedDeviceStore;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Remembered devices in Redis: {@code kampung:device:{<village>}:<mac>} holds the device as JSON
 * and expires at the device's expiry (PXAT), so nobody has to sweep. The expiry is checked again
 * against the caller's clock, since Redis's clock may differ.
 */
public final class RedisRememberedDeviceStore implements RememberedDeviceStore {

  private final UnifiedJedis jedis;
  private final Invalidations notices;

  /** A store whose writes nobody else needs to hear of at once. */
  public RedisRememberedDeviceStore(UnifiedJedis jedis) {
    this(jedis, Invalidations.inProcess());
  }

  /** A store that announces every remembered device on {@code notices}. */
  public RedisRememberedDeviceStore(UnifiedJedis jedis, Invalidations notices) {
    this.jedis = jedis;
    this.notices = notices;
  }

  @Override
  public AutoCloseable watch(Invalidations.Listener listener) {
    return notices.listen(
        new Invalidations.Listener() {
          @Override
          public void changed(Invalidations.Topic topic, String key) {
            if (topic == Invalidations.Topic.DEVICE) {
              listener.changed(topic, key);
            }
          }

          @Override
          public void missedSome() {
            listener.missedSome();
          }
        });
  }

  static String key(String villageId, String mac) {
    return "kampung:device:{" + villageId + "}:" + mac;
  }

  @Override
  public void remember(RememberedDevice device) {
    jedis.set(
        key(device.villageId(), device.mac()),
        StoreJson.write(device),
        SetParams.setParams().pxAt(Math.max(1, device.expiresAt().toEpochMilli())));
    notices.publish(Invalidations.Topic.DEVICE, device.villageId() + " " + device.mac());
  }

  @Override
  public Optional<RememberedDevice> find(String villageId, String mac, Instant now) {
    String json = jedis.get(key(villageId, mac));
    if (json == null) {
      return Optional.empty();
    }
    RememberedDevice device = StoreJson.read(json, RememberedDevice.class);
    return now.isBefore(device.expiresAt()) ? Optional.of(device) : Optional.empty();
  }
}
