package org.smartkampung.core.quota;

/**
 * What a villager and their village have used in the current day and month, against their limits.
 * Periods are those of the village's time zone at the moment the ledger answered.
 *
 * @param userDayBytes bytes the villager used today (in plus out)
 * @param userDaySeconds seconds the villager was online today
 * @param villageDayBytes bytes the whole village used today
 * @param villageMonthBytes bytes the whole village used this month
 * @param userDevices devices of this villager online now
 * @param limits the limits the ledger counted against
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
    Limits limits,
    long userTotalBytes,
    long userTotalSeconds) {

  /** Usage whose totals are not known beyond today: the day's figures stand for them. */
  public Usage(
      long userDayBytes,
      long userDaySeconds,
      long villageDayBytes,
      long villageMonthBytes,
      int userDevices,
      Limits limits) {
    this(
        userDayBytes,
        userDaySeconds,
        villageDayBytes,
        villageMonthBytes,
        userDevices,
        limits,
        userDayBytes,
        userDaySeconds);
  }

  public long userBytesRemaining() {
    return remaining(limits.userDailyBytes(), userDayBytes);
  }

  public long userSecondsRemaining() {
    return remaining(limits.userDailySeconds(), userDaySeconds);
  }

  public long villageDayBytesRemaining() {
    return remaining(limits.villageDailyBytes(), villageDayBytes);
  }

  public long villageMonthBytesRemaining() {
    return remaining(limits.villageMonthlyBytes(), villageMonthBytes);
  }

  /** Bytes the village may still use, the smaller of what is left today and this month. */
  public long villageBytesRemaining() {
    return Math.min(villageDayBytesRemaining(), villageMonthBytesRemaining());
  }

  /** True when the villager has no bytes or minutes left today. */
  public boolean userExhausted() {
    return userBytesRemaining() == 0 || userSecondsRemaining() == 0;
  }

  /** True when the village has no bytes left today or this month. */
  public boolean villageExhausted() {
    return villageBytesRemaining() == 0;
  }

  private static long remaining(long limit, long used) {
    if (limit == Limits.UNLIMITED) {
      return Limits.UNLIMITED;
    }
    return Math.max(0, limit - used);
  }
}
