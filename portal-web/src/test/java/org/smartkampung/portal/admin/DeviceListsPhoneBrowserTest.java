package org.smartkampung.portal.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.session.Session;
import org.smartkampung.portal.testing.HeadlessChromium;

/**
 * A desa secretary on a 360x640 phone, JavaScript off, blocks a kicked click-through user's device
 * from the session list, finds it on the village's device page, and adds the kantor desa PC to the
 * bypass list by typing its MAC as the router shows it; every button stays on screen.
 */
class DeviceListsPhoneBrowserTest {

  static final int PHONE_WIDTH = 360;

  static HeadlessChromium chromium;

  AdminHarness h;
  BrowserContext context;
  Page page;

  @BeforeAll
  static void launch() throws Exception {
    chromium = HeadlessChromium.launch();
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
        chromium
            .browser()
            .newContext(
                new Browser.NewContextOptions()
                    .setViewportSize(PHONE_WIDTH, 640)
                    .setLocale("id-ID")
                    .setJavaScriptEnabled(false));
    page = context.newPage();
  }

  @AfterEach
  void stop() throws Exception {
    context.close();
    h.close();
  }

  private void signInAsBudi() {
    page.navigate(h.base() + "/admin/masuk");
    page.fill("#username", "budi");
    page.fill("#password", AdminHarness.BUDI_PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL("**/admin/desa/kemiren");
  }

  private static void assertWithinPhoneWidth(Locator element) {
    BoundingBox box = element.boundingBox();
    assertThat(box).as("laid out").isNotNull();
    assertThat(box.x).as("left edge").isGreaterThanOrEqualTo(0);
    assertThat(box.x + box.width).as("right edge").isLessThanOrEqualTo(PHONE_WIDTH);
  }

  @Test
  void aDeviceBlockedFromTheSessionListIsListedAndTheBypassFormWorksOnAPhone() {
    Instant now = h.clock.instant();
    h.stores
        .sessions()
        .put(
            new Session(
                "kemiren-mt-balai-desa/81a00001",
                "kemiren",
                "gratis-3c:5a:b4:01:02:03",
                "3c:5a:b4:01:02:03",
                "kemiren-mt-balai-desa",
                "10.5.50.1",
                "81a00001",
                "10.5.50.21",
                now.minusSeconds(900),
                now,
                880_000_000,
                8_000_000,
                2_400_000));
    signInAsBudi();

    page.navigate(h.base() + "/admin/desa/kemiren/sesi");
    Locator block = page.locator("#sessions button:has-text('Blokir perangkat')");
    assertThat(block).hasCount(1);
    assertWithinPhoneWidth(block);
    assertWithinPhoneWidth(page.locator("#sessions button:has-text('Putuskan')"));
    block.click();
    page.waitForURL("**/admin/desa/kemiren/sesi");
    assertThat(page.locator("#kick-result")).isVisible();

    page.click("#devices-link");
    page.waitForURL("**/admin/desa/kemiren/perangkat");
    assertThat(page.locator("#blocked-devices")).containsText("3c:5a:b4:01:02:03");

    page.fill("#mac", "00-1A-2B-3C-4D-60");
    page.fill("#note", "PC kantor desa");
    page.selectOption("#list", "lewati");
    page.click("#add-device");
    page.waitForURL("**/admin/desa/kemiren/perangkat");
    HeadlessChromium.shot(page, "admin-phone-devices");

    assertThat(page.locator("#bypass-devices")).containsText("00:1a:2b:3c:4d:60");
    assertThat(page.locator("#bypass-devices")).containsText("PC kantor desa");
    assertWithinPhoneWidth(page.locator("#add-device"));
    Locator removes = page.locator("button:has-text('Hapus')");
    assertThat(removes).hasCount(2);
    for (int i = 0; i < 2; i++) {
      assertWithinPhoneWidth(removes.nth(i));
    }
    assertWithinPhoneWidth(page.locator("#blocked-devices"));
    org.assertj.core.api.Assertions.assertThat(
            h.stores.deviceLists().bypass("kemiren", "00:1a:2b:3c:4d:60"))
        .isTrue();
  }

  @Test
  void aBadMacIsExplainedNextToTheField() {
    signInAsBudi();
    page.navigate(h.base() + "/admin/desa/kemiren/perangkat");

    page.fill("#mac", "00-1A-2B");
    page.click("#add-device");

    assertThat(page.locator("#mac-error")).containsText("Alamat MAC tidak dikenali");
    assertWithinPhoneWidth(page.locator("#mac"));
  }
}
