package org.smartkampung.core.quota;

/**
 * The limits a village applies to itself and to each villager. A null value means "no limit".
 *
 * @param id unique id that villages refer to
 * @param villageDailyGb bytes the whole village may use in one day, in gigabytes (10^9 bytes)
 * @param villageMonthlyGb bytes the whole village may use in one month, in gigabytes; when null the
 *     monthly volume of the village's bandwidth package applies
 * @param userDailyMb bytes one villager may use in one day, in megabytes (10^6 bytes)
 * @param userDailyMinutes minutes online one villager may use in one day
 * @param userRateDownKbps per-user download rate in kilobits per second
 * @param userRateUpKbps per-user upload rate in kilobits per second
 * @param maxDevicesPerUser devices one villager may have online at once
 * @param openingHours when the hotspots serve villagers, in the village's time zone
 * @param sessionTimeoutSeconds longest single session before the NAS re-authenticates
 * @param idleTimeoutSeconds idle time after which the NAS ends a session
 * @param interimIntervalSeconds how often the NAS sends Interim-Update accounting
 */
public record QuotaPolicy(
    String id,
    Long villageDailyGb,
    Long villageMonthlyGb,
    Long userDailyMb,
    Long userDailyMinutes,
    Long userRateDownKbps,
    Long userRateUpKbps,
    Integer maxDevicesPerUser,
    OpeningHours openingHours,
    Integer sessionTimeoutSeconds,
    Integer idleTimeoutSeconds,
    Integer interimIntervalSeconds) {

  public static final int DEFAULT_SESSION_TIMEOUT_SECONDS = 4 * 3600;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 600;
  public static final int DEFAULT_INTERIM_INTERVAL_SECONDS = 300;

  public QuotaPolicy {
    openingHours = openingHours == null ? OpeningHours.ALWAYS : openingHours;
    sessionTimeoutSeconds =
        sessionTimeoutSeconds == null ? DEFAULT_SESSION_TIMEOUT_SECONDS : sessionTimeoutSeconds;
    idleTimeoutSeconds =
        idleTimeoutSeconds == null ? DEFAULT_IDLE_TIMEOUT_SECONDS : idleTimeoutSeconds;
    interimIntervalSeconds =
        interimIntervalSeconds == null ? DEFAULT_INTERIM_INTERVAL_SECONDS : interimIntervalSeconds;
  }

  /** A policy without limits, for tests and for villages that name none. */
  public static QuotaPolicy unlimited(String id) {
    return new QuotaPolicy(id, null, null, null, null, null, null, null, null, null, null, null);
  }
}
