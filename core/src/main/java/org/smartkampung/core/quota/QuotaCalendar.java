package org.smartkampung.core.quota;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The current {@link QuotaPeriods} of each village, computed once per zone and day instead of on
 * every charge (date arithmetic and formatting cost more than the embedded charge itself).
 * Thread-safe; owned by one ledger.
 */
final class QuotaCalendar {

  private final Function<String, ZoneId> zones;
  private final Map<ZoneId, QuotaPeriods> current = new ConcurrentHashMap<>();
  private final Map<ZoneId, Hour> currentHour = new ConcurrentHashMap<>();

  /** Key format of the hourly village counters: local hour as {@code yyyyMMddHH}. */
  static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");

  /** One local hour: {@code [startEpochSecond, endEpochSecond)} and its key. */
  private record Hour(long startEpochSecond, long endEpochSecond, String key) {}

  QuotaCalendar(Function<String, ZoneId> zones) {
    this.zones = Objects.requireNonNull(zones, "zones");
  }

  QuotaPeriods periods(String villageId, Instant now) {
    ZoneId zone = zones.apply(villageId);
    QuotaPeriods periods = current.get(zone);
    if (periods == null || !periods.contains(now)) {
      // Racing threads compute the same value; a clock set backwards in tests recomputes too.
      periods = QuotaPeriods.at(now, zone);
      current.put(zone, periods);
    }
    return periods;
  }

  ZoneId zone(String villageId) {
    return zones.apply(villageId);
  }

  /** The local hour {@code now} falls in, as {@code yyyyMMddHH} in the village's zone. */
  String hourKey(String villageId, Instant now) {
    ZoneId zone = zones.apply(villageId);
    Hour hour = currentHour.get(zone);
    long second = now.getEpochSecond();
    if (hour == null || second < hour.startEpochSecond() || second >= hour.endEpochSecond()) {
      LocalDateTime local = LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.HOURS);
      long start = local.atZone(zone).toEpochSecond();
      // Half-hour zones and DST overlaps just recompute more often; the key is always right.
      hour = new Hour(start, start + 3600, local.format(HOUR));
      currentHour.put(zone, hour);
    }
    return hour.key();
  }
}
