package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.session.Session;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * {@code GET /api/admin/v1/villages/:village/usage} and its CSV over the real embedded ledger (the
 * harness clock stands at 19:00 WIB on 28 November 2026).
 */
class UsageApiTest {

  AdminHarness h;
  AdminHarness.Client budi;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    budi = h.client();
    assertThat(budi.signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(303);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void usageGivesTodayAndMonthAgainstTheLimitsTheHourlySeriesAndTopUsersInBytes() {
    h.chargeAt("2026-11-21T19:00", 5_000); // a week ago: this month, but outside the 7-day series
    h.chargeAt("2026-11-25T19:05", 90);
    h.chargeAt("2026-11-28T12:10", 20);
    Instant now = PortalHarness.EVENING;
    h.stores.sessions().put(session("mt/1", "sari", 40_000_000, 2_000_000, now));
    h.stores.sessions().put(session("mt/3", "joko", 90_000_000, 1_000_000, now));

    HttpResponse<String> r = budi.get("/api/admin/v1/villages/kemiren/usage");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject json = new JsonObject(r.body());
    assertThat(json.getString("date")).isEqualTo("2026-11-28");
    assertThat(json.getJsonObject("today").getLong("bytes")).isEqualTo(20_000_000L);
    assertThat(json.getJsonObject("today").getLong("limitBytes")).isEqualTo(20_000_000_000L);
    assertThat(json.getJsonObject("month").getLong("bytes")).isEqualTo(5_110_000_000L);
    assertThat(json.getJsonObject("month").getLong("limitBytes")).isEqualTo(1_000_000_000_000L);
    assertThat(json.getJsonObject("package").getInteger("downlinkMbps")).isEqualTo(50);
    JsonArray hourly = json.getJsonArray("hourly");
    assertThat(hourly).hasSize(7 * 24);
    assertThat(hourly.getJsonObject(0).getString("hour")).isEqualTo("2026-11-22T00:00");
    assertThat(hourly.getJsonObject(3 * 24 + 19).getString("hour")).isEqualTo("2026-11-25T19:00");
    assertThat(hourly.getJsonObject(3 * 24 + 19).getLong("bytes")).isEqualTo(90_000_000L);
    assertThat(hourly.getJsonObject(6 * 24 + 12).getLong("bytes")).isEqualTo(20_000_000L);
    assertThat(hourly.getJsonObject(6 * 24 + 13).getLong("bytes")).isZero();
    JsonArray top = json.getJsonArray("topUsers");
    assertThat(top.getJsonObject(0).getString("user")).isEqualTo("joko");
    assertThat(top.getJsonObject(0).getLong("bytes")).isEqualTo(91_000_000L);
    assertThat(top.getJsonObject(1).getString("user")).isEqualTo("sari");
    assertThat(top.getJsonObject(1).getInteger("sessions")).isEqualTo(1);
  }

  @Test
  void theCsvIsTheConsolesCsvByteForByte() {
    h.chargeAt("2026-11-27T23:59", 1);
    h.chargeAt("2026-11-28T12:10", 20);

    HttpResponse<String> api =
        budi.get("/api/admin/v1/villages/kemiren/usage/csv?from=2026-11-26&to=2026-11-28");
    HttpResponse<String> console =
        budi.get("/admin/desa/kemiren/pemakaian/csv?dari=2026-11-26&sampai=2026-11-28");

    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(api.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(
            d -> assertThat(d).contains("pemakaian-kemiren-2026-11-26-2026-11-28.csv"));
    assertThat(api.body()).isEqualTo(console.body()).contains("2026-11-27,1000000,0.001");
    assertThat(budi.get("/api/admin/v1/villages/kemiren/usage/csv").body().lines()).hasSize(1 + 7);
  }

  @Test
  void badCsvPeriodsAre400WithAnIndonesianMessagePerParameter() {
    HttpResponse<String> backwards =
        budi.get("/api/admin/v1/villages/kemiren/usage/csv?from=2026-11-28&to=2026-11-27");
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(backwards.body()).getJsonObject("errors").getString("to"))
        .isEqualTo("Tanggal akhir tidak boleh sebelum tanggal awal.");

    HttpResponse<String> old =
        budi.get("/api/admin/v1/villages/kemiren/usage/csv?from=2026-11-01&to=2026-11-28");
    assertThat(new JsonObject(old.body()).getJsonObject("errors").getString("from"))
        .startsWith("Periode harus dalam 8 hari terakhir");

    HttpResponse<String> malformed =
        budi.get("/api/admin/v1/villages/kemiren/usage/csv?from=28-11-2026");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(new JsonObject(malformed.body()).getJsonObject("errors").getString("from"))
        .isEqualTo("Tulis tanggal seperti 2026-08-17.");
  }

  private static Session session(String id, String user, long in, long out, Instant now) {
    return new Session(
        id,
        "kemiren",
        user,
        "3c:5a:b4:01:02:03",
        "kemiren-mt",
        "10.5.50.1",
        id,
        "",
        now.minusSeconds(600),
        now,
        in,
        out,
        0);
  }
}
