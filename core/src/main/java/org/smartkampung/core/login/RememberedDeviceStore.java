package org.smartkampung.core.login;

import java.time.Instant;
import java.util.Optional;

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
}
