package org.smartkampung.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DeviceListStore} must do. Villages are fresh per test. */
public abstract class DeviceListStoreContract {

  protected static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  protected static final String MAC = "a4:5e:60:11:22:33";

  protected DeviceListStore store;
  protected String village;

  protected abstract DeviceListStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
    village = "desa-" + UUID.randomUUID();
  }

  protected ListedDevice entry(String mac, DeviceListKind kind) {
    return new ListedDevice(village, mac, kind, "catatan " + mac, "admin-a", NOW);
  }

  @Test
  void anUnlistedDeviceIsNeitherBlockedNorBypass() {
    assertThat(store.find(village, MAC)).isEmpty();
    assertThat(store.blocked(village, MAC)).isFalse();
    assertThat(store.bypass(village, MAC)).isFalse();
    assertThat(store.blocked(village, "")).isFalse();
  }

  @Test
  void aBlockedDeviceIsBlockedOnlyInItsVillage() {
    store.add(entry(MAC, DeviceListKind.BLOCKED));

    assertThat(store.blocked(village, MAC)).isTrue();
    assertThat(store.bypass(village, MAC)).isFalse();
    assertThat(store.blocked(village + "-lain", MAC)).isFalse();
    assertThat(store.find(village, MAC)).contains(entry(MAC, DeviceListKind.BLOCKED));
  }

  @Test
  void listingAgainMovesTheDeviceToTheOtherList() {
    store.add(entry(MAC, DeviceListKind.BLOCKED));
    store.add(entry(MAC, DeviceListKind.BYPASS));

    assertThat(store.blocked(village, MAC)).isFalse();
    assertThat(store.bypass(village, MAC)).isTrue();
    assertThat(store.list(village)).hasSize(1);
  }

  @Test
  void removingTakesTheDeviceOffAndSaysWhetherItWasListed() {
    store.add(entry(MAC, DeviceListKind.BLOCKED));

    assertThat(store.remove(village, MAC)).isTrue();
    assertThat(store.remove(village, MAC)).isFalse();
    assertThat(store.blocked(village, MAC)).isFalse();
    assertThat(store.list(village)).isEmpty();
  }

  @Test
  void theListShowsBlockedFirstThenBypassEachByMac() {
    store.add(entry("02:00:00:00:00:09", DeviceListKind.BYPASS));
    store.add(entry("02:00:00:00:00:02", DeviceListKind.BLOCKED));
    store.add(entry("02:00:00:00:00:01", DeviceListKind.BLOCKED));

    assertThat(store.list(village))
        .extracting(ListedDevice::mac)
        .containsExactly("02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:09");
  }
}
