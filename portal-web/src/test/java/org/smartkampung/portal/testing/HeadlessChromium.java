package org.smartkampung.portal.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * TEST FIXTURE: Debian's headless Chromium driven by Playwright (never a downloaded browser), with
 * 360x640 phone pages and full-page screenshots into {@code target/screenshots/}. When Chromium is
 * missing the calling tests are skipped, or fail under {@code -Dkampung.requireExternal=true}.
 * Shared by portal-web's browser tests and the app module's end-to-end tests (portal-web test-jar).
 */
public final class HeadlessChromium implements AutoCloseable {

  public static final List<Path> CHROMIUM =
      List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
  public static final Path SCREENSHOTS = Path.of("target/screenshots");

  private final Playwright playwright;
  private final Browser browser;

  private HeadlessChromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Launches Chromium, or aborts the calling test when it is not installed. */
  public static HeadlessChromium launch() throws IOException {
    Path chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
    if (chromium == null) {
      String why = "Debian chromium is not installed (apt-get install chromium)";
      if (Boolean.getBoolean("kampung.requireExternal")) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort(why + "; browser tests skipped");
    }
    Files.createDirectories(SCREENSHOTS);
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--no-first-run")));
    return new HeadlessChromium(playwright, browser);
  }

  /** A fresh 360x640 phone in Bahasa Indonesia, with or without JavaScript. */
  public Page phone(boolean javaScript) {
    return browser
        .newContext(
            new Browser.NewContextOptions()
                .setViewportSize(360, 640)
                .setJavaScriptEnabled(javaScript)
                .setLocale("id-ID"))
        .newPage();
  }

  /**
   * A fresh 1280x900 desktop page in Bahasa Indonesia without JavaScript (the console needs none).
   */
  public Page desktop() {
    return browser
        .newContext(
            new Browser.NewContextOptions()
                .setViewportSize(1280, 900)
                .setJavaScriptEnabled(false)
                .setLocale("id-ID"))
        .newPage();
  }

  public static void shot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }

  /** The browser itself, for tests that set up their own contexts. */
  public Browser browser() {
    return browser;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
