package org.smartkampung.portal.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.YearMonth;
import java.util.Locale;
import org.smartkampung.core.health.HotspotWatch;
import org.smartkampung.core.report.MonthRollup;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;

/**
 * One village's month for the APBDes report, as the page and the CSV show it: GB against the
 * package, distinct villagers and devices, sessions, peak hour, hotspot availability and the cost
 * of a GB from the budget line (a twelfth of the year's budget for the month).
 *
 * @param budgetMonthRupiah a twelfth of the village's bandwidth budget when its budget year is the
 *     report's year, else -1 (no budget line)
 */
record MonthlyReport(Village village, MonthRollup rollup, long budgetMonthRupiah) {

  static MonthlyReport of(Village village, MonthRollup rollup) {
    BandwidthPackage p = village.bandwidthPackage();
    long budget =
        p != null && p.budgetYear() == rollup.month().getYear() ? p.budgetRupiah() / 12 : -1;
    return new MonthlyReport(village, rollup, budget);
  }

  YearMonth month() {
    return rollup.month();
  }

  BigDecimal gbUsed() {
    return BigDecimal.valueOf(rollup.bytes())
        .divide(BigDecimal.valueOf(BandwidthPackage.BYTES_PER_GB), 2, RoundingMode.HALF_UP);
  }

  /** The package's GB a month, -1 when none or not metered. */
  long packageGb() {
    BandwidthPackage p = village.bandwidthPackage();
    return p == null || p.monthlyGb() <= 0 ? -1 : p.monthlyGb();
  }

  /** Percent of the package used (one decimal), null without a metered package. */
  BigDecimal packagePercent() {
    long gb = packageGb();
    if (gb <= 0) {
      return null;
    }
    return BigDecimal.valueOf(rollup.bytes())
        .multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(gb * BandwidthPackage.BYTES_PER_GB), 1, RoundingMode.HALF_UP);
  }

  /** Rupiah per GB used (two decimals), null without a budget line or without use. */
  BigDecimal costPerGb() {
    if (budgetMonthRupiah < 0 || rollup.bytes() == 0) {
      return null;
    }
    return BigDecimal.valueOf(budgetMonthRupiah)
        .multiply(BigDecimal.valueOf(BandwidthPackage.BYTES_PER_GB))
        .divide(BigDecimal.valueOf(rollup.bytes()), 2, RoundingMode.HALF_UP);
  }

  /** Availability in percent (one decimal), null when the watch saw no opening time. */
  BigDecimal availabilityPercent() {
    if (rollup.openSeconds() == 0) {
      return null;
    }
    return BigDecimal.valueOf(rollup.upSeconds())
        .multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(rollup.openSeconds()), 1, RoundingMode.HALF_UP);
  }

  /** "19.00–20.00 WIB", or "-" for a month without use. */
  String peakHour() {
    int h = rollup.peakHour();
    if (h < 0) {
      return "-";
    }
    return "%02d.00–%02d.00 %s"
        .formatted(h, (h + 1) % 24, HotspotWatch.zoneLabel(village.timeZone()));
  }

  /** Indonesian digits: 1.234,56 (grouped) for the page. */
  static String id(BigDecimal value) {
    if (value == null) {
      return "-";
    }
    DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
    symbols.setGroupingSeparator('.');
    symbols.setDecimalSeparator(',');
    DecimalFormat format =
        new DecimalFormat(
            value.scale() > 0 ? "#,##0." + "0".repeat(value.scale()) : "#,##0", symbols);
    return format.format(value);
  }

  static String id(long value) {
    return id(BigDecimal.valueOf(value));
  }

  /**
   * Decimal comma without grouping (1234,56) for the CSV: Excel in Indonesian reads it as a number.
   */
  static String csv(BigDecimal value) {
    return value == null ? "" : value.toPlainString().replace('.', ',');
  }
}
