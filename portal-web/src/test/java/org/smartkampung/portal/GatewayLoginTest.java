package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;
import static org.smartkampung.portal.testing.PortalHarness.state;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.portal.testing.FakeGateway;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * Login through our own gateway: its signed redirect in, the portal's signed authorize and logout
 * calls out, checked by a fake gateway that verifies the signature with its own HMAC.
 */
class GatewayLoginTest {

  static final long NOW = PortalHarness.EVENING.getEpochSecond();

  FakeGateway gateway;
  PortalHarness portal;

  @BeforeEach
  void start() throws Exception {
    gateway = new FakeGateway(PortalHarness.GATEWAY_KEY);
    portal =
        PortalHarness.start(
            PortalHarness.withGateway(
                PortalHarness.config(OpeningHours.ALWAYS, PortalHarness.PUBLIC_URL),
                gateway.port()));
  }

  @AfterEach
  void stop() throws Exception {
    portal.close();
    gateway.close();
  }

  static Map<String, String> redirect() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("gw", PortalHarness.GATEWAY_ID);
    p.put("ip", "10.5.60.23");
    p.put("mac", "3c:5a:b4:01:02:03");
    p.put("url", "http://example.com/berita");
    return p;
  }

  String landing(Map<String, String> params, long ts) {
    HttpResponse<String> r =
        portal.get("/?" + PortalHarness.encode(gateway.signedRedirect(params, ts)));
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  LoginToken onlyToken() {
    assertThat(portal.stores.tokens).hasSize(1);
    return portal.stores.tokens.values().iterator().next();
  }

  double refused(String reason) {
    var counter =
        portal.registry.find("kampung.portal.gateway.refused").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void clickThroughSendsASignedAuthorizeWithTheTokenAndLandsOnTheStatusPage() {
    String landing = landing(redirect(), NOW);
    assertThat(landing).contains("Kemiren").contains("action=\"/masuk/gratis\"");

    HttpResponse<String> r =
        portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));

    assertThat(r.statusCode()).isEqualTo(303);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/status?s=");
    LoginToken token = onlyToken();
    assertThat(token.deviceMac()).isEqualTo("3c:5a:b4:01:02:03");
    assertThat(token.villageId()).isEqualTo("kemiren");
    assertThat(gateway.calls()).hasSize(1);
    FakeGateway.Call call = gateway.calls().get(0);
    assertThat(call.path()).isEqualTo("/kampung/authorize");
    assertThat(call.signatureValid()).isTrue();
    assertThat(call.params())
        .containsEntry("op", "authorize")
        .containsEntry("gw", PortalHarness.GATEWAY_ID)
        .containsEntry("ip", "10.5.60.23")
        .containsEntry("mac", "3c:5a:b4:01:02:03")
        .containsEntry("username", token.username())
        .containsEntry("secret", token.secret())
        .containsEntry("ts", Long.toString(NOW))
        .containsOnlyKeys("op", "gw", "ip", "mac", "username", "secret", "ts", "sig");
    String status = portal.get(location).body();
    assertThat(status).contains("Anda sedang terhubung").contains("http://example.com/berita");
  }

  @Test
  void aRadiusRejectShowsTheRefusalPageWithTheReplyMessageEscaped() {
    gateway.answer(403, "{\"result\":\"reject\",\"message\":\"Kuota desa habis <b>hari ini</b>\"}");
    String landing = landing(redirect(), NOW);

    HttpResponse<String> r =
        portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("Login ditolak")
        .contains("Kuota desa habis &lt;b&gt;hari ini&lt;/b&gt;")
        .doesNotContain("<b>hari ini");
    assertThat(gateway.calls()).hasSize(1);
  }

  @Test
  void aFailingOrUnreachableGatewayShowsTheServiceDisruptionPage() {
    gateway.answer(503, "{\"result\":\"error\",\"message\":\"RADIUS tidak menjawab\"}");
    String landing = landing(redirect(), NOW);

    HttpResponse<String> failing =
        portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));
    gateway.close();
    HttpResponse<String> unreachable =
        portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));

    assertThat(failing.body())
        .contains("Layanan sedang terganggu")
        .contains("RADIUS tidak menjawab");
    assertThat(unreachable.statusCode()).isEqualTo(200);
    assertThat(unreachable.body()).contains("Layanan sedang terganggu");
  }

  @Test
  void aForgedRedirectIsRefusedCountedAndNeverReachesTheGateway() {
    Map<String, String> signed = gateway.signedRedirect(redirect(), NOW);
    signed.put("ip", "10.5.60.99");

    HttpResponse<String> r = portal.get("/?" + PortalHarness.encode(signed));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("Tautan dari gateway desa tidak sah")
        .doesNotContain("action=\"/masuk/");
    assertThat(refused("bad_signature")).isEqualTo(1);
    assertThat(gateway.calls()).isEmpty();
  }

  @Test
  void aRedirectSignedWithAnotherKeyOrForAnotherGatewayIsRefused() throws Exception {
    Map<String, String> otherGateway = redirect();
    otherGateway.put("gw", "gateway-lain");
    HttpResponse<String> other =
        portal.get("/?" + PortalHarness.encode(gateway.signedRedirect(otherGateway, NOW)));
    HttpResponse<String> otherKey;
    try (FakeGateway stranger = new FakeGateway("kunci-lain-yang-cukup-panjang")) {
      otherKey = portal.get("/?" + PortalHarness.encode(stranger.signedRedirect(redirect(), NOW)));
    }
    HttpResponse<String> unsigned = portal.get("/?" + PortalHarness.encode(redirect()));

    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(otherKey.statusCode()).isEqualTo(400);
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(otherKey.body()).contains("tidak sah");
    assertThat(refused("bad_signature")).isEqualTo(3);
  }

  @Test
  void aStaleOrFutureRedirectIsRefusedAsExpired() {
    HttpResponse<String> old =
        portal.get("/?" + PortalHarness.encode(gateway.signedRedirect(redirect(), NOW - 121)));
    HttpResponse<String> future =
        portal.get("/?" + PortalHarness.encode(gateway.signedRedirect(redirect(), NOW + 121)));
    HttpResponse<String> recent =
        portal.get("/?" + PortalHarness.encode(gateway.signedRedirect(redirect(), NOW - 120)));

    assertThat(old.statusCode()).isEqualTo(400);
    assertThat(old.body()).contains("sudah kedaluwarsa").doesNotContain("action=\"/masuk/");
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(recent.statusCode()).isEqualTo(200);
    assertThat(refused("stale")).isEqualTo(2);
  }

  @Test
  void logoutFromTheStatusPageSendsASignedLogoutToTheGateway() {
    String landing = landing(redirect(), NOW);
    String location =
        portal
            .post("/masuk/gratis", form("s", state(landing), "setuju", "on"))
            .headers()
            .firstValue("Location")
            .orElseThrow();
    String status = portal.get(location).body();

    HttpResponse<String> r =
        portal.post(
            "/keluar", form("s", state(status), "csrf", PortalHarness.field(status, "csrf")));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Anda sudah keluar");
    assertThat(gateway.calls()).hasSize(2);
    FakeGateway.Call logout = gateway.calls().get(1);
    assertThat(logout.path()).isEqualTo("/kampung/logout");
    assertThat(logout.signatureValid()).isTrue();
    assertThat(logout.params())
        .containsEntry("op", "logout")
        .containsEntry("gw", PortalHarness.GATEWAY_ID)
        .containsEntry("ip", "10.5.60.23")
        .containsOnlyKeys("op", "gw", "ip", "ts", "sig");
  }

  @Test
  void aScriptUrlInASignedRedirectIsDroppedNotOfferedAsALink() {
    Map<String, String> p = redirect();
    p.put("url", "javascript:alert(1)");
    String landing = landing(p, NOW);

    String location =
        portal
            .post("/masuk/gratis", form("s", state(landing), "setuju", "on"))
            .headers()
            .firstValue("Location")
            .orElseThrow();
    String status = portal.get(location).body();

    assertThat(landing).doesNotContain("javascript:");
    assertThat(status).contains("Anda sedang terhubung").doesNotContain("javascript:");
  }
}
