package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.session.Session;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * The usage page over the real embedded ledger: charges made at several Jakarta hours of the last
 * days (the harness clock stands at 19:00 WIB on 28 November 2026, its evening).
 */
class UsagePagesTest {

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

  /** In time order, up to now (19:00 WIB on the 28th): 180 MB a day, 120 MB so far today. */
  private void eveningPeakWeek() {
    h.chargeAt("2026-11-21T19:00", 5_000); // 7 days before today: outside the 7-day chart
    for (int day = 22; day <= 27; day++) {
      h.chargeAt("2026-11-%02dT07:30".formatted(day), 10);
      h.chargeAt("2026-11-%02dT12:10".formatted(day), 20);
      h.chargeAt("2026-11-%02dT19:05".formatted(day), 90);
      h.chargeAt("2026-11-%02dT20:40".formatted(day), 60);
    }
    h.chargeAt("2026-11-28T07:30", 10);
    h.chargeAt("2026-11-28T12:10", 20);
    h.chargeAt("2026-11-28T19:00", 90);
  }

  @Test
  void theChartHasOneBarPerHourOfSevenDaysWithTheEveningPeakDrawnFromTheLedger() {
    eveningPeakWeek();

    HttpResponse<String> page = budi.get("/admin/desa/kemiren/pemakaian");

    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body).contains("<svg").doesNotContain("style=").doesNotContain("<script");
    Map<String, Integer> heights = barHeights(body);
    assertThat(heights).hasSize(7 * 24);
    assertThat(heights.keySet()).first().isEqualTo("22/11 00:00");
    int peak = heights.get("28/11 19:00");
    assertThat(peak).isEqualTo(UsageChart.HEIGHT - UsageChart.TOP - UsageChart.BOTTOM);
    assertThat(heights.get("25/11 19:00")).isEqualTo(peak);
    assertThat(heights.get("25/11 20:00")).isEqualTo(Math.round(peak * 60 / 90f));
    assertThat(heights.get("25/11 12:00")).isEqualTo(Math.round(peak * 20 / 90f));
    assertThat(heights.get("25/11 03:00")).isZero();
    assertThat(heights.get("28/11 20:00")).isZero();
    assertThat(body).contains("class=\"bar evening\"");
    assertThat(body).containsPattern("id=\"peak\">[^<]*<strong>19.00–20.00</strong>");
  }

  @Test
  void todayAndThisMonthAreShownAgainstThePackage() {
    eveningPeakWeek();

    String body = budi.get("/admin/desa/kemiren/pemakaian").body();

    // Today 120 MB; November 6 days x 180 MB + 120 MB + 5 GB; the package buys 1000 GB a month.
    assertThat(body).contains("id=\"today\">120,0 MB / 20,0 GB (0%)");
    assertThat(body).contains("id=\"month\">6,2 GB / 1.000,0 GB (0%)");
    assertThat(body).contains("50/10 Mbps");
  }

  @Test
  void topUsersTodayComeFromTheLiveSessionsByBytesMostFirst() {
    Instant now = PortalHarness.EVENING;
    h.stores.sessions().put(session("mt/1", "sari", 40_000_000, 2_000_000, now));
    h.stores.sessions().put(session("mt/2", "sari", 10_000_000, 0, now));
    h.stores.sessions().put(session("mt/3", "joko", 90_000_000, 1_000_000, now));
    h.stores.sessions().put(session("mt/4", "wati", 1_000, 0, now));

    String body = budi.get("/admin/desa/kemiren/pemakaian").body();

    String table = body.substring(body.indexOf("id=\"top\""));
    assertThat(table.indexOf("joko")).isLessThan(table.indexOf("sari"));
    assertThat(table.indexOf("sari")).isLessThan(table.indexOf("wati"));
    assertThat(table).contains("<td>joko</td><td>91,0 MB</td><td>1</td>");
    assertThat(table).contains("<td>sari</td><td>52,0 MB</td><td>2</td>");
  }

  @Test
  void theCsvSumsTheHourlyCountersByLocalDayForThePeriod() {
    h.chargeAt("2026-11-27T23:59", 1); // still the 27th in Jakarta: 16:59 UTC
    eveningPeakWeek();

    HttpResponse<String> csv =
        budi.get("/admin/desa/kemiren/pemakaian/csv?dari=2026-11-26&sampai=2026-11-28");

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(
            d -> assertThat(d).contains("pemakaian-kemiren-2026-11-26-2026-11-28.csv"));
    assertThat(csv.body())
        .isEqualTo(
            "desa,nama,tanggal,bytes,gb\r\n"
                + "kemiren,Kemiren,2026-11-26,180000000,0.180\r\n"
                + "kemiren,Kemiren,2026-11-27,181000000,0.181\r\n"
                + "kemiren,Kemiren,2026-11-28,120000000,0.120\r\n");
  }

  @Test
  void theDefaultCsvPeriodIsTheLastSevenDays() {
    eveningPeakWeek();

    String body = budi.get("/admin/desa/kemiren/pemakaian/csv").body();

    assertThat(body.lines())
        .hasSize(1 + 7)
        .element(1)
        .asString()
        .startsWith("kemiren,Kemiren,2026-11-22,");
    String page = budi.get("/admin/desa/kemiren/pemakaian").body();
    assertThat(page).contains("value=\"2026-11-22\"").contains("value=\"2026-11-28\"");
  }

  @Test
  void periodsOutsideTheEightKeptDaysOrBackwardsOrMalformedAreRefusedInIndonesian() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("dari=2026-11-20&sampai=2026-11-28", "Periode harus dalam 8 hari terakhir");
    cases.put("dari=2026-11-27&sampai=2026-11-29", "Periode harus dalam 8 hari terakhir");
    cases.put("dari=2026-11-28&sampai=2026-11-27", "Tanggal akhir tidak boleh sebelum");
    cases.put("dari=28-11-2026&sampai=2026-11-28", "Tulis tanggal seperti 2026-08-17.");
    cases.forEach(
        (query, message) -> {
          HttpResponse<String> r = budi.get("/admin/desa/kemiren/pemakaian/csv?" + query);
          assertThat(r.statusCode()).as(query).isEqualTo(400);
          assertThat(r.body()).as(query).contains(message).contains("field-error");
        });
    assertThat(
            budi.get("/admin/desa/kemiren/pemakaian/csv?dari=2026-11-21&sampai=2026-11-28")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void csvCellsThatASpreadsheetWouldRunAreDefused() {
    assertThat(Csv.row("=HYPERLINK(\"x\")", "-5", "@a"))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",-5,'@a\r\n");
  }

  /** Bar heights by their title, in document order. */
  private static Map<String, Integer> barHeights(String body) {
    Matcher m =
        Pattern.compile(
                "<rect class=\"bar[^\"]*\"[^>]* height=\"(\\d+)\"[^>]*><title>([^:]+:\\d\\d):")
            .matcher(body);
    Map<String, Integer> heights = new LinkedHashMap<>();
    while (m.find()) {
      heights.put(m.group(2), Integer.parseInt(m.group(1)));
    }
    return heights;
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
