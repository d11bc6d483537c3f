package org.smartkampung.core.store;

import java.time.Instant;
import java.util.Optional;
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

  public RedisRememberedDeviceStore(UnifiedJedis jedis) {
    this.jedis = jedis;
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
