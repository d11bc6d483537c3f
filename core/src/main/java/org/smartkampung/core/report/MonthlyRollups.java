package org.smartkampung.core.report;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Each village's monthly figures for the APBDes report, kept at least {@link #KEPT_MONTHS} months
 * (the ledger's own hourly counters last only days): bytes per local day and hour, distinct
 * villagers and devices, sessions, and hotspot availability. Shared by every server on Redis.
 */
public interface MonthlyRollups {

  /** Months kept after their end, at least (a budget year and its report month). */
  int KEPT_MONTHS = 13;

  /**
   * Distinct villagers (and devices) counted per village and month, at most: far above a village's
   * population, and a bound on what a flood of forged accounting can make the store hold.
   */
  int MAX_DISTINCT = 20_000;

  /** Sets one local day's bytes per hour (24 values), replacing what was kept for that day. */
  void putDay(String villageId, LocalDate day, long[] bytesByHour);

  /** A session of {@code userId} on {@code deviceId}; {@code newSession} counts it once. */
  void activity(
      String villageId, YearMonth month, String userId, String deviceId, boolean newSession);

  /** Adds hotspot-seconds of opening time watched, and of those, up. */
  void availability(String villageId, YearMonth month, long openSeconds, long upSeconds);

  /** The month's figures; zeros for a month without any. */
  MonthRollup month(String villageId, YearMonth month);

  /** Makes what is held in memory durable (embedded); nothing to do on Redis. */
  default void flush() {}
}
