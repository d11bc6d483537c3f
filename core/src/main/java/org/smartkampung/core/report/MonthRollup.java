package org.smartkampung.core.report;

import java.time.YearMonth;

/**
 * One village's month, as the rollups kept it.
 *
 * @param bytes bytes used (received plus sent), summed from the ledger's hourly counters
 * @param bytesByHourOfDay bytes per local hour of day (index 0 is 00:00-01:00) over the month
 * @param users distinct villagers (usernames, voucher codes, click-through devices) with a session
 * @param devices distinct devices with a session
 * @param sessions sessions started
 * @param openSeconds hotspot-seconds of opening time the health watch looked at
 * @param upSeconds of those, seconds the hotspot was up or quiet (not down)
 */
public record MonthRollup(
    String villageId,
    YearMonth month,
    long bytes,
    long[] bytesByHourOfDay,
    long users,
    long devices,
    long sessions,
    long openSeconds,
    long upSeconds) {

  /** The local hour of day with the most bytes, or -1 for a month without use. */
  public int peakHour() {
    int peak = -1;
    long most = 0;
    for (int h = 0; h < 24; h++) {
      if (bytesByHourOfDay[h] > most) {
        most = bytesByHourOfDay[h];
        peak = h;
      }
    }
    return peak;
  }

  /** Share of opening time hotspots were up, 0 to 1; -1 when the watch saw no opening time. */
  public double availability() {
    return openSeconds == 0 ? -1 : (double) upSeconds / openSeconds;
  }
}
