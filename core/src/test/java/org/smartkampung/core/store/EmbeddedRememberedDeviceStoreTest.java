package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.login.RememberedDeviceStore;
import org.smartkampung.core.login.RememberedDeviceStoreContract;

class EmbeddedRememberedDeviceStoreTest extends RememberedDeviceStoreContract {

  @TempDir Path dataDir;
  private EmbeddedRememberedDeviceStore opened;

  @Override
  protected RememberedDeviceStore newStore() {
    opened = new EmbeddedRememberedDeviceStore(dataDir, NOW);
    return opened;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }

  @Test
  void deviceSurvivesReopeningTheDataDirectory() {
    store.remember(device("siti", Duration.ofDays(30)));
    opened.close();

    opened = new EmbeddedRememberedDeviceStore(dataDir, NOW.plusSeconds(60));

    assertThat(opened.find(village, MAC, NOW.plusSeconds(60))).isPresent();
  }

  @Test
  void expiredDevicesAreDroppedFromTheFileWhenItOpens() throws Exception {
    store.remember(device("siti", Duration.ofDays(1)));
    opened.close();

    opened = new EmbeddedRememberedDeviceStore(dataDir, NOW.plus(Duration.ofDays(2)));
    opened.close();
    opened = new EmbeddedRememberedDeviceStore(dataDir, NOW);

    assertThat(opened.find(village, MAC, NOW)).isEmpty();
    assertThat(Files.readString(dataDir.resolve("remembered-devices.jsonl"))).doesNotContain(MAC);
  }
}
