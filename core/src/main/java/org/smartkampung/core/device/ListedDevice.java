package org.smartkampung.core.device;

import java.time.Instant;

/**
 * A device on one of a village's lists. A MAC is on at most one list of a village: listing it again
 * replaces the entry.
 *
 * @param villageId the village whose hotspots apply the entry; other villages do not
 * @param mac the device's MAC in lowercase colon form ({@link org.smartkampung.core.nas.Macs})
 * @param kind blocked or bypass
 * @param note what the admin wrote about the device; may be empty
 * @param addedBy the admin who listed it
 * @param addedAt when it was listed
 */
public record ListedDevice(
    String villageId,
    String mac,
    DeviceListKind kind,
    String note,
    String addedBy,
    Instant addedAt) {}
