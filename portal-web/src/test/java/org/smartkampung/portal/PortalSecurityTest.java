package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;
import static org.smartkampung.portal.testing.PortalHarness.state;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.portal.security.SafeUrl;
import org.smartkampung.portal.testing.FakeGateway;
import org.smartkampung.portal.testing.PortalHarness;

/** Reflected script, open redirects, forged forms and password guessing. */
class PortalSecurityTest {

  static final List<String> PAYLOADS =
      List.of(
          "\"><script>alert(1)</script>",
          "'><img src=x onerror=alert(1)>",
          "javascript:alert(1)",
          "</textarea><svg/onload=alert(1)>");

  /** Every parameter a NAS or a browser may send to the landing page. */
  static final List<String> PARAMETERS =
      List.of(
          "link-login-only",
          "link-orig",
          "dst",
          "mac",
          "ip",
          "chap-id",
          "chap-challenge",
          "nasid",
          "identity",
          "error",
          "res",
          "uamip",
          "uamport",
          "challenge",
          "called",
          "sessionid",
          "userurl",
          "md",
          "reply",
          "lang",
          "s",
          "desa",
          "gw",
          "url",
          "op",
          "ts",
          "sig");

  static PortalHarness portal;

  @BeforeAll
  static void start() throws Exception {
    // The gateway's API is never called by these GET pages; port 9 (discard) is a placeholder.
    portal =
        PortalHarness.start(
            PortalHarness.withGateway(
                PortalHarness.config(OpeningHours.ALWAYS, PortalHarness.PUBLIC_URL), 9));
  }

  @AfterAll
  static void stop() throws Exception {
    portal.close();
  }

  /** Our gateway's redirect, without op, ts and sig; see {@link #signedByGateway}. */
  static Map<String, String> gateway() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("gw", PortalHarness.GATEWAY_ID);
    p.put("ip", "10.5.60.23");
    p.put("mac", "3c:5a:b4:01:02:03");
    p.put("url", "http://example.com/");
    return p;
  }

  /**
   * Signed as the gateway signs, so a payload in a signed parameter gets past the signature check
   * and reaches the page.
   */
  static Map<String, String> signedByGateway(Map<String, String> params) {
    Map<String, String> out = new LinkedHashMap<>(params);
    out.putIfAbsent("op", "redirect");
    out.putIfAbsent("ts", Long.toString(PortalHarness.EVENING.getEpochSecond()));
    out.put("sig", FakeGateway.sign(PortalHarness.GATEWAY_KEY, out));
    return out;
  }

  static Map<String, String> mikrotik() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("link-login-only", "http://10.5.50.1/login");
    p.put("link-orig", "http://example.com/");
    p.put("mac", "3C:5A:B4:01:02:03");
    p.put("ip", "10.5.50.23");
    p.put("chap-id", "\\247");
    p.put("chap-challenge", "\\330\\113");
    p.put("nasid", "kemiren-mt");
    return p;
  }

  static Map<String, String> chilli() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("res", "notyet");
    p.put("uamip", "10.1.0.1");
    p.put("uamport", "3990");
    p.put("challenge", "c0ffee00112233445566778899aabbcc");
    p.put("mac", "3C-5A-B4-0A-0B-0C");
    p.put("userurl", "http://example.com/");
    p.put("nasid", "kemiren-chilli");
    return p;
  }

  /** The path and query as Chilli signs them: {@code md} over the whole URL and the uamsecret. */
  static String signedByChilli(Map<String, String> params) {
    String path = "/?" + PortalHarness.encode(params);
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("MD5")
              .digest(
                  (portal.base() + path + PortalHarness.UAM_SECRET)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return path + "&md=" + java.util.HexFormat.of().withUpperCase().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> everyParameterWithEveryPayload() {
    return PARAMETERS.stream()
        .flatMap(name -> PAYLOADS.stream().map(payload -> Arguments.of(name, payload)));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("everyParameterWithEveryPayload")
  void noParameterIsReflectedAsMarkupOnAnyEntryPage(String name, String payload) {
    for (Map<String, String> base :
        List.of(new LinkedHashMap<String, String>(), mikrotik(), chilli())) {
      Map<String, String> params = new LinkedHashMap<>(base);
      params.put(name, payload);
      assertNotReflected(params);
    }
    Map<String, String> gateway = gateway();
    gateway.put(name, payload);
    Map<String, String> signed = signedByGateway(gateway);
    if (name.equals("sig")) {
      signed.put("sig", payload);
    }
    assertNotReflected(signed);
  }

  static void assertNotReflected(Map<String, String> params) {
    for (String path :
        List.of("/", "/desa/kemiren", "/desa/kemiren/layanan", "/status", "/info/kuota-habis")) {
      HttpResponse<String> r = portal.get(path + "?" + PortalHarness.encode(params));
      assertThat(r.statusCode()).as(path).isLessThan(500);
      assertNoInjectedMarkup(r.body());
      assertThat(r.headers().firstValue("Location").orElse("")).doesNotStartWith("javascript");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"javascript:alert(1)", "//evil.example/x", "data:text/html,x", "ftp://x/"})
  void aGatewayUrlThatIsNotHttpIsDroppedFromAValidlySignedRedirect(String target) {
    Map<String, String> p = gateway();
    p.put("url", target);

    HttpResponse<String> r = portal.get("/?" + PortalHarness.encode(signedByGateway(p)));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(target).doesNotContain("tidak sah");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/masuk/gratis", "/masuk/voucher", "/masuk/pelanggan", "/keluar"})
  void noFormFieldIsReflectedAsMarkup(String action) {
    String landing = portal.get("/?" + PortalHarness.encode(mikrotik())).body();
    for (String payload : PAYLOADS) {
      for (Map<String, String> f :
          List.of(
              form("s", state(landing), "kode", payload, "nama", payload, "sandi", payload),
              form("s", payload, "desa", payload, "setuju", payload, "csrf", payload))) {
        HttpResponse<String> r = portal.post(action, f, "X-Forwarded-For", "1.2.3.4");
        assertThat(r.statusCode()).isLessThan(500);
        assertNoInjectedMarkup(r.body());
      }
    }
  }

  @Test
  void nasMessagesAreShownEscaped() {
    Map<String, String> p = chilli();
    p.put("res", "failed");
    p.put("reply", "<b>salah</b>");

    String html = portal.get(signedByChilli(p)).body();

    assertThat(html).contains("&lt;b&gt;salah&lt;/b&gt;").doesNotContain("<b>salah");
  }

  @Test
  void aHotspotMessageNobodySignedIsNotShown() {
    Map<String, String> mikrotik = mikrotik();
    mikrotik.put("error", "Kuota habis, hubungi 0812-EVIL");
    Map<String, String> unsignedChilli = chilli();
    unsignedChilli.put("reply", "Kuota habis, hubungi 0812-EVIL");

    for (String path :
        List.of(
            "/?" + PortalHarness.encode(mikrotik),
            "/?" + PortalHarness.encode(unsignedChilli),
            "/?error=Kuota+habis%2C+hubungi+0812-EVIL",
            "/?reply=Kuota+habis%2C+hubungi+0812-EVIL")) {
      assertThat(portal.get(path).body()).as(path).doesNotContain("0812-EVIL");
    }
  }

  static void assertNoInjectedMarkup(String html) {
    assertThat(html)
        .doesNotContain("<script>alert")
        .doesNotContain("<img src=x")
        .doesNotContain("<svg/onload")
        .doesNotContain("href=\"javascript:")
        .doesNotContain("action=\"javascript:")
        .doesNotContain("Exception");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "/relative/path",
        "http:/evil.example",
        "https://user:pw@evil.example/",
        "http://evil.example\\@good.example/",
        "ftp://files.example/",
        " javascript:alert(1)",
        "http://",
        ""
      })
  void onlyAbsoluteHttpUrlsWithAHostAreRedirectTargets(String target) {
    assertThat(SafeUrl.httpTarget(target)).isEmpty();
  }

  @Test
  void plainHttpAndHttpsUrlsAreAccepted() {
    assertThat(SafeUrl.httpTarget("http://example.com/a?b=c")).hasValue("http://example.com/a?b=c");
    assertThat(SafeUrl.httpTarget("https://desa.example.go.id")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "//evil.example/x", "data:text/html,x"})
  void aMikrotikLoginUrlThatIsNotHttpIsRefused(String target) {
    Map<String, String> p = mikrotik();
    p.put("link-login-only", target);

    HttpResponse<String> r = portal.get("/?" + PortalHarness.encode(p));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("tidak sah").doesNotContain("action=\"" + target);
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "https://evil.example/", "//evil.example/"})
  void chilliSuccessNeverRedirectsToAForeignOrScriptUrl(String userurl) {
    Map<String, String> p = chilli();
    p.put("res", "success");
    p.put("userurl", userurl);

    HttpResponse<String> r = portal.get(signedByChilli(p));

    assertThat(r.headers().firstValue("Location")).hasValue("/status");
  }

  @Test
  void aDestinationThatIsNotHttpNeverBecomesALink() {
    Map<String, String> p = mikrotik();
    p.put("link-orig", "javascript:alert(1)");
    String landing = portal.get("/?" + PortalHarness.encode(p)).body();

    String html = portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on")).body();
    String status =
        portal.get(PortalHarness.field(html, "dst").replace("http://portal.test", "")).body();

    assertThat(status).contains("Anda sedang terhubung").doesNotContain("javascript:");
  }

  @Test
  void aFormWithoutOrWithATamperedStateIsRefused() {
    String landing = portal.get("/").body();
    String good = state(landing);
    String tampered = good.substring(0, good.length() - 2) + (good.endsWith("A") ? "BB" : "AA");
    int tokensBefore = portal.stores.tokens.size();

    HttpResponse<String> missing = portal.post("/masuk/gratis", form("setuju", "on"));
    HttpResponse<String> forged = portal.post("/masuk/gratis", form("s", tampered, "setuju", "on"));

    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(missing.body()).contains("Halaman sudah kedaluwarsa");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(portal.stores.tokens).hasSize(tokensBefore);
  }

  @Test
  void aCrossSitePostIsRefusedEvenWithAValidState() {
    String landing = portal.get("/").body();

    HttpResponse<String> r =
        portal.post(
            "/masuk/gratis",
            form("s", state(landing), "setuju", "on"),
            "Origin",
            "http://evil.example");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Halaman sudah kedaluwarsa");
  }

  @Test
  void repeatedWrongVoucherCodesFromOneDeviceAreRateLimitedWithAWaitMessage() throws Exception {
    try (PortalHarness fresh = PortalHarness.start()) {
      String landing = fresh.get("/?" + PortalHarness.encode(mikrotik())).body();
      for (int i = 0; i < PortalServer.MAX_FAILURES; i++) {
        HttpResponse<String> r =
            fresh.post("/masuk/voucher", form("s", state(landing), "kode", "SALAH" + i));
        assertThat(r.body()).contains("Kode voucher tidak dikenal");
      }

      HttpResponse<String> limited =
          fresh.post("/masuk/voucher", form("s", state(landing), "kode", "SALAH9"));

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.body())
          .contains("Terlalu banyak percobaan gagal. Coba lagi dalam 60 detik");

      // Another villager behind the same NATing hotspot is not locked out by the first one.
      Map<String, String> neighbour = mikrotik();
      neighbour.put("mac", "3C:5A:B4:09:09:09");
      neighbour.put("ip", "10.5.50.99");
      String other = fresh.get("/?" + PortalHarness.encode(neighbour)).body();
      assertThat(fresh.post("/masuk/voucher", form("s", state(other), "kode", "SALAH8")).body())
          .contains("Kode voucher tidak dikenal");
    }
  }

  @Test
  void oneSourceAddressIsLimitedAcrossAllDevicesItClaims() throws Exception {
    try (PortalHarness fresh = PortalHarness.start()) {
      for (int i = 0; i < PortalServer.MAX_SOURCE_FAILURES; i++) {
        Map<String, String> p = mikrotik();
        p.put("mac", String.format("3C:5A:B4:00:00:%02X", i));
        p.put("ip", "10.5.50." + (i + 1));
        String landing = fresh.get("/?" + PortalHarness.encode(p)).body();
        assertThat(
                fresh
                    .post("/masuk/voucher", form("s", state(landing), "kode", "SALAH" + i))
                    .statusCode())
            .isEqualTo(400);
      }
      Map<String, String> p = mikrotik();
      p.put("mac", "3C:5A:B4:00:01:00");
      p.put("ip", "10.5.50.200");
      String landing = fresh.get("/?" + PortalHarness.encode(p)).body();

      HttpResponse<String> limited =
          fresh.post("/masuk/voucher", form("s", state(landing), "kode", "SALAHX"));

      assertThat(limited.statusCode()).isEqualTo(429);
    }
  }
}
