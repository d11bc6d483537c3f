package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;
import static org.smartkampung.portal.testing.PortalHarness.state;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.smartkampung.portal.login.Explanation;
import org.smartkampung.portal.testing.PortalHarness;

/** Every page, with the stylesheet and script it loads, fits in 30 KB for a cheap phone. */
class PageWeightTest {

  static final int MAX_PAGE_BYTES = 30 * 1024;
  static final Pattern LOADED = Pattern.compile("(?:<link[^>]+href|<script[^>]+src)=\"([^\"]+)\"");

  @Test
  void everyPageWithWhatItLoadsWeighsAtMost30Kilobytes() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      Map<String, String> pages = new LinkedHashMap<>();
      pages.put("landing", portal.get("/").body());
      pages.put("landing-en", portal.get("/?lang=en").body());
      pages.put("services", portal.get("/desa/kemiren/layanan").body());
      pages.put("status-signed-out", portal.get("/status").body());
      for (Explanation e : Explanation.values()) {
        pages.put("info-" + e.slug(), portal.get("/info/" + e.slug()).body());
      }
      pages.put("not-found", portal.get("/desa/none").body());
      String mikrotik =
          portal
              .get(
                  "/?nasid=kemiren-mt&link-login-only=http%3A%2F%2F10.5.50.1%2Flogin&mac=3C%3A5A%3AB4%3A01%3A02%3A03")
              .body();
      String nasPost =
          portal.post("/masuk/gratis", form("s", state(mikrotik), "setuju", "on")).body();
      pages.put("nas-post", nasPost);
      String status =
          portal.get(PortalHarness.field(nasPost, "dst").replace("http://portal.test", "")).body();
      pages.put("status", status);

      pages.forEach(
          (name, html) -> {
            long total = html.getBytes(StandardCharsets.UTF_8).length;
            Matcher m = LOADED.matcher(html);
            while (m.find()) {
              HttpResponse<String> asset = portal.get(m.group(1));
              assertThat(asset.statusCode()).as(name + " loads " + m.group(1)).isEqualTo(200);
              total += asset.body().getBytes(StandardCharsets.UTF_8).length;
            }
            assertThat(total)
                .as(name + " bytes with what it loads")
                .isLessThanOrEqualTo(MAX_PAGE_BYTES);
            assertThat(html).as(name).doesNotContain("http://fonts").doesNotContain("https://cdn");
          });
      assertThat(pages.get("nas-post")).contains("/static/nas-submit.js");
    }
  }
}
