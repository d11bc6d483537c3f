package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.device.DeviceListKind;
import org.smartkampung.core.device.DeviceListStore;
import org.smartkampung.core.device.DeviceListStoreContract;

class EmbeddedDeviceListStoreTest extends DeviceListStoreContract {

  @TempDir Path dataDir;
  private EmbeddedDeviceListStore opened;

  @Override
  protected DeviceListStore newStore() {
    opened = new EmbeddedDeviceListStore(dataDir);
    return opened;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }

  @Test
  void listsSurviveReopeningTheDataDirectory() {
    store.add(entry(MAC, DeviceListKind.BLOCKED));
    store.add(entry("02:00:00:00:00:01", DeviceListKind.BYPASS));
    store.remove(village, "02:00:00:00:00:01");
    store.add(entry("02:00:00:00:00:02", DeviceListKind.BYPASS));
    opened.close();

    opened = new EmbeddedDeviceListStore(dataDir);

    assertThat(opened.blocked(village, MAC)).isTrue();
    assertThat(opened.bypass(village, "02:00:00:00:00:02")).isTrue();
    assertThat(opened.find(village, "02:00:00:00:00:01")).isEmpty();
  }
}
