package org.smartkampung.core.village;

import java.time.Instant;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;

/**
 * What an admin set for one village in the console, replacing the configuration file's package and
 * the per-user values of its policy. Null policy values mean "no limit", as in {@link QuotaPolicy}.
 *
 * @param villageId the village
 * @param bandwidthPackage what the APBDes bought; null when the budget has no bandwidth line
 * @param userDailyMb bytes one villager may use per day, in megabytes (10^6 bytes)
 * @param userDailyMinutes minutes online one villager may use per day
 * @param userRateDownKbps per-user download rate in kilobits per second
 * @param userRateUpKbps per-user upload rate in kilobits per second
 * @param maxDevicesPerUser devices one villager may have online at once
 * @param openingHours {@code HH:MM-HH:MM} in the village's zone; equal ends mean all day
 * @param updatedBy the admin who saved it
 * @param updatedAt when it was saved
 * @param villageDailyGb bytes the whole village may use in one day, in gigabytes (10^9 bytes); 0
 *     for no daily cap; null to follow the policy (settings saved before the cap was editable)
 */
public record VillageSettings(
    String villageId,
    BandwidthPackage bandwidthPackage,
    Long userDailyMb,
    Long userDailyMinutes,
    Long userRateDownKbps,
    Long userRateUpKbps,
    Integer maxDevicesPerUser,
    String openingHours,
    String updatedBy,
    Instant updatedAt,
    Long villageDailyGb) {

  /** Settings that follow the policy's village daily cap. */
  public VillageSettings(
      String villageId,
      BandwidthPackage bandwidthPackage,
      Long userDailyMb,
      Long userDailyMinutes,
      Long userRateDownKbps,
      Long userRateUpKbps,
      Integer maxDevicesPerUser,
      String openingHours,
      String updatedBy,
      Instant updatedAt) {
    this(
        villageId,
        bandwidthPackage,
        userDailyMb,
        userDailyMinutes,
        userRateDownKbps,
        userRateUpKbps,
        maxDevicesPerUser,
        openingHours,
        updatedBy,
        updatedAt,
        null);
  }

  /** The settings a village has before any edit: its package and policy from the config. */
  public static VillageSettings of(Village village, QuotaPolicy policy) {
    return new VillageSettings(
        village.id(),
        village.bandwidthPackage(),
        policy.userDailyMb(),
        policy.userDailyMinutes(),
        policy.userRateDownKbps(),
        policy.userRateUpKbps(),
        policy.maxDevicesPerUser(),
        policy.openingHours().toString(),
        null,
        null,
        policy.villageDailyGb() == null ? 0L : policy.villageDailyGb());
  }

  /** These settings with the village daily cap set (0 for none). */
  public VillageSettings withVillageDailyGb(Long gigabytes) {
    return new VillageSettings(
        villageId,
        bandwidthPackage,
        userDailyMb,
        userDailyMinutes,
        userRateDownKbps,
        userRateUpKbps,
        maxDevicesPerUser,
        openingHours,
        updatedBy,
        updatedAt,
        gigabytes);
  }

  /** The village's daily cap in gigabytes with this village's edit applied; null for none. */
  public Long dailyCapGb(QuotaPolicy base) {
    if (villageDailyGb == null) {
      return base.villageDailyGb();
    }
    return villageDailyGb == 0 ? null : villageDailyGb;
  }

  /** {@code base} with this village's per-user values, under the id {@code id}. */
  public QuotaPolicy applyTo(QuotaPolicy base, String id) {
    return new QuotaPolicy(
        id,
        dailyCapGb(base),
        base.villageMonthlyGb(),
        userDailyMb,
        userDailyMinutes,
        userRateDownKbps,
        userRateUpKbps,
        maxDevicesPerUser,
        openingHours == null ? base.openingHours() : OpeningHours.parse(openingHours),
        base.sessionTimeoutSeconds(),
        base.idleTimeoutSeconds(),
        base.interimIntervalSeconds());
  }
}
