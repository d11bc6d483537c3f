package org.smartkampung.core.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * When each hotspot was last heard from, and which state was last announced for it (so that with
 * several servers on one store, exactly one sends each webhook). Shared by every server on Redis.
 */
public interface HotspotSightings {

  /** Keeps {@code at} as the hotspot's last sighting unless a later one is kept already. */
  void seen(String hotspot, Instant at);

  /** Every hotspot's last sighting. */
  Map<String, Instant> lastSeen();

  /**
   * Records {@code state} as announced for the hotspot, atomically.
   *
   * @return the state announced before, empty when none was
   */
  Optional<HotspotState> announce(String hotspot, HotspotState state);

  /** Forgets a hotspot that was removed. */
  void forget(String hotspot);
}
