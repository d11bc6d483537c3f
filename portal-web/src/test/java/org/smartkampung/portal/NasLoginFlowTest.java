package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;
import static org.smartkampung.portal.testing.PortalHarness.state;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.portal.testing.PortalHarness;
import org.smartkampung.portal.testing.Python;

/**
 * Logins through a simulated MikroTik and CoovaChilli redirect, checked down to the credentials.
 */
class NasLoginFlowTest {

  static final String CHAP_ID = "\\247";
  static final String CHAP_CHALLENGE =
      "\\330\\113\\271\\005\\024\\300\\037\\122\\166\\030\\202\\300\\011\\042\\371\\142";
  static final String CHILLI_CHALLENGE = "c0ffee00112233445566778899aabbcc";

  PortalHarness portal;

  @BeforeEach
  void start() throws Exception {
    portal = PortalHarness.start();
    portal
        .stores
        .vouchers()
        .createAll(
            java.util.List.of(
                voucher("ABCD2345", Instant.parse("2026-12-31T00:00:00Z")),
                voucher("OLDCODE1", Instant.parse("2026-01-01T00:00:00Z"))));
    portal
        .stores
        .subscribers()
        .create(
            new Subscriber(
                "sari",
                "kemiren",
                new PasswordHasher(1000).hash("rahasia-sari"),
                "Sari",
                true,
                null));
  }

  @AfterEach
  void stop() throws Exception {
    portal.close();
  }

  static Voucher voucher(String code, Instant expires) {
    return new Voucher(
        code,
        "kemiren",
        "b1",
        Instant.parse("2026-11-01T00:00:00Z"),
        expires,
        Long.MAX_VALUE,
        0,
        1,
        VoucherStatus.UNUSED,
        null,
        "");
  }

  static String mikrotikQuery(String challenge) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("nasid", "kemiren-mt");
    p.put("link-login-only", "http://10.5.50.1/login");
    p.put("link-orig", "http://example.com/berita");
    p.put("mac", "3C:5A:B4:01:02:03");
    p.put("ip", "10.5.50.23");
    p.put("chap-id", CHAP_ID);
    p.put("chap-challenge", challenge);
    return "/?" + PortalHarness.encode(p);
  }

  String chilliQuery(String res, Map<String, String> extra) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("res", res);
    p.put("uamip", "10.1.0.1");
    p.put("uamport", "3990");
    p.put("challenge", CHILLI_CHALLENGE);
    p.put("called", "AA-BB-CC-00-00-01");
    p.put("mac", "3C-5A-B4-0A-0B-0C");
    p.put("ip", "10.1.0.7");
    p.put("nasid", "kemiren-chilli");
    p.put("sessionid", "5f2a0c0d00000001");
    p.put("userurl", "http://example.com/");
    p.putAll(extra);
    String path = "/?" + PortalHarness.encode(p);
    // Chilli signs the URL it redirects to, host and all.
    String md =
        Python.run(
            "import hashlib,sys\nprint(hashlib.md5((sys.argv[1]+sys.argv[2]).encode()).hexdigest().upper())",
            portal.base() + path,
            PortalHarness.UAM_SECRET);
    return path + "&md=" + md;
  }

  LoginToken onlyToken() {
    assertThat(portal.stores.tokens).hasSize(1);
    return portal.stores.tokens.values().iterator().next();
  }

  @Test
  void mikrotikClickThroughPostsAChapPasswordForAFreshTokenToLinkLoginOnly() {
    String landing = portal.get(mikrotikQuery(CHAP_CHALLENGE)).body();

    HttpResponse<String> r =
        portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));

    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    assertThat(html)
        .contains("<form id=\"nas-login\" method=\"post\" action=\"http://10.5.50.1/login\">")
        .contains("<script src=\"/static/nas-submit.js\" defer></script>")
        .contains("<button type=\"submit\">");
    LoginToken token = onlyToken();
    assertThat(token.method()).isEqualTo(LoginMethod.CLICK_THROUGH);
    assertThat(token.villageId()).isEqualTo("kemiren");
    assertThat(token.deviceMac()).isEqualTo("3c:5a:b4:01:02:03");
    assertThat(token.userId()).isEqualTo("gratis-3c:5a:b4:01:02:03");
    assertThat(token.expiresAt()).isEqualTo(PortalHarness.EVENING.plus(Duration.ofMinutes(2)));
    assertThat(PortalHarness.field(html, "username")).isEqualTo(token.username());
    String expected =
        Python.run(
            "import hashlib,sys,re\n"
                + "dec=lambda s: bytes(int(o,8) for o in re.findall(r'\\\\([0-7]{3})', s))\n"
                + "print(hashlib.md5(dec(sys.argv[1])+sys.argv[3].encode()+dec(sys.argv[2])).hexdigest())",
            CHAP_ID, CHAP_CHALLENGE, token.secret());
    assertThat(PortalHarness.field(html, "password")).isEqualTo(expected);
    assertThat(PortalHarness.field(html, "dst")).startsWith("http://portal.test/status?s=");
  }

  @Test
  void mikrotikWithoutChallengeGetsPapWithTheTokenSecret() {
    String landing = portal.get(mikrotikQuery("")).body();

    String html = portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on")).body();

    assertThat(PortalHarness.field(html, "password")).isEqualTo(onlyToken().secret());
  }

  @Test
  void chilliVoucherLoginRedirectsToLogonWithTheUamsecretMixedChapResponse() {
    HttpResponse<String> landing = portal.get(chilliQuery("notyet", Map.of()));
    assertThat(landing.statusCode()).isEqualTo(200);

    HttpResponse<String> r =
        portal.post("/masuk/voucher", form("s", state(landing.body()), "kode", "abcd-2345"));

    assertThat(r.statusCode()).isEqualTo(302);
    URI logon = URI.create(r.headers().firstValue("Location").orElseThrow());
    assertThat(logon.getScheme() + "://" + logon.getAuthority() + logon.getPath())
        .isEqualTo("http://10.1.0.1:3990/logon");
    Map<String, String> q = query(logon);
    LoginToken token = onlyToken();
    assertThat(token.userId()).isEqualTo("ABCD2345");
    assertThat(token.method()).isEqualTo(LoginMethod.VOUCHER);
    assertThat(q.get("username")).isEqualTo(token.username());
    String expected =
        Python.run(
            "import hashlib,sys\n"
                + "n=hashlib.md5(bytes.fromhex(sys.argv[1])+sys.argv[2].encode()).digest()\n"
                + "print(hashlib.md5(b'\\x00'+sys.argv[3].encode()+n).hexdigest())",
            CHILLI_CHALLENGE,
            PortalHarness.UAM_SECRET,
            token.secret());
    assertThat(q.get("response")).isEqualTo(expected);
    assertThat(q.get("userurl")).startsWith("http://portal.test/status?s=");
    assertThat(portal.stores.vouchers().find("ABCD2345").orElseThrow().devices())
        .isEqualTo("3c:5a:b4:0a:0b:0c");
  }

  @Test
  void chilliRedirectWithABadMdIsRefused() {
    String path = chilliQuery("notyet", Map.of());
    String tampered = path.replace("uamport=3990", "uamport=3991");

    HttpResponse<String> r = portal.get(tampered);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Permintaan dari hotspot tidak sah");
    assertThat(portal.get(path.substring(0, path.indexOf("&md="))).statusCode()).isEqualTo(400);
  }

  @Test
  void chilliSuccessAlreadyLogoffAndFailedAnswersAreHandled() {
    String ours = "http://portal.test/status?s=abc";
    HttpResponse<String> success = portal.get(chilliQuery("success", Map.of("userurl", ours)));
    HttpResponse<String> already =
        portal.get(chilliQuery("already", Map.of("userurl", "https://evil.example/")));
    HttpResponse<String> logoff = portal.get(chilliQuery("logoff", Map.of()));
    HttpResponse<String> failed =
        portal.get(chilliQuery("failed", Map.of("reply", "Kuota desa habis")));

    assertThat(success.statusCode()).isEqualTo(302);
    assertThat(success.headers().firstValue("Location")).hasValue(ours);
    assertThat(already.headers().firstValue("Location")).hasValue("/status");
    assertThat(logoff.body()).contains("Anda sudah keluar");
    assertThat(failed.body()).contains("Hotspot menolak login").contains("Kuota desa habis");
  }

  @Test
  void subscriberLogsInWithTheRightPasswordOnly() {
    String landing = portal.get(mikrotikQuery(CHAP_CHALLENGE)).body();

    HttpResponse<String> wrong =
        portal.post("/masuk/pelanggan", form("s", state(landing), "nama", "sari", "sandi", "x"));
    HttpResponse<String> right =
        portal.post(
            "/masuk/pelanggan", form("s", state(landing), "nama", "Sari", "sandi", "rahasia-sari"));

    assertThat(wrong.body()).contains("Nama pengguna atau kata sandi salah");
    assertThat(right.body()).contains("action=\"http://10.5.50.1/login\"");
    assertThat(onlyToken().userId()).isEqualTo("sari");
    assertThat(onlyToken().method()).isEqualTo(LoginMethod.SUBSCRIBER);
  }

  @Test
  void clickThroughWithoutAcceptingTheTermsReRendersWithAMessage() {
    String landing = portal.get(mikrotikQuery(CHAP_CHALLENGE)).body();

    HttpResponse<String> r = portal.post("/masuk/gratis", form("s", state(landing)));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Centang persetujuan");
    assertThat(portal.stores.tokens).isEmpty();
  }

  @Test
  void randomisedMacIsAPerConnectionDevice() {
    String query = mikrotikQuery(CHAP_CHALLENGE).replace("mac=3C%3A5A", "mac=3E%3A5A");
    String landing = portal.get(query).body();

    portal.post("/masuk/voucher", form("s", state(landing), "kode", "ABCD2345"));

    assertThat(portal.stores.vouchers().find("ABCD2345").orElseThrow().devices())
        .isEqualTo("3e:5a:b4:01:02:03@10.5.50.23");
  }

  @Test
  void demoLoginWithoutHotspotLandsOnTheStatusPageWithRemainingQuota() {
    // Policy: 500 MB, 120 minutes a day per villager, 20 GB for the village.
    portal.stores.used("kemiren", "gratis-ip-127.0.0.1", "ip-127.0.0.1", 100_000_000L, 1800);
    portal.stores.used("kemiren", "tetangga", "aa:aa:aa:aa:aa:01", 4_900_000_000L, 60);
    String landing = portal.get("/").body();

    HttpResponse<String> r =
        portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));

    assertThat(r.statusCode()).isEqualTo(303);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/status?s=");
    String status = portal.get(location).body();
    assertThat(status)
        .contains("Anda sedang terhubung")
        .contains("<dd id=\"user-bytes\">400 MB</dd>")
        .contains("<dd id=\"user-time\">1 jam 30 menit</dd>")
        .contains("<dd id=\"village-bytes\">15 GB</dd>");
  }

  @Test
  void logoutFromAChilliStatusPageEndsTheSessionAtTheHotspot() {
    String landing = portal.get(chilliQuery("notyet", Map.of())).body();
    URI logon =
        URI.create(
            portal
                .post("/masuk/gratis", form("s", state(landing), "setuju", "on"))
                .headers()
                .firstValue("Location")
                .orElseThrow());
    String statusUrl = query(logon).get("userurl").replace("http://portal.test", "");
    String status = portal.get(statusUrl).body();

    HttpResponse<String> r =
        portal.post(
            "/keluar", form("s", state(status), "csrf", PortalHarness.field(status, "csrf")));

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("http://10.1.0.1:3990/logoff");
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("kampung_status=;");
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      m.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }
}
