package org.smartkampung.core.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.login.RememberedDevice;
import org.smartkampung.core.login.RememberedDeviceStore;

/**
 * Remembered devices in-process, durable in {@code <dataDir>/remembered-devices.jsonl}: a device is
 * on disk before {@link #remember} returns, so it survives a restart. Expired devices are dropped
 * when the store opens (they are ignored before that), so the file holds about the devices of one
 * remembering period. Thread-safe.
 */
public final class EmbeddedRememberedDeviceStore implements RememberedDeviceStore, AutoCloseable {

  private final JsonJournal<RememberedDevice> journal;

  /** Opens the journal and forgets the devices already expired at {@code now}. */
  public EmbeddedRememberedDeviceStore(Path dataDir, Instant now) {
    this.journal =
        JsonJournal.open(dataDir.resolve("remembered-devices.jsonl"), RememberedDevice.class);
    List<String> expired =
        journal.entries().entrySet().stream()
            .filter(e -> !now.isBefore(e.getValue().expiresAt()))
            .map(Map.Entry::getKey)
            .toList();
    expired.forEach(journal::remove);
  }

  static String key(String villageId, String mac) {
    return villageId + "/" + mac;
  }

  @Override
  public synchronized void remember(RememberedDevice device) {
    journal.put(key(device.villageId(), device.mac()), device);
  }

  @Override
  public synchronized Optional<RememberedDevice> find(String villageId, String mac, Instant now) {
    RememberedDevice device = journal.get(key(villageId, mac));
    return device != null && now.isBefore(device.expiresAt())
        ? Optional.of(device)
        : Optional.empty();
  }

  @Override
  public synchronized void close() {
    journal.close();
  }
}
