package org.smartkampung.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.portal.testing.HeadlessChromium;

/**
 * The desa admin console across roles: a desa admin of Kemiren in headless Chromium edits the daily
 * quota and FreeRADIUS's own {@code radclient} sees the new limits in the next Access-Accept from
 * our RADIUS server; a voucher made in the console logs a villager in through a simulated MikroTik;
 * "kick" on the sessions page reaches the MikroTik's dynamic-authorization port as a
 * Disconnect-Request and the page shows the ACK; a rate edited while the villager is online reaches
 * the MikroTik as a CoA-Request with the new Mikrotik-Rate-Limit and the quota page shows the ACK;
 * another village's pages and a form post without the CSRF token are refused with 403. Screenshots
 * go to {@code app/target/screenshots/admin-e2e-*.png}. Skipped without radclient or Chromium, or
 * failed under {@code -Dkampung.requireExternal=true}.
 */
class AdminEndToEndTest {

  static final Path RADCLIENT = Path.of("/usr/bin/radclient");

  static HeadlessChromium browser;

  @TempDir Path dataDir;
  TestNasDynamicAuth nas;
  ConsoleKampung kampung;
  SimulatedMikrotik mikrotik;

  @BeforeAll
  static void launch() throws Exception {
    if (!Files.isExecutable(RADCLIENT)) {
      String why = "radclient is not installed (apt-get install freeradius-utils)";
      if (Boolean.getBoolean("kampung.requireExternal")) {
        fail(why + " and kampung.requireExternal=true");
      }
      Assumptions.abort(why + "; admin end-to-end tests skipped");
    }
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
    nas = new TestNasDynamicAuth(KampungUnderTest.MIKROTIK_SECRET);
    kampung = new ConsoleKampung(dataDir, nas.port());
    mikrotik =
        new SimulatedMikrotik(
            kampung.portalUrl(),
            new NasRadiusClient(
                KampungUnderTest.MIKROTIK_ADDRESS,
                KampungUnderTest.MIKROTIK_SECRET,
                kampung.authPort,
                kampung.acctPort),
            SimulatedMikrotik.MAC);
  }

  @AfterEach
  void stop() throws Exception {
    assertThat(mikrotik.failures).isEmpty();
    assertThat(nas.failures).isEmpty();
    mikrotik.close();
    kampung.close();
    nas.close();
  }

  @Test
  void dailyQuotaEditedInTheConsoleIsInTheNextAccessAcceptRadclientGetsAlsoAfterARestart()
      throws Exception {
    Map<String, String> before = radclientAccept();
    assertThat(before)
        .containsEntry("Mikrotik-Total-Limit", "500000000")
        .containsEntry("Session-Timeout", "7200");

    Page page = signIn();
    assertThat(page).hasURL(Pattern.compile(".*/admin/desa/kemiren$"));
    HeadlessChromium.shot(page, "admin-e2e-02-dashboard");

    page.navigate(kampung.portalUrl() + "/admin/desa/kemiren/kuota");
    assertThat(page.locator("#userDailyMb")).hasValue("500");
    HeadlessChromium.shot(page, "admin-e2e-03-quota-form");
    page.locator("#userDailyMb").fill("750");
    page.locator("#userDailyMinutes").fill("90");
    page.locator("#save").click();
    assertThat(page.locator("#saved")).isVisible();
    assertThat(page.locator("#userDailyMb")).hasValue("750");
    HeadlessChromium.shot(page, "admin-e2e-04-quota-saved");

    Map<String, String> after = radclientAccept();
    assertThat(after)
        .containsEntry("Mikrotik-Total-Limit", "750000000")
        .containsEntry("Session-Timeout", "5400");

    // kampung run again on the same embedded store: the edit is in the store, not only in memory.
    kampung.close();
    kampung = new ConsoleKampung(dataDir, nas.port());
    assertThat(radclientAccept())
        .containsEntry("Mikrotik-Total-Limit", "750000000")
        .containsEntry("Session-Timeout", "5400");
  }

  @Test
  void consoleVoucherLogsInThroughMikrotikAndKickReachesTheNasAsDisconnectRequest()
      throws Exception {
    Page admin = signIn();
    String printed = villagerOnlineWithAConsoleVoucher(admin);
    String voucherCode = printed.replace("-", "");

    admin.navigate(kampung.portalUrl() + "/admin/desa/kemiren/voucher");
    assertThat(admin.locator("#vouchers tr", new Page.LocatorOptions().setHasText(printed)))
        .containsText("Sedang dipakai");

    // Half an hour later the MikroTik reports 80 MB down and 20 MB up.
    mikrotik.interim(80_000_000L, 20_000_000L, 1800);
    admin.navigate(kampung.portalUrl() + "/admin/desa/kemiren");
    assertThat(admin.locator("#today")).hasText(Pattern.compile("100[.,]0 MB"));
    admin.navigate(kampung.portalUrl() + "/admin/desa/kemiren/sesi");
    assertThat(admin.locator("#sessions tbody tr")).hasCount(1);
    assertThat(admin.locator("#sessions tbody tr")).containsText(voucherCode);
    assertThat(admin.locator("#sessions tbody tr"))
        .containsText(SimulatedMikrotik.MAC.toLowerCase(Locale.ROOT));
    assertThat(admin.locator("#sessions tbody tr")).containsText(Pattern.compile("100[.,]0 MB"));
    HeadlessChromium.shot(admin, "admin-e2e-08-sessions");
    admin.locator("#sessions tbody tr button:has-text('Putuskan')").click();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(nas.received).hasSize(1));
    TestNasDynamicAuth.Received disconnect = nas.received.get(0);
    assertThat(disconnect.code()).isEqualTo(RadiusCode.DISCONNECT_REQUEST);
    assertThat(disconnect.authenticatorValid()).isTrue();
    // The NAS knows the session by its Acct-Session-Id, the villager's MAC in its own form, and
    // the one-time login token it logged in with, never by the voucher code behind the token.
    assertThat(disconnect.acctSessionId()).isEqualTo(mikrotik.live.acctSessionId());
    assertThat(disconnect.callingStationId()).isEqualTo(SimulatedMikrotik.MAC);
    assertThat(disconnect.userName()).isIn(null, mikrotik.live.userName());

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              // The result shows once (a flash), maybe already on the page the kick led to.
              if (!admin.content().contains("Sesi sudah diputus oleh hotspot.")) {
                admin.reload();
              }
              assertThat(admin.locator("#kick-result"))
                  .containsText("Sesi sudah diputus oleh hotspot. (dikirim 1 kali)");
            });
    HeadlessChromium.shot(admin, "admin-e2e-09-kick-result");

    // The MikroTik, having dropped the villager, reports the end of the session.
    mikrotik.stop();
    admin.navigate(kampung.portalUrl() + "/admin/desa/kemiren/sesi");
    assertThat(admin.locator("#sessions")).hasCount(0);
    assertThat(admin.locator("main")).containsText("Tidak ada sesi aktif.");
  }

  /**
   * Makes three vouchers in the console, and a villager's phone logs in through the simulated
   * MikroTik with the first; returns its printed code.
   */
  private String villagerOnlineWithAConsoleVoucher(Page admin) {
    admin.navigate(kampung.portalUrl() + "/admin/desa/kemiren/voucher");
    assertThat(admin.locator("#vouchers td.code")).hasCount(0);
    admin.locator("#count").fill("3");
    admin.locator("#validityDays").fill("7");
    admin.locator("#megabytes").fill("0");
    admin.locator("#minutes").fill("0");
    admin.locator("#maxDevices").fill("1");
    admin.locator("#create").click();
    assertThat(admin).hasURL(Pattern.compile(".*/voucher/cetak\\?batch=.*"));
    HeadlessChromium.shot(admin, "admin-e2e-05-voucher-print");
    admin.navigate(kampung.portalUrl() + "/admin/desa/kemiren/voucher");
    assertThat(admin.locator("#vouchers td.code")).hasCount(3);
    HeadlessChromium.shot(admin, "admin-e2e-06-vouchers");
    String printed = admin.locator("#vouchers td.code").first().innerText().trim();

    Page phone = browser.phone(true);
    phone.navigate(mikrotik.url() + "/login");
    phone.locator("#kode").fill(printed);
    phone.locator("text=Masuk dengan Voucher").click();
    phone.waitForURL(Pattern.compile(".*/status\\?s=.*"));
    assertThat(phone.locator("h1")).hasText("Status Internet");
    HeadlessChromium.shot(phone, "admin-e2e-07-villager-status");
    assertThat(mikrotik.radius.accessRequests).singleElement().matches(e -> e.accepted());
    return printed;
  }

  @Test
  void rateEditedInTheConsoleReachesTheRunningSessionAtTheMikrotikAsCoa() throws Exception {
    Page admin = signIn();
    villagerOnlineWithAConsoleVoucher(admin);
    mikrotik.interim(80_000_000L, 20_000_000L, 1800);

    admin.navigate(kampung.portalUrl() + "/admin/desa/kemiren/kuota");
    admin.locator("#userRateDownKbps").fill("1024");
    admin.locator("#userRateUpKbps").fill("256");
    admin.locator("#save").click();
    assertThat(admin.locator("#saved")).isVisible();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(nas.received).hasSize(1));
    TestNasDynamicAuth.Received coa = nas.received.get(0);
    assertThat(coa.code()).isEqualTo(RadiusCode.COA_REQUEST);
    assertThat(coa.authenticatorValid()).isTrue();
    assertThat(coa.messageAuthenticatorValid()).isTrue();
    assertThat(coa.acctSessionId()).isEqualTo(mikrotik.live.acctSessionId());
    assertThat(coa.callingStationId()).isEqualTo(SimulatedMikrotik.MAC);
    // RouterOS reads rx/tx from its own side: the villager's upload first.
    assertThat(coa.mikrotikRateLimit()).isEqualTo("256k/1024k");
    assertThat(coa.sessionTimeoutSeconds()).isPositive();

    admin.locator("#limits-result a").click();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              admin.reload();
              assertThat(admin.locator("#limits-result"))
                  .containsText("Batas baru dikirim ke 1 sesi berjalan lewat CoA (1 berhasil).");
            });
    HeadlessChromium.shot(admin, "admin-e2e-10-coa-result");
  }

  @Test
  void anotherVillagesPagesAndAFormPostWithoutTheCsrfTokenAreForbidden() {
    Page page = signIn();
    for (String own : List.of("", "/pelanggan", "/beranda")) {
      Response ok = page.navigate(kampung.portalUrl() + "/admin/desa/kemiren" + own);
      assertThat(ok.status()).as("own page %s", own).isEqualTo(200);
    }
    HeadlessChromium.shot(page, "admin-e2e-10-landing-content");
    page.navigate(kampung.portalUrl() + "/admin/desa/kemiren/pelanggan");
    HeadlessChromium.shot(page, "admin-e2e-11-subscribers");
    page.navigate(kampung.portalUrl() + "/admin/sandi");
    HeadlessChromium.shot(page, "admin-e2e-12-password");

    for (String path : List.of("", "/kuota", "/voucher", "/sesi", "/pelanggan")) {
      Response other =
          page.navigate(kampung.portalUrl() + "/admin/desa/" + ConsoleKampung.OTHER_VILLAGE + path);
      assertThat(other.status()).as("tamansari page %s", path).isEqualTo(403);
    }
    HeadlessChromium.shot(page, "admin-e2e-13-forbidden");
    Response kabupaten = page.navigate(kampung.portalUrl() + "/admin/kabupaten");
    assertThat(kabupaten.status()).isEqualTo(403);

    page.navigate(kampung.portalUrl() + "/admin/desa/kemiren/kuota");
    String token = page.locator("input[name=csrf]").first().getAttribute("value");
    APIResponse withoutToken =
        page.request()
            .post(
                kampung.portalUrl() + "/admin/desa/kemiren/kuota",
                RequestOptions.create().setForm(quotaForm(null)).setMaxRedirects(0));
    assertThat(withoutToken.status()).isEqualTo(403);
    APIResponse intoOtherVillage =
        page.request()
            .post(
                kampung.portalUrl() + "/admin/desa/" + ConsoleKampung.OTHER_VILLAGE + "/kuota",
                RequestOptions.create().setForm(quotaForm(token)).setMaxRedirects(0));
    assertThat(intoOtherVillage.status()).isEqualTo(403);

    page.navigate(kampung.portalUrl() + "/admin/desa/kemiren/kuota");
    assertThat(page.locator("#userDailyMb")).hasValue("500");
    Page operator = signIn(ConsoleKampung.OPERATOR, ConsoleKampung.OPERATOR_PASSWORD);
    assertThat(operator).hasURL(Pattern.compile(".*/admin/kabupaten$"));
    HeadlessChromium.shot(operator, "admin-e2e-14-kabupaten");
    operator.navigate(
        kampung.portalUrl() + "/admin/desa/" + ConsoleKampung.OTHER_VILLAGE + "/kuota");
    assertThat(operator.locator("#downlinkMbps")).hasValue("20");
    assertThat(operator.locator("#userDailyMb")).hasValue("500");
  }

  /** A complete, valid quota form asking for 1 MB a day; {@code csrf} null leaves the token out. */
  private static FormData quotaForm(String csrf) {
    FormData form = FormData.create();
    if (csrf != null) {
      form.set("csrf", csrf);
    }
    return form.set("downlinkMbps", "1")
        .set("uplinkMbps", "1")
        .set("monthlyGb", "1")
        .set("budgetYear", "2026")
        .set("budgetRupiah", "1")
        .set("userDailyMb", "1")
        .set("userDailyMinutes", "1")
        .set("userRateDownKbps", "")
        .set("userRateUpKbps", "")
        .set("maxDevicesPerUser", "1")
        .set("openingHours", "");
  }

  /** The desa admin of Kemiren signs in through the form in a desktop browser. */
  private Page signIn() {
    Page page = signIn(ConsoleKampung.DESA_ADMIN, ConsoleKampung.DESA_ADMIN_PASSWORD);
    assertThat(page).hasURL(Pattern.compile(".*/admin/desa/kemiren$"));
    return page;
  }

  private Page signIn(String username, String password) {
    Page page = browser.desktop();
    page.navigate(kampung.portalUrl() + "/admin");
    assertThat(page).hasURL(Pattern.compile(".*/admin/masuk$"));
    HeadlessChromium.shot(page, "admin-e2e-01-signin");
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("form[action='/admin/masuk'] button[type=submit]").click();
    assertThat(page).not().hasURL(Pattern.compile(".*/admin/masuk$"));
    return page;
  }

  /**
   * The demo subscriber's PAP Access-Request through {@code radclient}, from 127.0.0.1 (the
   * MikroTik's address); returns the Access-Accept's attributes as radclient prints them.
   */
  private Map<String, String> radclientAccept() throws Exception {
    String input =
        "User-Name = \""
            + ConsoleKampung.SUBSCRIBER
            + "\"\nUser-Password = \""
            + ConsoleKampung.SUBSCRIBER_PASSWORD
            + "\"\nCalling-Station-Id = \""
            + SimulatedMikrotik.MAC
            + "\"\nNAS-Identifier = \""
            + KampungUnderTest.MIKROTIK
            + "\"\nMessage-Authenticator = 0x00\n";
    Process process =
        new ProcessBuilder(
                List.of(
                    RADCLIENT.toString(),
                    "-x", // radclient 3.2 prints the reply's attributes only when asked to
                    "-t",
                    "5",
                    "-r",
                    "1",
                    "127.0.0.1:" + kampung.authPort,
                    "auth",
                    KampungUnderTest.MIKROTIK_SECRET))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("radclient did not finish in 30 s");
    }
    assertThat(output).as("radclient output").contains("Received Access-Accept");
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("^\\s+([A-Za-z0-9-]+) = (.*)$", Pattern.MULTILINE)
            .matcher(output.substring(output.indexOf("Received Access-Accept")));
    while (m.find()) {
      attributes.put(m.group(1), m.group(2).trim().replace("\"", ""));
    }
    assertThat(attributes).as("attributes radclient printed in:%n%s", output).isNotEmpty();
    return attributes;
  }
}
