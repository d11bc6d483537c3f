package org.smartkampung.core.quota;

/**
 * The standing limits of one villager in one village, in bytes and seconds: the village policy, the
 * package it bought and the subscriber's override, as {@code
 * org.smartkampung.core.limits.EffectiveLimits} works them out. {@link #UNLIMITED} marks a limit
 * that does not apply. The ledger itself counts without limits; these only answer its near-cache
 * question "exhausted or not" ({@link QuotaLedger#isExhausted}).
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

  public static final long UNLIMITED = LimitMath.UNLIMITED;

  public static final Limits NONE =
      new Limits(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, Integer.MAX_VALUE);

  /** Bytes the villager may still use today. */
  public long userBytesLeft(Usage usage) {
    return LimitMath.left(userDailyBytes, usage.userDayBytes());
  }

  /** Seconds online the villager may still use today. */
  public long userSecondsLeft(Usage usage) {
    return LimitMath.left(userDailySeconds, usage.userDaySeconds());
  }

  /** Bytes the village may still use today. */
  public long villageDayBytesLeft(Usage usage) {
    return LimitMath.left(villageDailyBytes, usage.villageDayBytes());
  }

  /** Bytes the village may still use this month. */
  public long villageMonthBytesLeft(Usage usage) {
    return LimitMath.left(villageMonthlyBytes, usage.villageMonthBytes());
  }

  /** Bytes the village may still use, the smaller of what is left today and this month. */
  public long villageBytesLeft(Usage usage) {
    return Math.min(villageDayBytesLeft(usage), villageMonthBytesLeft(usage));
  }

  /** True when the villager has no bytes or minutes left today. */
  public boolean userExhausted(Usage usage) {
    return userBytesLeft(usage) == 0 || userSecondsLeft(usage) == 0;
  }

  /** True when the village has no bytes left today or this month. */
  public boolean villageExhausted(Usage usage) {
    return villageBytesLeft(usage) == 0;
  }
}
