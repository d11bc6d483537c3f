package org.smartkampung.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RememberedDeviceStore} must do. Villages are fresh per test. */
public abstract class RememberedDeviceStoreContract {

  protected static final Instant NOW = Instant.now();
  protected static final String MAC = "a4:5e:60:11:22:33";

  protected RememberedDeviceStore store;
  protected String village;

  protected abstract RememberedDeviceStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
    village = "desa-" + UUID.randomUUID();
  }

  protected RememberedDevice device(String userId, Duration memory) {
    return new RememberedDevice(village, MAC, userId, NOW.plus(memory));
  }

  @Test
  void unknownDeviceIsNotFound() {
    assertThat(store.find(village, MAC, NOW)).isEmpty();
  }

  @Test
  void rememberedDeviceIsFoundWithItsUser() {
    store.remember(device("siti", Duration.ofDays(30)));

    assertThat(store.find(village, MAC, NOW)).contains(device("siti", Duration.ofDays(30)));
  }

  @Test
  void deviceIsRememberedOnlyInItsOwnVillage() {
    store.remember(device("siti", Duration.ofDays(30)));

    assertThat(store.find(village + "-lain", MAC, NOW)).isEmpty();
    assertThat(store.find(village, "a4:5e:60:11:22:34", NOW)).isEmpty();
  }

  @Test
  void deviceIsForgottenAtItsExpiry() {
    store.remember(device("siti", Duration.ofDays(30)));

    assertThat(store.find(village, MAC, NOW.plus(Duration.ofDays(30)).minusMillis(1))).isPresent();
    assertThat(store.find(village, MAC, NOW.plus(Duration.ofDays(30)))).isEmpty();
  }

  @Test
  void rememberingAgainReplacesTheUserAndTheExpiry() {
    store.remember(device("siti", Duration.ofDays(1)));
    store.remember(device("budi", Duration.ofDays(30)));

    assertThat(store.find(village, MAC, NOW.plus(Duration.ofDays(2))))
        .map(RememberedDevice::userId)
        .contains("budi");
  }
}
