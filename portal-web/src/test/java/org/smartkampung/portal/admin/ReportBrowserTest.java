package org.smartkampung.portal.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.report.MonthlyRollups;
import org.smartkampung.portal.testing.HeadlessChromium;

/**
 * The monthly report in Debian's Chromium, as a desa secretary prints it for the APBDes: Bahasa
 * Indonesia, Indonesian numbers, the console's links hidden on paper, the sheet no wider than A4.
 * Its print view is saved as {@code docs/screenshots/laporan-bulanan.png}.
 */
class ReportBrowserTest {

  static final Path DOC_SCREENSHOT = Path.of("../docs/screenshots/laporan-bulanan.png");

  HeadlessChromium chromium;
  AdminHarness h;
  BrowserContext context;
  Page page;

  @BeforeEach
  void start() throws Exception {
    chromium = HeadlessChromium.launch();
    h = new AdminHarness();
    // A week of evenings in Kemiren (the harness stands at 19:00 WIB on 28 November 2026).
    for (int day = 22; day <= 28; day++) {
      h.chargeAt("2026-11-%02dT07:30".formatted(day), 900);
      h.chargeAt("2026-11-%02dT12:10".formatted(day), 1_800);
      h.chargeAt("2026-11-%02dT19:05".formatted(day), 6_500);
      h.chargeAt("2026-11-%02dT20:40".formatted(day), 4_100);
    }
    MonthlyRollups rollups = h.stores.monthlyRollups();
    YearMonth nov = YearMonth.of(2026, 11);
    for (int i = 0; i < 412; i++) {
      rollups.activity(
          "kemiren",
          nov,
          "warga-" + (i % 287),
          "02:00:00:00:%02x:%02x".formatted(i / 256, i % 256),
          true);
    }
    rollups.availability("kemiren", nov, 2_000_000, 1_964_000);
    context =
        chromium
            .browser()
            .newContext(
                new Browser.NewContextOptions()
                    .setViewportSize(794, 1123) // A4 at 96 dpi
                    .setLocale("id-ID")
                    .setJavaScriptEnabled(false));
    page = context.newPage();
  }

  @AfterEach
  void stop() throws Exception {
    if (context != null) {
      context.close();
    }
    if (h != null) {
      h.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theMonthlyReportPrintsOnA4InBahasaIndonesia() throws Exception {
    page.navigate(h.base() + "/admin/masuk");
    page.fill("#username", "budi");
    page.fill("#password", AdminHarness.BUDI_PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL("**/admin/desa/kemiren");
    page.click("#report-link");
    page.waitForURL("**/admin/desa/kemiren/laporan");

    assertThat(page.locator("#report-month")).hasText("November 2026");
    assertThat(page.locator("#gb-used")).hasText("93,10 GB");
    assertThat(page.locator("#package")).containsText("1.000 GB per bulan");
    assertThat(page.locator("#users")).hasText("287 warga");
    assertThat(page.locator("#devices")).hasText("412 perangkat");
    assertThat(page.locator("#peak")).hasText("19.00–20.00 WIB");
    assertThat(page.locator("#availability")).hasText("98,2%");
    assertThat(page.locator("#budget")).containsText("Rp 1.000.000");
    assertThat(page.locator("#cost-per-gb")).hasText("Rp 10.741,14");

    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
    assertThat(page.locator("nav")).isHidden();
    double sheetWidth =
        ((Number)
                page.evaluate("document.querySelector('main.sheet').getBoundingClientRect().width"))
            .doubleValue();
    assertThat(sheetWidth).isLessThanOrEqualTo(794);
    Files.createDirectories(DOC_SCREENSHOT.getParent());
    page.screenshot(new Page.ScreenshotOptions().setPath(DOC_SCREENSHOT).setFullPage(true));
    assertThat(Files.size(DOC_SCREENSHOT)).isGreaterThan(10_000);
  }
}
