package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;
import static org.smartkampung.portal.testing.PortalHarness.state;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.PortalSettings;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * The portal behind nginx for HTTPS (docs/DEPLOY-CENTRAL.md): every request reaches it from
 * 127.0.0.1. With the proxy trusted, each villager's failed logins count against their own address;
 * without it, no header changes what the portal counts.
 */
class TrustedProxyTest {

  private static final String VILLAGER = "203.0.113.7";
  private static final String NEIGHBOUR = "203.0.113.8";

  @Test
  void behindATrustedProxyOneVillagersFailuresDoNotLockOutTheNext() throws Exception {
    try (PortalHarness portal = PortalHarness.start(behindProxy(List.of("127.0.0.1")))) {
      failUntilLimited(portal, VILLAGER);
      assertThat(wrongVoucher(portal, 999, VILLAGER).statusCode()).isEqualTo(429);

      HttpResponse<String> neighbour = wrongVoucher(portal, 1000, NEIGHBOUR);

      assertThat(neighbour.statusCode()).isEqualTo(400);
      assertThat(neighbour.body()).contains("Kode voucher tidak dikenal");
    }
  }

  @Test
  void aClientCannotEscapeTheLimitByWritingItsOwnForwardedFor() throws Exception {
    try (PortalHarness portal = PortalHarness.start(behindProxy(List.of("127.0.0.1")))) {
      // nginx appends the address it saw: whatever the client wrote comes before it.
      failUntilLimited(portal, "10.0.0.1, " + VILLAGER);

      assertThat(wrongVoucher(portal, 999, "10.0.0.2, " + VILLAGER).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void withoutATrustedProxyForwardedForIsIgnored() throws Exception {
    try (PortalHarness portal = PortalHarness.start(behindProxy(List.of()))) {
      for (int i = 0; i < PortalServer.MAX_SOURCE_FAILURES; i++) {
        assertThat(wrongVoucher(portal, i, "198.51.100." + (i + 1)).statusCode()).isEqualTo(400);
      }

      assertThat(wrongVoucher(portal, 999, "198.51.100.200").statusCode()).isEqualTo(429);
    }
  }

  private static void failUntilLimited(PortalHarness portal, String forwardedFor) {
    for (int i = 0; i < PortalServer.MAX_SOURCE_FAILURES; i++) {
      assertThat(wrongVoucher(portal, i, forwardedFor).statusCode()).isEqualTo(400);
    }
  }

  /** A wrong voucher from a new device behind the hotspot, as the proxy forwards it. */
  private static HttpResponse<String> wrongVoucher(PortalHarness portal, int n, String xff) {
    Map<String, String> p = PortalSecurityTest.mikrotik();
    p.put("mac", String.format("3C:5A:B4:00:%02X:%02X", n / 256, n % 256));
    p.put("ip", "10.5." + (50 + n / 250) + "." + (n % 250 + 1));
    String landing = portal.get("/?" + PortalHarness.encode(p), "X-Forwarded-For", xff).body();
    return portal.post(
        "/masuk/voucher", form("s", state(landing), "kode", "SALAH" + n), "X-Forwarded-For", xff);
  }

  private static KampungConfig behindProxy(List<String> trustedProxies) {
    KampungConfig c = PortalHarness.config(OpeningHours.ALWAYS, PortalHarness.PUBLIC_URL);
    PortalSettings p = c.portal();
    return new KampungConfig(
        c.regency(),
        c.store(),
        c.radius(),
        new PortalSettings(
            p.enabled(),
            p.bindAddress(),
            p.port(),
            p.publicUrl(),
            p.headerTimeoutSeconds(),
            p.idleTimeoutSeconds(),
            p.maxConnectionsPerSource(),
            p.admin(),
            p.signingKeyRotationHours(),
            trustedProxies),
        c.gateway(),
        c.loginMethods(),
        c.policies(),
        c.villages(),
        c.hotspots(),
        c.subscribers());
  }
}
