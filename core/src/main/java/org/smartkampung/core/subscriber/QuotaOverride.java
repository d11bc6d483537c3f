package org.smartkampung.core.subscriber;

/**
 * Per-subscriber limits that replace the village policy's user limits. Null fields keep the
 * policy's value.
 *
 * @param userDailyMb bytes per day, in megabytes (10^6 bytes)
 * @param userDailyMinutes minutes online per day
 * @param userRateDownKbps download rate in kilobits per second
 * @param userRateUpKbps upload rate in kilobits per second
 * @param maxDevices devices online at once
 */
public record QuotaOverride(
    Long userDailyMb,
    Long userDailyMinutes,
    Long userRateDownKbps,
    Long userRateUpKbps,
    Integer maxDevices) {}
