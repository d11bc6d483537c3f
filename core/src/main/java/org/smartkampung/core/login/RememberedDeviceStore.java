package org.smartkampung.core.login;

import java.time.Instant;
import java.util.Optional;
import org.smartkampung.core.invalidation.Invalidations;

/**
 * Remembered devices for MAC login, by village and MAC, durable in the configured store and shared
 * by every RADIUS instance on it. Thread-safe.
 */
public interface RememberedDeviceStore {

  /** Remembers the device until its expiry, replacing what was remembered for that village+MAC. */
  void remember(RememberedDevice device);

  /**
   * The device remembered in that village under that MAC; empty when none or expired at {@code
   * now}.
   */
  Optional<RememberedDevice> find(String villageId, String mac, Instant now);

  /**
   * Tells {@code listener} of devices other processes sharing the store remember from now on
   * ({@link Invalidations.Topic#DEVICE}, key {@code village + " " + mac}), so a cache in front of
   * the store drops them. This default suits a store no other process shares.
   *
   * @return stops the watch
   */
  default AutoCloseable watch(Invalidations.Listener listener) {
    listener.missedSome();
    return () -> {};
  }
}
