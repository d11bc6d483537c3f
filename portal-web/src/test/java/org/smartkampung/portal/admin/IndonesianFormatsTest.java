package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.village.VillageSettings;

/**
 * The console reads and writes numbers, money, dates and hours the Indonesian way ("880,0 MB", "Rp
 * 45.000", "36.000.000", "05.00-22.00", "17/08/2026"), and the English console the English way.
 */
class IndonesianFormatsTest {

  AdminHarness h;
  AdminHarness.Client budi;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    budi = h.client();
    assertThat(budi.signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(303);
    csrf = budi.csrf("/admin/desa/kemiren/kuota");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void theQuotaFormTakesDottedThousandsAndDottedHoursAndShowsThemBackTheSameWay() {
    HttpResponse<String> saved =
        budi.post(
            "/admin/desa/kemiren/kuota",
            form(
                "csrf", csrf,
                "downlinkMbps", "50",
                "uplinkMbps", "10",
                "monthlyGb", "1.000",
                "budgetYear", "2026",
                "budgetRupiah", "36.000.000",
                "userDailyMb", "1.500",
                "userDailyMinutes", "120",
                "userRateDownKbps", "2.048",
                "userRateUpKbps", "512",
                "maxDevicesPerUser", "2",
                "openingHours", "05.00-22.00"));

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    VillageSettings s = h.admin.villageSettings().find("kemiren").orElseThrow();
    assertThat(s.bandwidthPackage().budgetRupiah()).isEqualTo(36_000_000L);
    assertThat(s.bandwidthPackage().monthlyGb()).isEqualTo(1_000L);
    assertThat(s.userDailyMb()).isEqualTo(1_500L);
    assertThat(s.openingHours()).isEqualTo("05:00-22:00");
    assertThat(budi.get("/admin/desa/kemiren/kuota").body())
        .contains("value=\"36.000.000\"")
        .contains("value=\"1.500\"")
        .contains("value=\"05.00-22.00\"");
    assertThat(budi.get("/admin/desa/kemiren").body()).contains("Rp 36.000.000");
  }

  @Test
  void aMalformedNumberIsRefusedWithAMessageAndTheRangeIsWrittenWithDots() {
    HttpResponse<String> bad =
        budi.post(
            "/admin/desa/kemiren/kuota",
            form("csrf", csrf, "userDailyMb", "1.50", "budgetRupiah", "", "openingHours", "5-22"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("id=\"userDailyMb-error\">Isi dengan angka bulat")
        .contains("id=\"openingHours-error\">Tulis jam buka seperti 16.00-23.00.");
    HttpResponse<String> big =
        budi.post("/admin/desa/kemiren/kuota", form("csrf", csrf, "userDailyMb", "99.000.000"));
    assertThat(big.body()).contains("Harus antara 1 dan 10.000.000.");
    assertThat(h.admin.villageSettings().find("kemiren")).isEmpty();
  }

  @Test
  void theKabupatenOverviewWritesUsageAgainstThePackageTheIndonesianWayAndTheEnglishWay() {
    h.chargeAt("2026-11-28T19:00", 59_100);
    AdminHarness.Client operator = h.client();
    operator.signIn("admin", AdminHarness.ADMIN_PASSWORD);

    String id = operator.get("/admin/kabupaten").body();
    String en = operator.get("/admin/kabupaten?lang=en").body();

    assertThat(id)
        .contains("59,1 GB / 1.000,0 GB (5%)")
        .contains("id=\"totals\">2 desa, 0 sesi berjalan, 59,1 GB terpakai bulan ini.");
    assertThat(en)
        .contains("59.1 GB / 1,000.0 GB (5%)")
        .contains("id=\"totals\">2 villages, 0 running sessions, 59.1 GB used this month.");
  }

  @Test
  void sessionsShowDecimalCommasInIndonesianAndDecimalPointsInEnglish() {
    Instant now = h.clock.instant();
    h.stores
        .sessions()
        .put(
            new Session(
                "kemiren-mt/abc",
                "kemiren",
                "sari",
                "3c:5a:b4:01:02:03",
                "kemiren-mt",
                "10.5.50.1",
                "abc",
                "10.5.50.23",
                now.minusSeconds(600),
                now,
                800_000_000,
                80_000_000,
                11_730_000));

    assertThat(budi.get("/admin/desa/kemiren/sesi").body())
        .contains("880,0 MB")
        .contains("11,7 Mbit/s");
    assertThat(budi.get("/admin/desa/kemiren/sesi?lang=en").body())
        .contains("880.0 MB")
        .contains("11.7 Mbit/s");
  }

  @Test
  void newsDatesAreTypedAndShownDayFirstAndPricesTakeDots() {
    String landingCsrf = budi.csrf("/admin/desa/kemiren/beranda");
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/berita",
                    form(
                        "csrf", landingCsrf,
                        "title", "Lomba 17-an",
                        "body", "Di lapangan desa.",
                        "date", "17/08/2026"))
                .statusCode())
        .isEqualTo(303);
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/produk",
                    form(
                        "csrf", landingCsrf,
                        "name", "Kopi Osing",
                        "priceRupiah", "45.000",
                        "whatsapp", "081234567890"))
                .statusCode())
        .isEqualTo(303);

    assertThat(h.admin.landingContent().find("kemiren").products().get(0).priceRupiah())
        .isEqualTo(45_000L);
    assertThat(budi.get("/admin/desa/kemiren/beranda").body())
        .contains("17/08/2026 · Lomba 17-an")
        .contains("Rp 45.000");
    assertThat(h.client().get("/desa/kemiren").body()).contains("17/08/2026").contains("Rp 45.000");
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/berita",
                    form("csrf", landingCsrf, "title", "X", "body", "Y", "date", "31/02/2026"))
                .body())
        .contains("Tulis tanggal seperti 17/08/2026.");
  }
}
