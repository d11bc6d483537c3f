package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;
import static org.smartkampung.portal.testing.PortalHarness.state;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * The hotspot, not the villager's address bar, says which village and which device a login is for,
 * and where the one-time login is sent.
 */
class HotspotIdentityTest {

  PortalHarness portal;

  @BeforeEach
  void start() throws Exception {
    portal = PortalHarness.start();
  }

  @AfterEach
  void stop() throws Exception {
    portal.close();
  }

  static Map<String, String> mikrotik() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("link-login-only", "http://10.5.50.1/login");
    p.put("link-orig", "http://example.com/");
    p.put("mac", "3C:5A:B4:01:02:03");
    p.put("ip", "10.5.50.23");
    p.put("nasid", "kemiren-mt");
    return p;
  }

  Map<String, String> chilli() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("res", "notyet");
    p.put("uamip", "10.1.0.1");
    p.put("uamport", "3990");
    p.put("challenge", "c0ffee00112233445566778899aabbcc");
    p.put("mac", "3C-5A-B4-0A-0B-0C");
    p.put("nasid", "kemiren-chilli");
    p.put("userurl", "http://example.com/");
    return p;
  }

  String signedByChilli(Map<String, String> params) throws Exception {
    String path = "/?" + PortalHarness.encode(params);
    byte[] md =
        MessageDigest.getInstance("MD5")
            .digest(
                (portal.base() + path + PortalHarness.UAM_SECRET).getBytes(StandardCharsets.UTF_8));
    return path + "&md=" + HexFormat.of().withUpperCase().formatHex(md);
  }

  /** Taps "Internet Gratis" on the landing page at {@code path}; the portal's answer. */
  HttpResponse<String> clickThrough(String path) {
    String landing = portal.get(path).body();
    return portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));
  }

  LoginToken onlyToken() {
    assertThat(portal.stores.tokens).hasSize(1);
    return portal.stores.tokens.values().iterator().next();
  }

  @Test
  void aLoginStartedAtAnotherVillagesPageIsForTheHotspotsVillage() {
    String landing = portal.get("/desa/tamansari?" + PortalHarness.encode(mikrotik())).body();
    assertThat(landing).contains("Kemiren").doesNotContain("Selamat datang di Desa Tamansari");

    HttpResponse<String> r =
        portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));

    assertThat(r.body()).contains("action=\"http://10.5.50.1/login\"");
    assertThat(onlyToken().villageId()).isEqualTo("kemiren");
  }

  @Test
  void theOneTimeLoginIsBoundToTheHotspotAndTheDeviceItReported() {
    clickThrough("/?" + PortalHarness.encode(mikrotik()));

    LoginToken token = onlyToken();
    assertThat(token.hotspot()).isEqualTo("kemiren-mt");
    assertThat(token.deviceMac()).isEqualTo("3c:5a:b4:01:02:03");
  }

  @Test
  void aLinkLoginOnlyOffTheHotspotsLoginHostNeverGetsTheLogin() {
    for (String evil :
        new String[] {
          "http://evil.example/login", "https://10.5.50.1.evil.example/login", "http://10.5.50.2/"
        }) {
      Map<String, String> p = mikrotik();
      p.put("link-login-only", evil);

      HttpResponse<String> landing = portal.get("/?" + PortalHarness.encode(p));
      HttpResponse<String> r =
          portal.post("/masuk/gratis", form("s", state(landing.body()), "setuju", "on"));

      assertThat(landing.statusCode()).as(evil).isEqualTo(400);
      assertThat(r.body()).as(evil).doesNotContain(evil).doesNotContain("nas-login");
      assertThat(portal.stores.tokens.values()).allMatch(t -> t.hotspot().isEmpty());
    }
  }

  @Test
  void aMikrotikRedirectThatDoesNotNameAConfiguredHotspotIsRefused() {
    Map<String, String> anonymous = mikrotik();
    anonymous.remove("nasid");
    Map<String, String> stranger = mikrotik();
    stranger.put("nasid", "tamansari-mt");

    for (Map<String, String> p : List.of(anonymous, stranger)) {
      HttpResponse<String> r = clickThrough("/desa/tamansari?" + PortalHarness.encode(p));
      assertThat(r.body()).doesNotContain("nas-login").doesNotContain("10.5.50.1/login");
    }
    assertThat(portal.stores.tokens.values()).allMatch(t -> t.hotspot().isEmpty());
  }

  @Test
  void aChilliRedirectWithoutNasidOrWithAForeignUamipIsRefused() throws Exception {
    Map<String, String> noNasid = chilli();
    noNasid.remove("nasid");
    Map<String, String> foreignUamip = chilli();
    foreignUamip.put("uamip", "10.66.0.1");

    for (String path :
        new String[] {
          "/?" + PortalHarness.encode(noNasid),
          signedByChilli(noNasid),
          signedByChilli(foreignUamip)
        }) {
      HttpResponse<String> landing = portal.get(path);
      HttpResponse<String> r =
          portal.post("/masuk/gratis", form("s", state(landing.body()), "setuju", "on"));
      assertThat(landing.statusCode()).as(path).isEqualTo(400);
      assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("logon");
    }
    assertThat(portal.stores.tokens.values()).allMatch(t -> t.hotspot().isEmpty());
  }

  @Test
  void aSignedChilliOnItsUamipStillLogsIn() throws Exception {
    HttpResponse<String> r = clickThrough(signedByChilli(chilli()));

    assertThat(r.headers().firstValue("Location"))
        .hasValueSatisfying(
            l -> assertThat(l).startsWith("http://10.1.0.1:3990/logon?username=kt-"));
    assertThat(onlyToken().hotspot()).isEqualTo("kemiren-chilli");
  }
}
