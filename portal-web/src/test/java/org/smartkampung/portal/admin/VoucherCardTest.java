package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;

import com.microsoft.playwright.Page;
import io.nayuki.qrcodegen.QrCode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.portal.testing.HeadlessChromium;

/**
 * The printed voucher card says which Wi-Fi to join, what the voucher allows (data, minutes,
 * devices, until when) and carries a QR code that joins that Wi-Fi, drawn as inline SVG.
 */
class VoucherCardTest {

  AdminHarness h;
  AdminHarness.Client budi;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    budi = h.client();
    assertThat(budi.signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(303);
    csrf = budi.csrf("/admin/desa/kemiren/voucher");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<String> create(String wifiName) {
    return budi.post(
        "/admin/desa/kemiren/voucher",
        form(
            "csrf", csrf,
            "count", "4",
            "validityDays", "7",
            "megabytes", "2.000",
            "minutes", "120",
            "maxDevices", "2",
            "wifiName", wifiName));
  }

  @Test
  void theCardShowsTheSsidTheLimitsAndAQrCodeThatJoinsThatWifi() throws Exception {
    HttpResponse<String> made = create("Internet Desa Kemiren");
    assertThat(made.statusCode()).isEqualTo(303);
    String sheetUrl = made.headers().firstValue("Location").orElseThrow();

    String sheet = budi.get(sheetUrl).body();
    String card = sheet.substring(sheet.indexOf("class=\"voucher-card\""));
    card = card.substring(0, card.indexOf("class=\"voucher-card\"", 10));
    assertThat(card)
        .contains("Nama WiFi: <strong>Internet Desa Kemiren</strong>")
        .contains("2,0 GB · 120 menit · 2 perangkat")
        .contains("berlaku s.d. 05/12/2026")
        .contains("<svg class=\"qr\"");

    // The drawn modules are exactly those of the Wi-Fi join text for this SSID.
    QrCode expected =
        QrCode.encodeText("WIFI:T:nopass;S:Internet Desa Kemiren;;", QrCode.Ecc.MEDIUM);
    Matcher path = Pattern.compile("<path fill=\"#000\" d=\"([^\"]+)\"").matcher(card);
    assertThat(path.find()).isTrue();
    Matcher module = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(path.group(1));
    int dark = 0;
    while (module.find()) {
      int x = Integer.parseInt(module.group(1)) - VoucherQr.BORDER_MODULES;
      int y = Integer.parseInt(module.group(2)) - VoucherQr.BORDER_MODULES;
      assertThat(expected.getModule(x, y)).as("module %d,%d is dark", x, y).isTrue();
      dark++;
    }
    int expectedDark = 0;
    for (int y = 0; y < expected.size; y++) {
      for (int x = 0; x < expected.size; x++) {
        expectedDark += expected.getModule(x, y) ? 1 : 0;
      }
    }
    assertThat(dark).isEqualTo(expectedDark);

    // The name is kept for the next batch, and the form shows it.
    assertThat(budi.get("/admin/desa/kemiren/voucher").body())
        .contains("value=\"Internet Desa Kemiren\"");

    try (HeadlessChromium chromium = HeadlessChromium.launch()) {
      Page page = chromium.desktop();
      page.navigate(h.base() + "/admin/masuk");
      page.fill("#username", "budi");
      page.fill("#password", AdminHarness.BUDI_PASSWORD);
      page.click("button[type=submit]");
      page.waitForURL("**/admin/desa/kemiren");
      page.navigate(h.base() + sheetUrl);
      com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
              page.locator(".voucher-card svg.qr").first())
          .isVisible();
      page.locator(".voucher-card")
          .first()
          .screenshot(
              new com.microsoft.playwright.Locator.ScreenshotOptions()
                  .setPath(HeadlessChromium.SCREENSHOTS.resolve("voucher-card.png")));
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(HeadlessChromium.SCREENSHOTS.resolve("voucher-sheet.png"))
              .setFullPage(true));
    }
    assertThat(Path.of("target/screenshots/voucher-card.png")).exists();
  }

  @Test
  void specialCharactersInTheSsidAreEscapedInTheQrTextAndThePage() {
    assertThat(VoucherQr.wifiJoin("Desa;\"Ke:mi,ren\\"))
        .isEqualTo("WIFI:T:nopass;S:Desa\\;\\\"Ke\\:mi\\,ren\\\\;;");
    HttpResponse<String> made = create("<b>Desa</b>");
    String sheet = budi.get(made.headers().firstValue("Location").orElseThrow()).body();
    assertThat(sheet).contains("&lt;b&gt;Desa&lt;/b&gt;").doesNotContain("<b>Desa</b>");
    HttpResponse<String> tooLong = create("x".repeat(33));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("id=\"wifiName-error\"");
  }
}
