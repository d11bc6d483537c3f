package org.smartkampung.core.device;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Each village's blocked and bypass devices, by MAC, durable in the configured store. On Redis an
 * edit made by one server applies on every server at once (within a few seconds should a notice be
 * lost). Lookups are cheap enough for every Access-Request. Thread-safe.
 */
public interface DeviceListStore {

  /** Lists the device, replacing whatever the village listed under its MAC. */
  void add(ListedDevice device);

  /**
   * Takes the MAC off the village's lists.
   *
   * @return whether it was listed
   */
  boolean remove(String villageId, String mac);

  /** The village's entry for a normalised MAC; empty when it is on neither list. */
  Optional<ListedDevice> find(String villageId, String mac);

  /** The village's entries, blocked first, each list by MAC. */
  List<ListedDevice> list(String villageId);

  /** Whether the village blocked the (normalised) MAC; false for an empty MAC. */
  default boolean blocked(String villageId, String mac) {
    return !mac.isEmpty()
        && find(villageId, mac).map(d -> d.kind() == DeviceListKind.BLOCKED).orElse(false);
  }

  /** Whether the village lets the (normalised) MAC bypass the sign-in page; false for "". */
  default boolean bypass(String villageId, String mac) {
    return !mac.isEmpty()
        && find(villageId, mac).map(d -> d.kind() == DeviceListKind.BYPASS).orElse(false);
  }

  /** Orders a village's entries as {@link #list} returns them. */
  static List<ListedDevice> ordered(Collection<ListedDevice> devices) {
    return devices.stream()
        .sorted(Comparator.comparing(ListedDevice::kind).thenComparing(ListedDevice::mac))
        .toList();
  }
}
