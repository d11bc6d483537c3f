package org.smartkampung.radius.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Devices that logged in with a real credential recently, by village and MAC, so the village's MAC
 * authentication can let them back in as the same user. Held in this process's memory only: it is
 * forgotten on restart and not shared between instances (a store-backed version belongs in core).
 */
public final class RememberedDevices {

  /** How long a device stays remembered after its last credential login. */
  public static final Duration DEFAULT_MEMORY = Duration.ofDays(30);

  private record Key(String villageId, String mac) {}

  private final Cache<Key, String> users;

  public RememberedDevices(Clock clock, Duration memory) {
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.users =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(memory)
            .maximumSize(1_000_000)
            .build();
  }

  /** Remembers that {@code mac} logged in as {@code userId} in the village. */
  public void remember(String villageId, String mac, String userId) {
    if (!mac.isEmpty()) {
      users.put(new Key(villageId, mac), userId);
    }
  }

  /** The user the device last logged in as, if it is remembered. */
  public Optional<String> userOf(String villageId, String mac) {
    return Optional.ofNullable(users.getIfPresent(new Key(villageId, mac)));
  }
}
