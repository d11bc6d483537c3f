package org.smartkampung.core.quota;

import java.time.Instant;
import java.time.ZoneId;
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
}
