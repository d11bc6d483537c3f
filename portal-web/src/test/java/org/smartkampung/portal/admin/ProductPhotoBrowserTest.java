package org.smartkampung.portal.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.portal.testing.HeadlessChromium;

/**
 * A desa admin uploads a Produk Desa photo in Chromium; a villager's phone, not logged in, sees it
 * on the landing page, served by the portal itself (inside the walled garden).
 */
class ProductPhotoBrowserTest {

  static HeadlessChromium chromium;
  static Browser browser;

  AdminHarness h;
  BrowserContext admin;
  BrowserContext villager;

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
    admin =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(1024, 768)
                .setLocale("id-ID")
                .setJavaScriptEnabled(false));
    villager =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(360, 640).setLocale("id-ID"));
  }

  @AfterEach
  void stop() throws Exception {
    admin.close();
    villager.close();
    h.close();
  }

  private static Path png(Path dir) throws Exception {
    BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(0x7b, 0x3f, 0x00));
    g.fillRect(0, 0, 120, 90);
    g.dispose();
    Path file = dir.resolve("kopi-osing.png");
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  @Test
  void anUploadedPhotoShowsOnTheLandingPageBeforeLoginAndStaysWhenTheItemIsEdited()
      throws Exception {
    Path photo = png(h.dataDir);
    Page page = admin.newPage();
    page.navigate(h.base() + "/admin/masuk");
    page.fill("#username", "budi");
    page.fill("#password", AdminHarness.BUDI_PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL("**/admin/desa/kemiren");

    page.navigate(h.base() + "/admin/desa/kemiren/beranda");
    page.locator("#products #name").fill("Kopi Osing");
    page.locator("#products #photo").setInputFiles(photo);
    page.locator("#products #priceRupiah").fill("45.000");
    page.locator("#products #whatsapp").fill("081234567890");
    page.click("#add-product");
    page.waitForURL("**/admin/desa/kemiren/beranda");
    assertThat(page.locator("#products li")).containsText("Kopi Osing");
    HeadlessChromium.shot(page, "admin-product-photo");

    Page phone = villager.newPage();
    phone.navigate(h.base() + "/desa/kemiren");
    Locator img = phone.locator("img[src^='/foto/kemiren/']");
    assertThat(img).hasCount(1);
    img.scrollIntoViewIfNeeded();
    // The browser fetched and decoded it: a broken image has no natural width.
    phone.waitForFunction(
        "() => { const i = document.querySelector(\"img[src^='/foto/kemiren/']\");"
            + " return i.complete && i.naturalWidth > 0; }");
    assertThat(img.evaluate("i => i.naturalWidth")).isEqualTo(120);
    String src = img.getAttribute("src");
    APIResponse served = phone.request().get(h.base() + src);
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.headers().get("content-type")).isEqualTo("image/png");
    assertThat(served.headers().get("x-content-type-options")).isEqualTo("nosniff");
    assertThat(served.headers().get("cache-control")).contains("max-age=");
    assertThat(served.body()).isEqualTo(Files.readAllBytes(photo));
    HeadlessChromium.shot(phone, "landing-product-photo");

    page.navigate(h.base() + "/admin/desa/kemiren/beranda/produk/0");
    assertThat(page.locator("#current-photo img")).hasAttribute("src", src);
    page.fill("#priceRupiah", "50.000");
    page.click("#save-product");
    page.waitForURL("**/admin/desa/kemiren/beranda");

    phone.navigate(h.base() + "/desa/kemiren");
    assertThat(phone.locator("img[src='" + src + "']")).hasCount(1);
    assertThat(phone.locator("#products")).containsText("50.000");
  }
}
