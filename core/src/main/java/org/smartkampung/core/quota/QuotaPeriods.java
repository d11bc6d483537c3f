package org.smartkampung.core.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The quota day and month an instant falls in, on a village's local calendar (not UTC), with the
 * instants at which they end so stores can expire old periods by themselves.
 *
 * @param dayKey local date as {@code yyyyMMdd}
 * @param monthKey local month as {@code yyyyMM}
 * @param dayStartEpochSecond first second of the local day, in Unix seconds
 * @param dayEndEpochSecond first second of the next local day, in Unix seconds
 * @param monthEndEpochSecond first second of the next local month, in Unix seconds
 */
public record QuotaPeriods(
    String dayKey,
    String monthKey,
    long dayStartEpochSecond,
    long dayEndEpochSecond,
    long monthEndEpochSecond) {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

  /** The periods that contain {@code now} in {@code zone}. */
  public static QuotaPeriods at(Instant now, ZoneId zone) {
    LocalDate date = LocalDate.ofInstant(now, zone);
    // atStartOfDay(zone) rather than plus 24 h: zones with DST have 23 and 25 hour days.
    long dayEnd = date.plusDays(1).atStartOfDay(zone).toEpochSecond();
    long monthEnd = date.withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toEpochSecond();
    return new QuotaPeriods(
        date.format(DAY),
        date.format(MONTH),
        date.atStartOfDay(zone).toEpochSecond(),
        dayEnd,
        monthEnd);
  }

  /** Whether {@code now} falls in this day (and so in this month). */
  public boolean contains(Instant now) {
    long second = now.getEpochSecond();
    return second >= dayStartEpochSecond && second < dayEndEpochSecond;
  }

  /** Seconds from {@code now} until the day ends; at least 1. */
  public long secondsUntilDayEnd(Instant now) {
    return Math.max(1, dayEndEpochSecond - now.getEpochSecond());
  }

  /** Seconds from {@code now} until the month ends; at least 1. */
  public long secondsUntilMonthEnd(Instant now) {
    return Math.max(1, monthEndEpochSecond - now.getEpochSecond());
  }
}
