package org.smartkampung.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.app.InProcessKampung;
import org.smartkampung.app.ShippedConfigOnLoopback;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.core.village.Village;

/**
 * November 2026 in Kemiren through the shipped config: radclient's accounting on the 3rd at 19:00
 * WIB and on the 20th at 20:10 WIB (after the 3rd's hourly counters have left the ledger), then the
 * kabupaten's monthly CSV: it parses with {@code ;} and decimal commas, carries a UTF-8 BOM, and
 * its bytes equal the ledger's month counters, village by village and in sum.
 */
class MonthlyReportEndToEndTest {

  static final Instant NOV_3_EVENING = Instant.parse("2026-11-03T12:05:00Z"); // 19:05 WIB
  static final Instant NOV_20_EVENING = Instant.parse("2026-11-20T13:10:00Z"); // 20:10 WIB
  static final String OPERATOR_PASSWORD = "rahasia-kabupaten";

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(NOV_3_EVENING);
  InProcessKampung kampung;
  ShippedConfigOnLoopback shipped;
  KampungConfig config;
  final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @BeforeEach
  void start() throws Exception {
    ManagementListenerTest.requireExternal(
        "radclient (freeradius-utils)", ManagementListenerTest.RADCLIENT);
    shipped = ShippedConfigOnLoopback.write(dir);
    config = ConfigLoader.load(shipped.file());
    PasswordHasher hasher = new PasswordHasher(1_000);
    try (AdminStores admin = AdminStoreFactory.open(config.store())) {
      admin
          .admins()
          .create(
              new AdminAccount(
                  "operator",
                  AdminRole.KABUPATEN,
                  null,
                  hasher.hash(OPERATOR_PASSWORD),
                  clock.instant(),
                  clock.instant()));
    }
    kampung = InProcessKampung.start(config, clock);
  }

  @AfterEach
  void stop() {
    if (kampung != null) {
      kampung.close();
    }
  }

  private void account(String session, String mac, String type, long in, long out)
      throws Exception {
    String reply =
        ManagementListenerTest.radclient(
            shipped.acctPort(),
            "acct",
            "User-Name = warga\nAcct-Status-Type = "
                + type
                + "\nAcct-Session-Id = "
                + session
                + "\nCalling-Station-Id = "
                + mac
                + "\nAcct-Input-Octets = "
                + in
                + "\nAcct-Output-Octets = "
                + out
                + "\nAcct-Session-Time = 600\n");
    assertThat(reply).contains("Accounting-Response");
  }

  @Test
  void theMonthlyCsvParsesWithSemicolonsAndDecimalCommasAndItsBytesEqualTheLedgers()
      throws Exception {
    signIn();
    account("nov-3", "02-00-00-00-00-0a", "Start", 0, 0);
    account("nov-3", "02-00-00-00-00-0a", "Interim-Update", 3_000_000_000L, 500_123_456L);
    // The console copies the days the ledger keeps hourly whenever it shows a report (and a job
    // does it every 5 minutes): the 3rd is kept although the ledger forgets its hours by the 20th.
    assertThat(get("/admin/desa/kemiren/laporan").statusCode()).isEqualTo(200);

    clock.set(NOV_20_EVENING);
    signIn(); // 17 days later the console's session has long ended
    account("nov-20", "02-00-00-00-00-0b", "Start", 0, 0);
    account("nov-20", "02-00-00-00-00-0b", "Interim-Update", 1_234_567_890L, 0);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> csvRows().get("kemiren").get("sesi").equals("2"));

    HttpResponse<String> csv = get("/admin/kabupaten/laporan/csv?bulan=2026-11");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body()).startsWith("\uFEFFdesa;nama_desa;kecamatan;bulan;gb_terpakai;");
    Map<String, Map<String, String>> rows = csvRows();
    long sum = 0;
    long ledgerSum = 0;
    for (Village v : config.villages()) {
      Map<String, String> row = rows.get(v.id());
      assertThat(row).as(v.id()).isNotNull();
      long bytes = Long.parseLong(row.get("bytes_terpakai"));
      long ledger =
          kampung.stores().ledger().check(v.id(), "~report", "").orThrow().villageMonthBytes();
      assertThat(bytes).as("bytes of %s", v.id()).isEqualTo(ledger);
      BigDecimal gb = decimal(row.get("gb_terpakai"));
      assertThat(gb)
          .isEqualByComparingTo(
              BigDecimal.valueOf(ledger)
                  .divide(BigDecimal.valueOf(1_000_000_000L), 2, RoundingMode.HALF_UP));
      sum += bytes;
      ledgerSum += ledger;
    }
    assertThat(sum).isEqualTo(ledgerSum).isEqualTo(4_734_691_346L);

    Map<String, String> kemiren = rows.get("kemiren");
    assertThat(kemiren.get("bulan")).isEqualTo("2026-11");
    assertThat(kemiren.get("gb_terpakai")).isEqualTo("4,73");
    assertThat(kemiren.get("gb_paket")).isEqualTo("1500");
    assertThat(decimal(kemiren.get("persen_paket"))).isEqualByComparingTo("0.3");
    assertThat(kemiren.get("warga_unik")).isEqualTo("1");
    assertThat(kemiren.get("perangkat_unik")).isEqualTo("2");
    assertThat(kemiren.get("sesi")).isEqualTo("2");
    assertThat(kemiren.get("jam_puncak")).isEqualTo("19");
    assertThat(kemiren.get("anggaran_bulan_rupiah")).isEqualTo("3000000");
    assertThat(decimal(kemiren.get("biaya_per_gb_rupiah"))).isEqualByComparingTo("633621.03");
    assertThat(rows.get("grajagan").get("anggaran_bulan_rupiah")).isEmpty();

    String page = get("/admin/desa/kemiren/laporan?bulan=2026-11").body();
    assertThat(page)
        .contains("Laporan Pemakaian Internet Desa")
        .contains("November 2026")
        .contains("4,73 GB")
        .contains("19.00–20.00 WIB")
        .contains("Rp 633.621,03")
        .contains("Rp 3.000.000");
  }

  private Map<String, Map<String, String>> csvRows() throws Exception {
    String body = get("/admin/kabupaten/laporan/csv?bulan=2026-11").body().substring(1);
    List<String> lines = Arrays.asList(body.split("\r\n"));
    String[] header = lines.get(0).split(";", -1);
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(";", -1);
      assertThat(cells).hasSameSizeAs(header);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.put(row.get("desa"), row);
    }
    return rows;
  }

  /** Excel-Indonesian decimal: comma, no grouping. */
  private static BigDecimal decimal(String text) {
    assertThat(text).doesNotContain(".");
    return new BigDecimal(text.replace(',', '.'));
  }

  private void signIn() throws Exception {
    String form = get("/admin/masuk").body();
    Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
    assertThat(csrf.find()).isTrue();
    String body =
        "csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
            + "&username=operator&password="
            + OPERATOR_PASSWORD;
    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/admin/masuk"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(303);
  }

  private String base() {
    return "http://127.0.0.1:" + shipped.portalPort();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
