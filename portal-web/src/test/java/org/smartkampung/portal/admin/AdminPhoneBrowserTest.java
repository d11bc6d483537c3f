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
 * A desa secretary on a 360x640 phone, JavaScript off: the console fits the screen (no sideways
 * scrolling to reach a button) and its header stays short.
 */
class AdminPhoneBrowserTest {

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
  void theKickButtonOfEverySessionIsOnScreenWithoutScrollingSideways() {
    Instant now = h.clock.instant();
    for (int i = 1; i <= 3; i++) {
      h.stores
          .sessions()
          .put(
              new Session(
                  "kemiren-mt-balai-desa/81a0000" + i,
                  "kemiren",
                  "sari.wulandari" + i,
                  "3c:5a:b4:01:02:0" + i,
                  "kemiren-mt-balai-desa",
                  "10.5.50.1",
                  "81a0000" + i,
                  "10.5.50.2" + i,
                  now.minusSeconds(900),
                  now,
                  880_000_000,
                  8_000_000,
                  2_400_000));
    }
    signInAsBudi();

    page.navigate(h.base() + "/admin/desa/kemiren/sesi");
    HeadlessChromium.shot(page, "admin-phone-sessions");

    Locator kicks = page.locator("#sessions button:has-text('Putuskan')");
    assertThat(kicks).hasCount(3);
    for (int i = 0; i < 3; i++) {
      assertThat(kicks.nth(i)).isVisible();
      assertWithinPhoneWidth(kicks.nth(i));
    }
    assertWithinPhoneWidth(page.locator("#sessions"));
    assertThat(page.locator("#sessions")).containsText("888,0 MB");
  }

  @Test
  void theHeaderStaysWithinTwoLinesOnAPhone() {
    signInAsBudi();

    page.navigate(h.base() + "/admin/desa/kemiren/sesi");
    HeadlessChromium.shot(page, "admin-phone-header");

    BoundingBox header = page.locator("header.top").boundingBox();
    assertThat(header.height).as("header height in px").isLessThanOrEqualTo(100);
    assertWithinPhoneWidth(page.locator("header.top"));
    // Every console page stays reachable from the menu.
    assertThat(page.locator("header.top a[href='/admin/desa/kemiren/voucher']")).hasCount(1);
  }
}
