package org.smartkampung.core.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.smartkampung.core.device.DeviceListStore;
import org.smartkampung.core.device.ListedDevice;

/**
 * Device lists in-process, durable in {@code <dataDir>/device-lists.jsonl}: an edit is on disk
 * before it returns, so it survives a restart. Bounded by what admins list. Thread-safe.
 */
public final class EmbeddedDeviceListStore implements DeviceListStore, AutoCloseable {

  private final JsonJournal<ListedDevice> journal;

  public EmbeddedDeviceListStore(Path dataDir) {
    this.journal = JsonJournal.open(dataDir.resolve("device-lists.jsonl"), ListedDevice.class);
  }

  private static String key(String villageId, String mac) {
    return villageId + "/" + mac;
  }

  @Override
  public synchronized void add(ListedDevice device) {
    journal.put(key(device.villageId(), device.mac()), device);
  }

  @Override
  public synchronized boolean remove(String villageId, String mac) {
    String key = key(villageId, mac);
    if (journal.get(key) == null) {
      return false;
    }
    journal.remove(key);
    return true;
  }

  @Override
  public synchronized Optional<ListedDevice> find(String villageId, String mac) {
    return Optional.ofNullable(journal.get(key(villageId, mac)));
  }

  @Override
  public synchronized List<ListedDevice> list(String villageId) {
    return DeviceListStore.ordered(
        journal.values().stream().filter(d -> d.villageId().equals(villageId)).toList());
  }

  @Override
  public synchronized void close() {
    journal.close();
  }
}
