package org.smartkampung.portal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.portal.login.Explanation;
import org.smartkampung.portal.testing.HeadlessChromium;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * A villager on a 360x640 phone in headless Debian Chromium: click-through, voucher and subscriber
 * login through a simulated MikroTik and CoovaChilli, the status page with the right quota, and
 * logout. Screenshots go to {@code target/screenshots/}.
 */
class VillagerBrowserTest {

  static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

  static HeadlessChromium chromium;
  static Browser browser;

  PortalHarness portal;
  SimulatedHotspots hotspots;

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
    portal = PortalHarness.startReachable();
    hotspots =
        new SimulatedHotspots(
            portal.base(),
            portal.stores.loginTokens(),
            portal.stores.sessions(),
            PortalHarness.EVENING);
    // Each villager used 100 MB and 30 minutes of 500 MB and 2 hours; the village 5 of 20 GB.
    for (String[] who :
        List.of(
            new String[] {"gratis-3c:5a:b4:01:02:03", "3c:5a:b4:01:02:03"},
            new String[] {"sari", "3c:5a:b4:01:02:03"},
            new String[] {"K7M2QX9PWA", "3c:5a:b4:0a:0b:0c"})) {
      portal.stores.used("kemiren", who[0], who[1], 100_000_000L, 1800);
    }
    portal.stores.used("kemiren", "tetangga", "aa:aa:aa:aa:aa:01", 4_700_000_000L, 60);
    portal
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
    hotspots.close();
    portal.close();
  }

  Page phone(boolean javaScript) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(360, 640)
                .setJavaScriptEnabled(javaScript)
                .setLocale("id-ID"));
    return context.newPage();
  }

  void shot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }

  void assertStatusShowsTheRightQuota(Page page) {
    assertThat(page.locator("h1")).hasText("Status Internet");
    assertThat(page.locator("#user-bytes")).hasText("400 MB");
    assertThat(page.locator("#user-time")).hasText("1 jam 30 menit");
    assertThat(page.locator("#village-bytes")).hasText("15 GB");
  }

  /** Nothing on the page reaches past the right edge of a 360 px screen: no sideways scrolling. */
  static void assertFitsA360PixelPhone(Page page) {
    com.microsoft.playwright.Locator all = page.locator("body *");
    for (int i = 0; i < all.count(); i++) {
      com.microsoft.playwright.options.BoundingBox box = all.nth(i).boundingBox();
      if (box != null) {
        org.assertj.core.api.Assertions.assertThat(box.x + box.width)
            .as("right edge of element %d", i)
            .isLessThanOrEqualTo(360);
      }
    }
    assertThat(page.locator("text=Keluar")).isInViewport();
  }

  @Test
  void clickThroughViaMikrotikWithJavaScriptAutoSubmitsThenLogsOut() {
    Page page = phone(true);
    page.navigate(hotspots.mikrotikUrl() + "/login");
    assertThat(page.locator("h1")).hasText("Selamat datang di Desa Kemiren");
    shot(page, "01-landing-mikrotik");

    page.locator("input[name=setuju]").check();
    page.locator("text=Masuk Internet Gratis").click();
    page.waitForURL(Pattern.compile(".*/status\\?s=.*"));

    assertStatusShowsTheRightQuota(page);
    assertThat(hotspots.lastRejection).isEmpty();
    assertThat(portal.stores.sessions().listByNas("kemiren-mt")).hasSize(1);
    shot(page, "04-status");

    page.locator("text=Keluar").click();
    page.waitForURL(hotspots.mikrotikUrl() + "/logout");
    assertThat(page.locator("#bye")).isVisible();
    assertThat(portal.stores.sessions().listByNas("kemiren-mt")).isEmpty();
  }

  @Test
  void subscriberViaMikrotikWithoutJavaScriptUsesTheVisibleButton() {
    Page page = phone(false);
    page.navigate(hotspots.mikrotikUrl() + "/login");
    page.locator("#nama").fill("sari");
    page.locator("#sandi").fill("rahasia-sari");
    page.locator("form[action='/masuk/pelanggan'] button").click();
    page.waitForURL(portal.base() + "/masuk/pelanggan");
    assertThat(page.locator("h1")).hasText("Menghubungkan...");
    shot(page, "03-nas-post-no-js");

    page.locator("#nas-login button").click();
    page.waitForURL(Pattern.compile(".*/status\\?s=.*"));

    assertStatusShowsTheRightQuota(page);
    assertThat(portal.stores.sessions().listByNas("kemiren-mt").get(0).userId()).isEqualTo("sari");
  }

  @Test
  void voucherViaCoovaChilliLandsOnStatusAndLogsOffThroughChilli() {
    Page page = phone(false);
    page.navigate(hotspots.chilliUrl() + "/prelogin");
    assertThat(page.locator("h1")).hasText("Selamat datang di Desa Kemiren");
    shot(page, "02-landing-chilli");

    page.locator("#kode").fill("k7m2q-x9pwa");
    page.locator("text=Masuk dengan Voucher").click();
    page.waitForURL(Pattern.compile(".*/status\\?s=.*"));

    assertStatusShowsTheRightQuota(page);
    assertFitsA360PixelPhone(page);
    shot(page, "09-status-voucher");
    assertThat(hotspots.lastRejection).isEmpty();
    assertThat(portal.stores.sessions().listByNas("kemiren-chilli").get(0).userId())
        .isEqualTo("K7M2QX9PWA");

    page.locator("text=Keluar").click();
    page.waitForURL(Pattern.compile(".*res=logoff.*"));
    assertThat(page.locator(".notice")).hasText("Anda sudah keluar. Terima kasih!");
    assertThat(portal.stores.sessions().listByNas("kemiren-chilli")).isEmpty();
  }

  @Test
  void wrongVoucherShowsAMessageAndEnglishSwitchWorks() {
    Page page = phone(false);
    page.navigate(hotspots.chilliUrl() + "/prelogin");
    page.locator("#kode").fill("SALAH12345");
    page.locator("text=Masuk dengan Voucher").click();
    assertThat(page.locator(".error")).hasText(Pattern.compile("Kode voucher tidak dikenal.*"));
    shot(page, "05-voucher-wrong");

    page.locator("a.lang").click();
    assertThat(page.locator("h1")).hasText("Welcome to the village of Kemiren");
    assertThat(page.locator("#kode")).isVisible();
    shot(page, "06-landing-english");
  }

  @Test
  void publicPagesRenderOnAPhone() {
    Page page = phone(false);
    for (String path : java.util.List.of("/desa/kemiren", "/desa/kemiren/layanan")) {
      page.navigate(portal.base() + path);
      com.microsoft.playwright.Locator links = page.locator(".links a, .services a");
      org.assertj.core.api.Assertions.assertThat(links.count()).as(path).isGreaterThan(0);
      for (int i = 0; i < links.count(); i++) {
        org.assertj.core.api.Assertions.assertThat(links.nth(i).boundingBox().height)
            .as("tap target height of link %d on %s", i, path)
            .isGreaterThanOrEqualTo(44);
      }
    }
    page.navigate(portal.base() + "/desa/kemiren/layanan");
    assertThat(page.locator("h1")).hasText("Layanan Publik");
    assertThat(page.locator("a[href='https://dukcapil.example.go.id/kk']"))
        .hasText("Kartu Keluarga");
    shot(page, "07-services");
    for (Explanation e : Explanation.values()) {
      page.navigate(portal.base() + "/info/" + e.slug() + "?desa=kemiren");
      assertThat(page.locator("h1")).not().hasText("");
      shot(page, "08-info-" + e.slug());
    }
  }
}
