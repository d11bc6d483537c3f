package org.smartkampung.core.device;

import org.smartkampung.core.subscriber.QuotaOverride;

/**
 * The identity a bypass device's sessions charge: {@code bypass-<mac>} in its village. Villager
 * limits (daily bytes and minutes, devices, the user's rate) do not apply to it; the village's
 * quota, link rate and opening hours still do, and every byte counts to the village.
 */
public final class BypassDevice {

  private static final String PREFIX = "bypass-";

  /** An override that lifts every villager limit (saturated values read as unlimited). */
  public static final QuotaOverride NO_VILLAGER_LIMITS =
      new QuotaOverride(Long.MAX_VALUE, Long.MAX_VALUE, 0L, 0L, Integer.MAX_VALUE);

  private BypassDevice() {}

  /** The user id of a bypass device's sessions, from its normalised MAC. */
  public static String userId(String mac) {
    return PREFIX + mac;
  }

  /** Whether a ledger user id is a bypass device's. */
  public static boolean isBypassUser(String userId) {
    return userId.startsWith(PREFIX);
  }
}
