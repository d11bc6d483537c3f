package org.smartkampung.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.smartkampung.core.health.HotspotSightings;
import org.smartkampung.core.health.HotspotState;

/**
 * {@link HotspotSightings} in memory: one entry per hotspot that spoke (a configured, bounded set).
 * After a restart every hotspot is "never seen" until its next packet, minutes at most for one in
 * use.
 */
public final class EmbeddedHotspotSightings implements HotspotSightings {

  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
  private final Map<String, HotspotState> announced = new ConcurrentHashMap<>();

  @Override
  public void seen(String hotspot, Instant at) {
    seen.merge(hotspot, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public Map<String, Instant> lastSeen() {
    return Map.copyOf(seen);
  }

  @Override
  public Optional<HotspotState> announce(String hotspot, HotspotState state) {
    return Optional.ofNullable(announced.put(hotspot, state));
  }

  @Override
  public void forget(String hotspot) {
    seen.remove(hotspot);
    announced.remove(hotspot);
  }
}
