package org.smartkampung.core.quota;

/**
 * What a villager and their village have used in the current day and month: counters only, no
 * limits ({@code org.smartkampung.core.limits.EffectiveLimits} says what is left). Periods are
 * those of the village's time zone at the moment the ledger answered.
 *
 * @param userDayBytes bytes the villager used today (in plus out)
 * @param userDaySeconds seconds the villager was online today
 * @param villageDayBytes bytes the whole village used today
 * @param villageMonthBytes bytes the whole village used this month
 * @param userDevices devices of this villager online now
 * @param userTotalBytes bytes the villager used over all days still kept (at least {@link
 *     QuotaLedger#TOTAL_RETENTION_DAYS} after their last use): what a voucher has used
 * @param userTotalSeconds seconds online over the same days
 */
public record Usage(
    long userDayBytes,
    long userDaySeconds,
    long villageDayBytes,
    long villageMonthBytes,
    int userDevices,
    long userTotalBytes,
    long userTotalSeconds) {

  /** Nothing used. */
  public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

  /** Usage whose totals are not known beyond today: the day's figures stand for them. */
  public Usage(
      long userDayBytes,
      long userDaySeconds,
      long villageDayBytes,
      long villageMonthBytes,
      int userDevices) {
    this(
        userDayBytes,
        userDaySeconds,
        villageDayBytes,
        villageMonthBytes,
        userDevices,
        userDayBytes,
        userDaySeconds);
  }

  /** The same counters with {@code devices} online. */
  public Usage withDevices(int devices) {
    return new Usage(
        userDayBytes,
        userDaySeconds,
        villageDayBytes,
        villageMonthBytes,
        devices,
        userTotalBytes,
        userTotalSeconds);
  }
}
