package org.smartkampung.core.health;

/** How a hotspot is doing, as the kabupaten sees it. */
public enum HotspotState {
  /** Heard from within the quiet threshold (or silent only while its village was closed). */
  UP,
  /** Silent for the quiet threshold of opening time: maybe just nobody online. */
  QUIET,
  /** Silent for the down threshold of opening time: likely off, unplugged or cut off. */
  DOWN,
  /** Never heard from since the store has kept sightings. */
  NEVER_SEEN
}
