package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.report.UsageRollup;
import org.smartkampung.core.village.Village;

/**
 * The monthly APBDes report: a printable A4 page per village in Bahasa Indonesia, and CSV for one
 * village or the whole kabupaten that Excel in Indonesian opens as columns ({@code ;} between
 * cells, decimal comma, UTF-8 byte order mark). Before a month is shown, the days the ledger still
 * keeps hourly are copied into the rollups, so the report is as fresh as the ledger.
 */
final class ReportPages {

  static final String BOM = "\uFEFF";

  static final List<String> CSV_HEADER =
      List.of(
          "desa",
          "nama_desa",
          "kecamatan",
          "bulan",
          "gb_terpakai",
          "bytes_terpakai",
          "gb_paket",
          "persen_paket",
          "warga_unik",
          "perangkat_unik",
          "sesi",
          "jam_puncak",
          "ketersediaan_hotspot_persen",
          "anggaran_bulan_rupiah",
          "biaya_per_gb_rupiah");

  private static final String[] MONTHS = {
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember"
  };

  private final AdminParts parts;

  ReportPages(AdminParts parts) {
    this.parts = parts;
  }

  /** "November 2026". */
  static String monthName(YearMonth month) {
    return MONTHS[month.getMonthValue() - 1] + " " + month.getYear();
  }

  private YearMonth month(RoutingContext ctx, Village village) {
    YearMonth now = YearMonth.from(parts.clock.instant().atZone(village.timeZone()));
    String asked = ctx.request().getParam("bulan", "");
    try {
      YearMonth m = asked.isEmpty() ? now : YearMonth.parse(asked);
      return m.isAfter(now) ? now : m;
    } catch (DateTimeParseException e) {
      return now;
    }
  }

  private MonthlyReport report(Village village, YearMonth month) {
    UsageRollup.copyRecentDays(
        parts.stores.ledger(), parts.stores.monthlyRollups(), village, parts.clock);
    return MonthlyReport.of(village, parts.stores.monthlyRollups().month(village.id(), month));
  }

  /** {@code GET /admin/desa/:village/laporan?bulan=yyyy-MM}. */
  void page(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    YearMonth month = month(ctx, village);
    parts.run(
        ctx,
        () -> {
          MonthlyReport r = report(village, month);
          Map<String, Object> model = new HashMap<>();
          model.put("village", VillagePages.view(village));
          model.put("monthName", monthName(month));
          model.put("month", month.toString());
          model.put(
              "regency",
              parts.live.base().regency() == null ? "" : parts.live.base().regency().name());
          model.put("gbUsed", MonthlyReport.id(r.gbUsed()));
          model.put("packageGb", r.packageGb() < 0 ? "-" : MonthlyReport.id(r.packageGb()));
          model.put("packagePercent", MonthlyReport.id(r.packagePercent()));
          model.put("users", MonthlyReport.id(r.rollup().users()));
          model.put("devices", MonthlyReport.id(r.rollup().devices()));
          model.put("sessions", MonthlyReport.id(r.rollup().sessions()));
          model.put("peakHour", r.peakHour());
          model.put("availability", MonthlyReport.id(r.availabilityPercent()));
          model.put(
              "budgetMonth",
              r.budgetMonthRupiah() < 0 ? "" : MonthlyReport.id(r.budgetMonthRupiah()));
          model.put("costPerGb", MonthlyReport.id(r.costPerGb()));
          model.put("hours", hourBars(r));
          model.put("choices", months(village));
          model.put(
              "printed",
              LocalDate.ofInstant(parts.clock.instant(), village.timeZone()).getDayOfMonth()
                  + " "
                  + monthName(YearMonth.from(parts.clock.instant().atZone(village.timeZone()))));
          return Reply.page("report", model);
        });
  }

  /** {@code GET /admin/desa/:village/laporan/csv?bulan=}: one village. */
  void villageCsv(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    YearMonth month = month(ctx, village);
    parts.run(
        ctx,
        () ->
            csv(List.of(report(village, month)), "laporan-" + village.id() + "-" + month + ".csv"));
  }

  /** {@code GET /admin/kabupaten/laporan/csv?bulan=}: every village, one row each. */
  void kabupatenCsv(RoutingContext ctx) {
    KampungConfig config = parts.live.current();
    parts.run(
        ctx,
        () -> {
          List<MonthlyReport> rows = new ArrayList<>();
          for (Village v : config.villages()) {
            rows.add(report(v, month(ctx, v)));
          }
          YearMonth shown = rows.isEmpty() ? YearMonth.now(parts.clock) : rows.get(0).month();
          return csv(rows, "laporan-kabupaten-" + shown + ".csv");
        });
  }

  private static Reply csv(List<MonthlyReport> reports, String fileName) {
    StringBuilder out = new StringBuilder(BOM);
    out.append(line(CSV_HEADER));
    for (MonthlyReport r : reports) {
      out.append(
          line(
              List.of(
                  r.village().id(),
                  r.village().name(),
                  r.village().kecamatan() == null ? "" : r.village().kecamatan(),
                  r.month().toString(),
                  MonthlyReport.csv(r.gbUsed()),
                  Long.toString(r.rollup().bytes()),
                  r.packageGb() < 0 ? "" : Long.toString(r.packageGb()),
                  MonthlyReport.csv(r.packagePercent()),
                  Long.toString(r.rollup().users()),
                  Long.toString(r.rollup().devices()),
                  Long.toString(r.rollup().sessions()),
                  r.rollup().peakHour() < 0 ? "" : "%02d".formatted(r.rollup().peakHour()),
                  MonthlyReport.csv(r.availabilityPercent()),
                  r.budgetMonthRupiah() < 0 ? "" : Long.toString(r.budgetMonthRupiah()),
                  MonthlyReport.csv(r.costPerGb()))));
    }
    return new Reply.Body(200, "text/csv; charset=utf-8", out.toString(), fileName);
  }

  /** One CSV line with {@code ;} between cells, quoted where needed, formula-safe, CRLF. */
  static String line(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(';');
      }
      String c = cells.get(i) == null ? "" : cells.get(i);
      if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?[\\d,]+")) {
        c = "'" + c;
      }
      if (c.contains(";") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        c = "\"" + c.replace("\"", "\"\"") + "\"";
      }
      sb.append(c);
    }
    return sb.append("\r\n").toString();
  }

  private List<Map<String, String>> months(Village village) {
    YearMonth now = YearMonth.from(parts.clock.instant().atZone(village.timeZone()));
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      YearMonth m = now.minusMonths(i);
      out.add(Map.of("value", m.toString(), "name", monthName(m)));
    }
    return out;
  }

  /** 24 bars (percent of the busiest hour) for the hour-of-day chart. */
  private static List<Map<String, Object>> hourBars(MonthlyReport r) {
    long[] bytes = r.rollup().bytesByHourOfDay();
    long most = 1;
    for (long b : bytes) {
      most = Math.max(most, b);
    }
    List<Map<String, Object>> bars = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      bars.add(
          Map.of(
              "hour",
              "%02d".formatted(h),
              "height",
              Math.round(100.0 * bytes[h] / most),
              "peak",
              h == r.rollup().peakHour()));
    }
    return bars;
  }
}
