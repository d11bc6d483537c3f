package org.smartkampung.core.health;

import java.time.Instant;

/**
 * A hotspot that went down during opening hours, or came back.
 *
 * @param down true when it went down, false when it came back up
 * @param hotspot the NAS name
 * @param villageId its village
 * @param villageName the village's name
 * @param kecamatan the village's kecamatan, "" when unknown
 * @param lastSeen when it was last heard from
 * @param at when the watch noticed
 * @param zoneLabel the village's time zone as villagers write it (WIB, WITA, WIT)
 */
public record HotspotTransition(
    boolean down,
    String hotspot,
    String villageId,
    String villageName,
    String kecamatan,
    Instant lastSeen,
    Instant at,
    String zoneLabel) {}
