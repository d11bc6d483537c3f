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

  /**
   * Most entries one village's lists hold together: a desa lists the few devices it must, and a
   * bound keeps every RADIUS lookup and the console page cheap. A full village must take entries
   * off before adding new ones ({@link #isFull}); replacing an entry's list or note is always
   * allowed.
   */
  int MAX_PER_VILLAGE = 2_000;

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

  /** Whether listing {@code mac} would take the village past {@link #MAX_PER_VILLAGE}. */
  default boolean isFull(String villageId, String mac) {
    return find(villageId, mac).isEmpty() && list(villageId).size() >= MAX_PER_VILLAGE;
  }

  /** Orders a village's entries as {@link #list} returns them. */
  static List<ListedDevice> ordered(Collection<ListedDevice> devices) {
    return devices.stream()
        .sorted(Comparator.comparing(ListedDevice::kind).thenComparing(ListedDevice::mac))
        .toList();
  }
}
