package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.village.VillageSettings;

/**
 * The village daily cap, package and budget in the quota page and in the kabupaten's add and edit
 * forms, typed the Indonesian way ("36.000.000", "1.500", "5 GB").
 */
class VillageFormsTest {

  AdminHarness h;
  AdminHarness.Client admin;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    admin = h.client();
    assertThat(admin.signIn("admin", AdminHarness.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    csrf = admin.csrf("/admin/kabupaten/desa");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private Map<String, String> quota(String dailyCap) {
    return new HashMap<>(
        form(
            "csrf", csrf,
            "downlinkMbps", "50",
            "uplinkMbps", "10",
            "monthlyGb", "1.000 GB",
            "budgetYear", "2026",
            "budgetRupiah", "36.000.000",
            "villageDailyGb", dailyCap,
            "userDailyMb", "1.500",
            "userDailyMinutes", "120",
            "userRateDownKbps", "2.048",
            "userRateUpKbps", "512",
            "maxDevicesPerUser", "2",
            "openingHours", "05.00-22.00"));
  }

  private long dailyCapBytes(String village) {
    return EffectiveLimits.standing(h.live.current(), village).villageDailyBytes();
  }

  @Test
  void theQuotaPageShowsAndSavesTheVillageDailyCapForNewLoginsAndRunningSessions()
      throws Exception {
    assertThat(admin.get("/admin/desa/kemiren/kuota").body())
        .contains("id=\"villageDailyGb\" name=\"villageDailyGb\" value=\"20 GB\"");

    HttpResponse<String> saved = admin.post("/admin/desa/kemiren/kuota", quota("5 GB"));

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(h.admin.villageSettings().find("kemiren").orElseThrow().villageDailyGb())
        .isEqualTo(5L);
    assertThat(dailyCapBytes("kemiren")).isEqualTo(5_000_000_000L);
    assertThat(h.stores.sessionCommands().nextLimits(Duration.ofSeconds(2)))
        .hasValueSatisfying(r -> assertThat(r.villageId()).isEqualTo("kemiren"));
    assertThat(saved.body()).contains("value=\"5 GB\"");

    assertThat(admin.post("/admin/desa/kemiren/kuota", quota("")).statusCode()).isEqualTo(200);
    assertThat(dailyCapBytes("kemiren")).isEqualTo(Limits.UNLIMITED);
  }

  @Test
  void aDailyCapThatIsNotAWholeAmountReRendersWithAMessageAndSavesNothing() {
    HttpResponse<String> bad = admin.post("/admin/desa/kemiren/kuota", quota("5 TB"));

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("id=\"villageDailyGb-error\">Isi dengan jumlah bulat dalam GB")
        .contains("value=\"5 TB\"");
    assertThat(h.admin.villageSettings().find("kemiren")).isEmpty();
    assertThat(dailyCapBytes("kemiren")).isEqualTo(20_000_000_000L);
  }

  private Map<String, String> village(String dailyCap, String budget) {
    return new HashMap<>(
        form(
            "csrf", csrf,
            "id", "olehsari",
            "name", "Olehsari",
            "kecamatan", "Glagah",
            "timeZone", "Asia/Jakarta",
            "policy", "standar",
            "downlinkMbps", "50",
            "uplinkMbps", "10",
            "monthlyGb", "1.000",
            "budgetYear", "2026",
            "budgetRupiah", budget,
            "villageDailyGb", dailyCap));
  }

  @Test
  void tambahDesaAndTheVillageEditTakeTheDailyCapPackageAndBudgetInIndonesianFormats()
      throws Exception {
    assertThat(admin.post("/admin/kabupaten/desa", village("50 GB", "36.000.000")).statusCode())
        .isEqualTo(303);
    VillageSettings added = h.admin.villageSettings().find("olehsari").orElseThrow();
    assertThat(added.villageDailyGb()).isEqualTo(50L);
    assertThat(added.bandwidthPackage().budgetRupiah()).isEqualTo(36_000_000L);
    while (h.stores.sessionCommands().nextLimits(Duration.ofMillis(100)).isPresent()) {
      // the add's own request
    }

    String edit = admin.get("/admin/kabupaten/desa/olehsari").body();
    assertThat(edit)
        .contains("name=\"budgetRupiah\" value=\"36.000.000\"")
        .contains("name=\"villageDailyGb\" value=\"50 GB\"");

    HttpResponse<String> saved =
        admin.post("/admin/kabupaten/desa/olehsari", village("60", "40.000.000"));

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    VillageSettings edited = h.admin.villageSettings().find("olehsari").orElseThrow();
    assertThat(edited.villageDailyGb()).isEqualTo(60L);
    assertThat(edited.bandwidthPackage().budgetRupiah()).isEqualTo(40_000_000L);
    assertThat(dailyCapBytes("olehsari")).isEqualTo(60_000_000_000L);
    LimitsRequest request =
        h.stores.sessionCommands().nextLimits(Duration.ofSeconds(2)).orElseThrow();
    assertThat(request.villageId()).isEqualTo("olehsari");
    assertThat(h.admin.audit().newest(10))
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("quota.update");
              assertThat(e.after()).contains("villageDailyGb=60", "budgetRupiah=40000000");
            });
  }

  @Test
  void aBadAmountOnTheVillageEditReRendersWithTheMessageAndChangesNothing() {
    admin.post("/admin/kabupaten/desa", village("50 GB", "36.000.000"));

    HttpResponse<String> bad =
        admin.post("/admin/kabupaten/desa/olehsari", village("banyak", "36 juta"));

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("id=\"villageDailyGb-error\">Isi dengan jumlah bulat dalam GB")
        .contains("id=\"budgetRupiah-error\"")
        .contains("value=\"banyak\"");
    assertThat(h.admin.villageSettings().find("olehsari").orElseThrow().villageDailyGb())
        .isEqualTo(50L);
  }
}
