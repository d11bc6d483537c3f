package org.smartkampung.core.quota;

/**
 * The limits the ledger counts against for one villager in one village. {@link #UNLIMITED} marks a
 * limit that does not apply.
 *
 * @param villageDailyBytes bytes the village may use per day
 * @param villageMonthlyBytes bytes the village may use per month
 * @param userDailyBytes bytes the villager may use per day
 * @param userDailySeconds seconds online the villager may use per day
 * @param maxDevices devices the villager may have online at once
 */
public record Limits(
    long villageDailyBytes,
    long villageMonthlyBytes,
    long userDailyBytes,
    long userDailySeconds,
    int maxDevices) {

  public static final long UNLIMITED = Long.MAX_VALUE;

  public static final Limits NONE =
      new Limits(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, Integer.MAX_VALUE);
}
