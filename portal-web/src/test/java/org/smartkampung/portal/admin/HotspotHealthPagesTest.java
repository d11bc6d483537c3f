package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.health.HotspotSightings;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * The kabupaten at its real size: 189 villages in 24 kecamatan and 1,400 hotspots, all created
 * through the JSON API. Seven hotspots have been silent for two hours of opening time (down), three
 * never spoke, the rest spoke a minute ago. Down hotspots come first on the overview and the
 * hotspot list; search, kecamatan and state filters and paging keep every page under 100 KB.
 */
class HotspotHealthPagesTest {

  static final int VILLAGES = 189;
  static final int HOTSPOTS = 1_400;
  static final int MAX_PAGE_BYTES = 100 * 1024;

  static AdminHarness h;
  static AdminHarness.Client admin;

  @BeforeAll
  static void kabupaten() throws Exception {
    h = new AdminHarness();
    admin = h.client();
    assertThat(admin.signIn("admin", AdminHarness.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    String csrf = new JsonObject(admin.get("/api/admin/v1/me").body()).getString("csrfToken");
    for (int v = 0; v < VILLAGES; v++) {
      HttpResponse<String> made =
          admin.json(
              "POST",
              "/api/admin/v1/kabupaten/villages",
              "{\"id\":\"desa-%03d\",\"name\":\"Desa %03d\",\"kecamatan\":\"Kecamatan %02d\","
                      .formatted(v, v, v % 24)
                  + "\"timeZone\":\"Asia/Jakarta\"}",
              csrf);
      assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    }
    for (int n = 0; n < HOTSPOTS; n++) {
      HttpResponse<String> made =
          admin.json(
              "POST",
              "/api/admin/v1/kabupaten/nas-clients",
              ("{\"name\":\"hs-%04d\",\"address\":\"10.%d.%d.1\",\"secret\":\"rahasia-hotspot-%04d\","
                      + "\"type\":\"MIKROTIK\",\"village\":\"desa-%03d\","
                      + "\"requireMessageAuthenticator\":\"YES\"}")
                  .formatted(n, 100 + n / 250, n % 250, n, n % VILLAGES),
              csrf);
      assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    }
    Instant now = PortalHarness.EVENING; // 19:00 WIB, open everywhere
    HotspotSightings sightings = h.stores.hotspotSightings();
    for (int n = 0; n < HOTSPOTS; n++) {
      if (n % 200 == 7) {
        sightings.seen("hs-%04d".formatted(n), now.minus(Duration.ofHours(2))); // 7 down
      } else if (n >= 3) { // the first three never spoke
        sightings.seen("hs-%04d".formatted(n), now.minusSeconds(60));
      }
    }
  }

  @AfterAll
  static void close() throws Exception {
    h.close();
  }

  private static String page(String path) {
    HttpResponse<String> response = admin.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    assertThat(response.body().getBytes(StandardCharsets.UTF_8).length)
        .as("size of %s", path)
        .isLessThan(MAX_PAGE_BYTES);
    return response.body();
  }

  private static int rows(String html) {
    return html.split("<tr id=\"hotspot-", -1).length - 1;
  }

  private static List<String> hotspotNames(String html) {
    Matcher m = Pattern.compile("<tr id=\"hotspot-(hs-\\d{4})\"").matcher(html);
    java.util.ArrayList<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void theHotspotListIsPagedWithDownOnesFirstAndTotals() {
    String first = page("/admin/kabupaten/hotspot");
    assertThat(rows(first)).isEqualTo(NasClientPages.PAGE_SIZE);
    List<String> names = hotspotNames(first);
    assertThat(names.subList(0, 7))
        .containsExactlyInAnyOrder(
            "hs-0007", "hs-0207", "hs-0407", "hs-0607", "hs-0807", "hs-1007", "hs-1207");
    assertThat(names.subList(7, 10)).containsExactlyInAnyOrder("hs-0000", "hs-0001", "hs-0002");
    // The harness's own two hotspots (Kemiren, never heard from) are in the list too.
    assertThat(first.indexOf("hotspot-kemiren-mt")).isLessThan(first.indexOf("hotspot-hs-0003"));
    assertThat(first)
        .containsPattern("<strong>1402</strong> hotspot:\\s*<a[^>]*>7 mati</a>")
        .contains("5 belum pernah terdengar")
        .contains("1390 menyala")
        .contains("Halaman 1 / 29");

    String last = page("/admin/kabupaten/hotspot?hal=29");
    assertThat(rows(last)).isEqualTo(1402 - 28 * NasClientPages.PAGE_SIZE);
    assertThat(last).doesNotContain("id=\"next-page\"").contains("id=\"prev-page\"");
  }

  @Test
  void searchKecamatanAndStateFiltersNarrowTheList() {
    assertThat(hotspotNames(page("/admin/kabupaten/hotspot?cari=hs-0042")))
        .containsExactly("hs-0042");
    assertThat(hotspotNames(page("/admin/kabupaten/hotspot?cari=Desa+005")))
        .containsExactlyInAnyOrder(
            "hs-0005", "hs-0194", "hs-0383", "hs-0572", "hs-0761", "hs-0950", "hs-1139", "hs-1328");
    String kecamatan = page("/admin/kabupaten/hotspot?kecamatan=Kecamatan+03&hal=1");
    assertThat(hotspotNames(kecamatan))
        .isNotEmpty()
        .allSatisfy(
            n -> {
              int village = Integer.parseInt(n.substring(3)) % VILLAGES;
              assertThat(village % 24).isEqualTo(3);
            });
    assertThat(hotspotNames(page("/admin/kabupaten/hotspot?keadaan=mati"))).hasSize(7);
  }

  @Test
  void theOverviewListsDownHotspotsFirstAndStaysSmall() {
    String overview = page("/admin/kabupaten");
    assertThat(overview.indexOf("id=\"down\"")).isLessThan(overview.indexOf("id=\"villages\""));
    String down = overview.substring(overview.indexOf("id=\"down\""), overview.indexOf("</table>"));
    assertThat(down)
        .contains("hs-0007", "hs-0207", "hs-0407", "hs-0607", "hs-0807", "hs-1007", "hs-1207")
        .doesNotContain("hs-0008");
    assertThat(overview).contains("Hotspot mati: 7 / 1.402");
    page("/admin/kabupaten/desa");
    // 1,589 creations audited: the log pages through the newest 500.
    assertThat(page("/admin/kabupaten/audit")).contains("id=\"audit-next\"");
    page("/admin/kabupaten/audit?hal=5");
  }
}
