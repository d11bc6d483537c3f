package org.smartkampung.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a hotspot's sighting through to the store at most once per {@link #EVERY}: a busy hotspot
 * sends many packets a second, while health needs minutes. Never throws from {@link #seen}: a
 * RADIUS answer must not wait for or fail on the health record.
 */
public final class CoalescedSightings implements HotspotSightings {

  private static final Logger log = LoggerFactory.getLogger(CoalescedSightings.class);

  /** Longest a sighting waits before it is written (much less than any threshold). */
  public static final Duration EVERY = Duration.ofSeconds(30);

  private final HotspotSightings store;
  // One entry per hotspot that spoke; hotspots are a configured, bounded set.
  private final Map<String, Instant> written = new ConcurrentHashMap<>();

  public CoalescedSightings(HotspotSightings store) {
    this.store = store;
  }

  @Override
  public void seen(String hotspot, Instant at) {
    Instant before = written.get(hotspot);
    if (before != null && at.isBefore(before.plus(EVERY))) {
      return;
    }
    written.put(hotspot, at);
    try {
      store.seen(hotspot, at);
    } catch (RuntimeException e) {
      written.remove(hotspot);
      log.debug("sighting of hotspot {} not kept: {}", hotspot, e.toString());
    }
  }

  @Override
  public Map<String, Instant> lastSeen() {
    return store.lastSeen();
  }

  @Override
  public Optional<HotspotState> announce(String hotspot, HotspotState state) {
    return store.announce(hotspot, state);
  }

  @Override
  public void forget(String hotspot) {
    written.remove(hotspot);
    store.forget(hotspot);
  }
}
