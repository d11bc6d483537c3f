package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smartkampung.portal.testing.PortalHarness.form;
import static org.smartkampung.portal.testing.PortalHarness.state;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.device.DeviceListKind;
import org.smartkampung.core.device.ListedDevice;
import org.smartkampung.core.login.FailedLogin;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * A villager on a device the village blocked, coming through the MikroTik hotspot's redirect: the
 * portal refuses the login with the same words RADIUS would send, mints no token, and the console
 * sees the refusal; another device of the same hotspot still gets in.
 */
class BlockedDeviceLoginTest {

  PortalHarness portal;

  @BeforeEach
  void start() throws Exception {
    portal = PortalHarness.start();
    portal
        .stores
        .deviceLists()
        .add(
            new ListedDevice(
                "kemiren", "3c:5a:b4:01:02:03", DeviceListKind.BLOCKED, "", "budi", Instant.now()));
  }

  @AfterEach
  void stop() throws Exception {
    portal.close();
  }

  @Test
  void aBlockedDeviceIsToldWhyAndGetsNoToken() {
    String landing = portal.get(NasLoginFlowTest.mikrotikQuery("")).body();

    HttpResponse<String> r =
        portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));

    assertThat(r.body())
        .contains("Perangkat ini diblokir oleh admin desa. Hubungi kantor desa.")
        .doesNotContain("action=\"http://10.5.50.1/login\"");
    assertThat(portal.stores.tokens).isEmpty();
    await()
        .atMost(PortalHarness.WAIT)
        .until(
            () ->
                portal.stores.failedLogins().recent("kemiren", 5).stream()
                    .map(FailedLogin::reason)
                    .anyMatch("device_blocked"::equals));
  }

  @Test
  void anotherDeviceOfTheSameHotspotStillGetsIn() {
    String landing =
        portal.get(NasLoginFlowTest.mikrotikQuery("").replace("mac=3C%3A5A", "mac=3E%3A5A")).body();

    String html = portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on")).body();

    assertThat(html).contains("action=\"http://10.5.50.1/login\"");
  }
}
