package org.smartkampung.portal.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.session.Session;
import org.smartkampung.portal.testing.HeadlessChromium;

/**
 * A desa admin and the kabupaten operator in headless Debian Chromium (JavaScript off: the console
 * needs none). Screenshots of every admin page go to {@code target/screenshots/admin-*.png}.
 */
class AdminBrowserTest {

  static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

  static HeadlessChromium chromium;
  static Browser browser;

  AdminHarness h;
  BrowserContext context;
  Page page;

  @BeforeAll
  static void launch() throws Exception {
    chromium = HeadlessChromium.launch();
    browser = chromium.browser();
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(1024, 768)
                .setLocale("id-ID")
                .setJavaScriptEnabled(false));
    page = context.newPage();
  }

  @AfterEach
  void stop() throws Exception {
    context.close();
    h.close();
  }

  private void signIn(String user, String password) {
    page.navigate(h.base() + "/admin/masuk");
    shot("signin");
    page.fill("#username", user);
    page.fill("#password", password);
    page.click("button[type=submit]");
  }

  private void shot(String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("admin-" + name + ".png"))
            .setFullPage(true));
  }

  @Test
  void desaAdminChangesTheDailyQuotaCreatesVouchersAndIsRefusedAnotherVillage() {
    Instant now = h.clock.instant();
    h.stores
        .sessions()
        .put(
            new Session(
                "kemiren-mt/81a",
                "kemiren",
                "sari",
                "3c:5a:b4:01:02:03",
                "kemiren-mt",
                "10.5.50.1",
                "81a",
                "10.5.50.23",
                now.minusSeconds(900),
                now,
                120_000_000,
                8_000_000,
                2_400_000));

    signIn("budi", AdminHarness.BUDI_PASSWORD);
    page.waitForURL("**/admin/desa/kemiren");
    assertThat(page.locator("h1")).hasText("Desa Kemiren");
    shot("village");

    page.navigate(h.base() + "/admin/desa/kemiren/kuota");
    page.fill("#userDailyMb", "-1");
    page.click("#save");
    assertThat(page.locator("#userDailyMb-error")).hasText("Harus antara 1 dan 10.000.000.");
    shot("quota-error");
    page.fill("#userDailyMb", "750");
    page.click("#save");
    assertThat(page.locator("#saved")).isVisible();
    shot("quota");
    assertThat(h.limits.limitsFor("kemiren", "sari").userDailyBytes()).isEqualTo(750_000_000L);

    page.navigate(h.base() + "/admin/desa/kemiren/voucher");
    page.fill("#count", "9");
    page.fill("#megabytes", "500");
    page.click("#create");
    page.waitForURL("**/voucher/cetak?batch=*");
    assertThat(page.locator(".voucher-card")).hasCount(9);
    shot("voucher-print");
    assertThat(h.stores.vouchers().listByVillage("kemiren")).hasSize(9);
    page.navigate(h.base() + "/admin/desa/kemiren/voucher");
    shot("vouchers");

    page.navigate(h.base() + "/admin/desa/kemiren/sesi");
    assertThat(page.locator("#sessions")).containsText("3c:5a:b4:01:02:03");
    page.click("#sessions button[type=submit]");
    assertThat(page.locator("#kick-result")).containsText("sedang diproses");
    shot("sessions");

    Response other = page.navigate(h.base() + "/admin/desa/tamansari/kuota");
    assertThat(other.status()).isEqualTo(403);
    assertThat(page.locator("#message")).containsText("Akses ditolak");
    shot("forbidden");

    // A form post without the CSRF token, from the same signed-in browser.
    var post =
        context
            .request()
            .post(
                h.base() + "/admin/desa/kemiren/kuota",
                RequestOptions.create()
                    .setForm(
                        com.microsoft.playwright.options.FormData.create()
                            .set("userDailyMb", "1")));
    assertThat(post.status()).isEqualTo(403);
    assertThat(h.limits.limitsFor("kemiren", "sari").userDailyBytes()).isEqualTo(750_000_000L);

    page.navigate(h.base() + "/admin/sandi");
    shot("password");
  }

  @Test
  void desaAdminSeesTheHourlyChartWithTheEveningPeakAndDownloadsTheCsv() {
    // Three evenings and middays of use, charged at their Jakarta hours; now is 19:00 WIB.
    for (int day = 26; day <= 28; day++) {
      for (String at : List.of("12:10", "19:00")) {
        h.clock.set(
            java.time.LocalDateTime.parse("2026-11-%02dT%s".formatted(day, at))
                .atZone(java.time.ZoneId.of("Asia/Jakarta"))
                .toInstant());
        long bytes = at.startsWith("19") ? 90_000_000 : 20_000_000;
        h.stores
            .ledger()
            .charge(
                new org.smartkampung.core.quota.SessionKey("kemiren", "sari", "aa:01", "s1"),
                bytes,
                0,
                0);
      }
    }
    h.clock.set(org.smartkampung.portal.testing.PortalHarness.EVENING);
    signIn("budi", AdminHarness.BUDI_PASSWORD);
    page.waitForURL("**/admin/desa/kemiren");

    page.navigate(h.base() + "/admin/desa/kemiren/pemakaian");
    assertThat(page.locator("#chart svg")).isVisible();
    assertThat(page.locator("#chart rect.evening[height='144']")).hasCount(3);
    assertThat(page.locator("#peak")).containsText("19.00");
    shot("usage");

    var download = page.waitForDownload(() -> page.click("#download"));
    assertThat(download.suggestedFilename())
        .isEqualTo("pemakaian-kemiren-2026-11-22-2026-11-28.csv");
  }

  @Test
  void kabupatenOperatorCreatesADesaAdminAndSeesHotspotsWithoutSecrets() {
    signIn("admin", AdminHarness.ADMIN_PASSWORD);
    page.waitForURL("**/admin/kabupaten");
    page.navigate(h.base() + "/admin/kabupaten/admin");
    page.fill("#username", "sari");
    page.selectOption("#village", "tamansari");
    page.fill("#password", "pendek");
    page.click("#create");
    assertThat(page.locator("#password-error")).containsText("minimal 10 karakter");
    shot("admins-error");
    page.fill("#password", "kopi-tamansari-1");
    page.click("#create");
    assertThat(page.locator("#done")).isVisible();
    assertThat(page.locator("#admins")).containsText("sari");
    shot("admins");

    page.navigate(h.base() + "/admin/kabupaten/hotspot");
    assertThat(page.locator("#hotspots")).containsText("kemiren-mt");
    assertThat(page.locator("body")).not().containsText("radius-secret");
    shot("hotspots");
  }

  @Test
  void kabupatenOperatorSeesEveryVillageAndTheAuditLog() {
    signIn("admin", AdminHarness.ADMIN_PASSWORD);
    page.waitForURL("**/admin/kabupaten");
    assertThat(page.locator("#villages")).containsText("Tamansari");
    shot("kabupaten");
    page.navigate(h.base() + "/admin/desa/tamansari/kuota");
    page.fill("#userDailyMinutes", "60");
    page.click("#save");
    assertThat(page.locator("#saved")).isVisible();
    page.navigate(h.base() + "/admin/kabupaten/audit");
    assertThat(page.locator("#audit")).containsText("quota.update");
    shot("audit");
  }

  @Test
  void kabupatenOperatorAddsAVillageAndANasClientWhoseGeneratedSecretIsShownOnce() {
    signIn("admin", AdminHarness.ADMIN_PASSWORD);
    page.waitForURL("**/admin/kabupaten");
    page.navigate(h.base() + "/admin/kabupaten/desa");
    page.fill("#id", "olehsari");
    page.fill("#name", "Olehsari");
    page.fill("#kecamatan", "Glagah");
    page.click("#add-village");
    assertThat(page.locator("#village-olehsari")).containsText("ditambahkan di konsol");
    shot("villages");

    page.navigate(h.base() + "/admin/kabupaten/hotspot");
    page.fill("#name", "olehsari-balai");
    page.fill("#address", "10.30.0.0/33");
    page.check("#generate");
    page.selectOption("#hotspot-village", "olehsari");
    page.click("#add-hotspot");
    assertThat(page.locator("#address-error")).containsText("Bukan alamat IP atau blok CIDR");
    shot("hotspot-error");
    page.fill("#address", "10.30.0.0/24");
    page.check("#generate");
    page.click("#add-hotspot");

    String secret = page.locator("#generated-secret").textContent();
    assertThat(secret).hasSize(32);
    assertThat(page.locator("#hotspots")).containsText("olehsari-balai");
    assertThat(h.live.current().nasClients())
        .anySatisfy(n -> assertThat(n.secret()).isEqualTo(secret));
    shot("hotspot-added");
    page.navigate(h.base() + "/admin/kabupaten/hotspot");
    assertThat(page.locator("body")).not().containsText(secret);
  }
}
