package org.smartkampung.radius.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.smartkampung.core.invalidation.Invalidations;
import org.smartkampung.core.login.RememberedDevice;
import org.smartkampung.core.login.RememberedDeviceStore;

/**
 * Devices that logged in with a real credential, by village and MAC, so the village's MAC
 * authentication can let them back in as the same user. Durable in the {@link
 * RememberedDeviceStore} (survives restarts, shared by RADIUS instances on one Redis), with a small
 * cache in front: every Access-Accept in a MAC-auth village would otherwise be a store write.
 */
public final class RememberedDevices {

  /** How long this instance trusts what it last read or wrote; another instance may change it. */
  static final Duration CACHED_FOR = Duration.ofMinutes(5);

  /** A re-login of the same device as the same user moves the stored expiry at most this often. */
  static final Duration EXTEND_EVERY = Duration.ofDays(1);

  private record Key(String villageId, String mac) {}

  private final RememberedDeviceStore store;
  private final Clock clock;
  private final Duration memory;
  private final Cache<Key, RememberedDevice> recent;

  /**
   * @param memory how long a device stays remembered after its last credential login
   */
  public RememberedDevices(RememberedDeviceStore store, Clock clock, Duration memory) {
    this.store = store;
    this.clock = clock;
    this.memory = memory;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.recent =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(CACHED_FOR)
            .maximumSize(100_000)
            .build();
    // Another server remembering a device (as another user) drops this one's copy at once.
    store.watch(
        new Invalidations.Listener() {
          @Override
          public void changed(Invalidations.Topic topic, String key) {
            int space = key.indexOf(' ');
            if (space > 0) {
              recent.invalidate(new Key(key.substring(0, space), key.substring(space + 1)));
            }
          }

          @Override
          public void missedSome() {
            recent.invalidateAll();
          }
        });
  }

  /**
   * Remembers that {@code mac} logged in as {@code userId} in the village.
   *
   * @throws RuntimeException from the store when it cannot be written
   */
  public void remember(String villageId, String mac, String userId) {
    if (mac.isEmpty()) {
      return;
    }
    Instant expiresAt = clock.instant().plus(memory);
    Key key = new Key(villageId, mac);
    RememberedDevice known = recent.getIfPresent(key);
    if (known != null
        && known.userId().equals(userId)
        && known.expiresAt().isAfter(expiresAt.minus(EXTEND_EVERY))) {
      return;
    }
    RememberedDevice device = new RememberedDevice(villageId, mac, userId, expiresAt);
    store.remember(device);
    recent.put(key, device);
  }

  /**
   * The user the device last logged in as, if it is remembered.
   *
   * @throws RuntimeException from the store when it cannot be read
   */
  public Optional<String> userOf(String villageId, String mac) {
    Instant now = clock.instant();
    Key key = new Key(villageId, mac);
    RememberedDevice known = recent.getIfPresent(key);
    if (known == null) {
      known = store.find(villageId, mac, now).orElse(null);
      if (known == null) {
        return Optional.empty();
      }
      recent.put(key, known);
    }
    return now.isBefore(known.expiresAt()) ? Optional.of(known.userId()) : Optional.empty();
  }
}
