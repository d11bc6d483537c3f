package org.smartkampung.radius.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.login.RememberedDevice;
import org.smartkampung.core.login.RememberedDeviceStore;
import org.smartkampung.core.store.EmbeddedRememberedDeviceStore;
import org.smartkampung.core.testing.MutableClock;

class RememberedDevicesTest {

  private static final String MAC = "00:1a:2b:3c:4d:5e";

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  private final AtomicInteger writes = new AtomicInteger();
  private EmbeddedRememberedDeviceStore embedded;
  private RememberedDeviceStore counting;

  @BeforeEach
  void open() {
    embedded = new EmbeddedRememberedDeviceStore(dataDir, clock.instant());
    counting =
        new RememberedDeviceStore() {
          @Override
          public void remember(RememberedDevice device) {
            writes.incrementAndGet();
            embedded.remember(device);
          }

          @Override
          public java.util.Optional<RememberedDevice> find(String v, String mac, Instant now) {
            return embedded.find(v, mac, now);
          }
        };
  }

  @AfterEach
  void close() {
    embedded.close();
  }

  @Test
  void repeatedLoginsOfTheSameDeviceWriteTheStoreOnce() {
    RememberedDevices devices = new RememberedDevices(counting, clock, Duration.ofDays(30));

    devices.remember("kemiren", MAC, "siti");
    clock.advance(Duration.ofMinutes(1));
    devices.remember("kemiren", MAC, "siti");

    assertThat(writes).hasValue(1);
  }

  @Test
  void anotherUserOnTheSameDeviceIsWrittenAtOnce() {
    RememberedDevices devices = new RememberedDevices(counting, clock, Duration.ofDays(30));

    devices.remember("kemiren", MAC, "siti");
    devices.remember("kemiren", MAC, "budi");

    assertThat(writes).hasValue(2);
    assertThat(new RememberedDevices(counting, clock, Duration.ofDays(30)).userOf("kemiren", MAC))
        .contains("budi");
  }

  @Test
  void aDeviceRememberedByAnotherInstanceIsFoundInTheStore() {
    new RememberedDevices(counting, clock, Duration.ofDays(30)).remember("kemiren", MAC, "siti");

    RememberedDevices other = new RememberedDevices(counting, clock, Duration.ofDays(30));

    assertThat(other.userOf("kemiren", MAC)).contains("siti");
    assertThat(other.userOf("tamansari", MAC)).isEmpty();
  }

  @Test
  void aDeviceIsForgottenAfterTheRememberedPeriod() {
    RememberedDevices devices = new RememberedDevices(counting, clock, Duration.ofDays(30));
    devices.remember("kemiren", MAC, "siti");

    clock.advance(Duration.ofDays(30));

    assertThat(devices.userOf("kemiren", MAC)).isEmpty();
  }

  @Test
  void aReturningDeviceHasItsPeriodExtendedOnceADay() {
    RememberedDevices devices = new RememberedDevices(counting, clock, Duration.ofDays(30));
    devices.remember("kemiren", MAC, "siti");

    clock.advance(Duration.ofDays(20));
    devices.remember("kemiren", MAC, "siti");
    clock.advance(Duration.ofDays(20));

    assertThat(writes).hasValue(2);
    assertThat(devices.userOf("kemiren", MAC)).contains("siti");
  }
}
