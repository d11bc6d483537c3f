package org.smartkampung.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.portal.testing.HeadlessChromium;

/**
 * A villager on a 360x640 phone in headless Chromium logs in through a simulated MikroTik or
 * CoovaChilli that sends real Access-Requests and accounting to our RADIUS server, which shares one
 * embedded store with our portal: the status page shows the daily quota minus what accounting
 * reported, and logout ends the session at the hotspot and in RADIUS. Screenshots go to {@code
 * app/target/screenshots/e2e-*.png}.
 */
class VillagerEndToEndTest {

  /** What the hotspot reports after half an hour: 80 MB down, 20 MB up. */
  static final long DOWN_BYTES = 80_000_000L;

  static final long UP_BYTES = 20_000_000L;
  static final long SESSION_SECONDS = 1800;

  static HeadlessChromium browser;

  KampungUnderTest kampung;
  SimulatedMikrotik mikrotik;
  SimulatedChilli chilli;

  @BeforeAll
  static void launch() throws Exception {
    browser = HeadlessChromium.launch();
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    kampung = new KampungUnderTest();
    mikrotik =
        new SimulatedMikrotik(
            kampung.portalUrl(),
            new NasRadiusClient(
                KampungUnderTest.MIKROTIK_ADDRESS,
                KampungUnderTest.MIKROTIK_SECRET,
                kampung.radius.authPort(),
                kampung.radius.acctPort()),
            SimulatedMikrotik.MAC);
    chilli =
        new SimulatedChilli(
            kampung.portalUrl(),
            new NasRadiusClient(
                KampungUnderTest.CHILLI_ADDRESS,
                KampungUnderTest.CHILLI_SECRET,
                kampung.radius.authPort(),
                kampung.radius.acctPort()));
    kampung
        .stores
        .vouchers()
        .createAll(
            List.of(
                new Voucher(
                    "K7M2QX9PWA",
                    "kemiren",
                    "b1",
                    Instant.parse("2026-11-01T00:00:00Z"),
                    Instant.parse("2027-01-01T00:00:00Z"),
                    Long.MAX_VALUE,
                    0,
                    1,
                    VoucherStatus.UNUSED,
                    null,
                    "")));
    kampung
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
    assertThat(mikrotik.failures).isEmpty();
    assertThat(chilli.failures).isEmpty();
    mikrotik.close();
    chilli.close();
    kampung.close();
  }

  @Test
  void clickThroughViaMikrotikWithJavaScriptIsAcceptedByRadiusAccountedAndLoggedOut()
      throws Exception {
    Page page = browser.phone(true);
    page.navigate(mikrotik.url() + "/login");
    assertThat(page.locator("h1")).hasText("Selamat datang di Desa Kemiren");
    HeadlessChromium.shot(page, "e2e-01-landing-mikrotik");

    page.locator("input[name=setuju]").check();
    page.locator("text=Masuk Internet Gratis").click();
    page.waitForURL(Pattern.compile(".*/status\\?s=.*"));

    assertThat(mikrotik.radius.accessRequests).singleElement().matches(e -> e.accepted());
    assertThat(mikrotik.radius.accountingAnswered).containsExactly(1);
    assertStatus(page, "500 MB", "2 jam 0 menit", "20 GB");
    Session session = onlySession(KampungUnderTest.MIKROTIK);
    assertThat(session.deviceMac()).isEqualTo("3c:5a:b4:01:02:03");
    assertThat(session.framedIp()).isEqualTo(SimulatedMikrotik.CLIENT_IP);

    mikrotik.interim(DOWN_BYTES, UP_BYTES, SESSION_SECONDS);
    page.reload();
    assertStatus(page, "400 MB", "1 jam 30 menit", "19,9 GB");
    HeadlessChromium.shot(page, "e2e-02-status-mikrotik");

    // Without the signed link, the portal finds the session RADIUS stored by the source address.
    Page sameAddress = browser.phone(false);
    sameAddress.navigate(kampung.portalUrl() + "/status");
    assertStatus(sameAddress, "400 MB", "1 jam 30 menit", "19,9 GB");
    HttpResponse<String> captive =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(kampung.portalUrl() + "/api/captive")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(captive.headers().firstValue("Content-Type")).contains("application/captive+json");
    assertThat(captive.body())
        .contains("\"captive\":false")
        .contains("\"bytes-remaining\":400000000")
        .contains("\"seconds-remaining\":5400");

    page.locator("text=Keluar").click();
    page.waitForURL(mikrotik.url() + "/logout");
    assertThat(page.locator("#bye")).isVisible();
    assertThat(mikrotik.radius.accountingAnswered).containsExactly(1, 3, 2);
    assertThat(kampung.stores.sessions().listByNas(KampungUnderTest.MIKROTIK)).isEmpty();
  }

  @Test
  void voucherViaCoovaChilliWithoutJavaScriptIsAcceptedByRadiusAccountedAndLoggedOff()
      throws Exception {
    Page page = browser.phone(false);
    page.navigate(chilli.url() + "/prelogin");
    assertThat(page.locator("h1")).hasText("Selamat datang di Desa Kemiren");
    HeadlessChromium.shot(page, "e2e-03-landing-chilli");

    page.locator("#kode").fill("k7m2q-x9pwa");
    page.locator("text=Masuk dengan Voucher").click();
    page.waitForURL(Pattern.compile(".*/status\\?s=.*"));

    assertThat(chilli.radius.accessRequests).singleElement().matches(e -> e.accepted());
    assertStatus(page, "500 MB", "2 jam 0 menit", "20 GB");
    Session session = onlySession(KampungUnderTest.CHILLI);
    assertThat(session.userId()).isEqualTo("K7M2QX9PWA");
    assertThat(session.deviceMac()).isEqualTo("3c:5a:b4:0a:0b:0c");

    chilli.interim(DOWN_BYTES, UP_BYTES, SESSION_SECONDS);
    page.reload();
    assertStatus(page, "400 MB", "1 jam 30 menit", "19,9 GB");
    HeadlessChromium.shot(page, "e2e-04-status-chilli");

    page.locator("text=Keluar").click();
    page.waitForURL(Pattern.compile(".*res=logoff.*"));
    assertThat(page.locator(".notice")).hasText("Anda sudah keluar. Terima kasih!");
    HeadlessChromium.shot(page, "e2e-05-logged-off-chilli");
    assertThat(chilli.radius.accountingAnswered).containsExactly(1, 3, 2);
    assertThat(kampung.stores.sessions().listByNas(KampungUnderTest.CHILLI)).isEmpty();
  }

  @Test
  void subscriberViaMikrotikWithoutJavaScriptUsesTheVisibleButtons() throws Exception {
    Page page = browser.phone(false);
    page.navigate(mikrotik.url() + "/login");
    HeadlessChromium.shot(page, "e2e-06-mikrotik-login-html-no-js");
    // Playwright's text engine skips <noscript>: find the button by its form.
    page.locator("form[name=portal] button").click();
    assertThat(page.locator("h1")).hasText("Selamat datang di Desa Kemiren");

    page.locator("#nama").fill("sari");
    page.locator("#sandi").fill("rahasia-sari");
    page.locator("form[action='/masuk/pelanggan'] button").click();
    assertThat(page.locator("h1")).hasText("Menghubungkan...");
    HeadlessChromium.shot(page, "e2e-07-nas-post-no-js");
    page.locator("#nas-login button").click();
    page.waitForURL(Pattern.compile(".*/status\\?s=.*"));

    assertThat(mikrotik.radius.accessRequests).singleElement().matches(e -> e.accepted());
    assertThat(onlySession(KampungUnderTest.MIKROTIK).userId()).isEqualTo("sari");
    mikrotik.interim(DOWN_BYTES, UP_BYTES, SESSION_SECONDS);
    page.reload();
    assertStatus(page, "400 MB", "1 jam 30 menit", "19,9 GB");
    HeadlessChromium.shot(page, "e2e-08-status-subscriber");

    page.locator("text=Keluar").click();
    page.waitForURL(mikrotik.url() + "/logout");
    assertThat(kampung.stores.sessions().listByNas(KampungUnderTest.MIKROTIK)).isEmpty();
  }

  @Test
  void phoneWithARandomisedMacLogsInAgainWithoutCountingAsASecondDevice() throws Exception {
    mikrotik.close();
    mikrotik =
        new SimulatedMikrotik(
            kampung.portalUrl(),
            new NasRadiusClient(
                KampungUnderTest.MIKROTIK_ADDRESS,
                KampungUnderTest.MIKROTIK_SECRET,
                kampung.radius.authPort(),
                kampung.radius.acctPort()),
            SimulatedMikrotik.RANDOMISED_MAC);
    Page page = browser.phone(true);
    for (int login = 1; login <= 2; login++) {
      // The sign-in sheet opens again (it dropped the status page): same phone, same lease.
      page.navigate(mikrotik.url() + "/login");
      page.locator("#nama").fill("sari");
      page.locator("#sandi").fill("rahasia-sari");
      page.locator("form[action='/masuk/pelanggan'] button").click();
      assertThat(page.locator("h1")).hasText("Status Internet");
      HeadlessChromium.shot(page, "e2e-10-randomised-mac-login-" + login);
    }

    assertThat(mikrotik.radius.accessRequests)
        .hasSize(2)
        .allMatch(NasRadiusClient.Exchange::accepted);
    assertThat(onlySession(KampungUnderTest.MIKROTIK).deviceMac()).isEqualTo("da:a1:19:00:00:01");
  }

  @Test
  void wrongSubscriberPasswordShowsTheErrorAndNothingReachesRadius() {
    Page page = browser.phone(true);
    page.navigate(mikrotik.url() + "/login");
    page.locator("#nama").fill("sari");
    page.locator("#sandi").fill("salah-sandi");
    page.locator("form[action='/masuk/pelanggan'] button").click();

    assertThat(page.locator(".error")).hasText("Nama pengguna atau kata sandi salah.");
    HeadlessChromium.shot(page, "e2e-09-subscriber-wrong");
    assertThat(mikrotik.radius.accessRequests).isEmpty();
    assertThat(mikrotik.radius.anyAccepted()).isFalse();
    assertThat(kampung.stores.sessions().listByNas(KampungUnderTest.MIKROTIK)).isEmpty();
  }

  private void assertStatus(Page page, String userBytes, String userTime, String villageBytes) {
    assertThat(page.locator("h1")).hasText("Status Internet");
    assertThat(page.locator("#user-bytes")).hasText(userBytes);
    assertThat(page.locator("#user-time")).hasText(userTime);
    assertThat(page.locator("#village-bytes")).hasText(villageBytes);
  }

  private Session onlySession(String nas) {
    List<Session> sessions = kampung.stores.sessions().listByNas(nas);
    assertThat(sessions).hasSize(1);
    return sessions.get(0);
  }
}
