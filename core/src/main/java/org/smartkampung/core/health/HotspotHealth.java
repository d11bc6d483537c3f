package org.smartkampung.core.health;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.smartkampung.core.config.HotspotHealthSettings;
import org.smartkampung.core.quota.OpeningHours;

/**
 * The state of one hotspot from when it was last seen: silence counts only while its village is
 * open, so a hotspot resting at night is never "down", and one that went silent just before closing
 * turns down only after enough silent minutes of the next morning.
 */
public final class HotspotHealth {

  /** Silence older than this is counted from here (the sum is far past any threshold anyway). */
  static final Duration LONGEST_COUNTED = Duration.ofDays(60);

  private HotspotHealth() {}

  /**
   * @param lastSeen when any RADIUS packet last came from it; null when never
   */
  public static HotspotState state(
      Instant lastSeen,
      Instant now,
      OpeningHours hours,
      ZoneId zone,
      HotspotHealthSettings thresholds) {
    if (lastSeen == null) {
      return HotspotState.NEVER_SEEN;
    }
    Duration silent = openSilence(lastSeen, now, hours, zone);
    if (silent.compareTo(Duration.ofMinutes(thresholds.downMinutes())) >= 0) {
      return HotspotState.DOWN;
    }
    if (silent.compareTo(Duration.ofMinutes(thresholds.quietMinutes())) >= 0) {
      return HotspotState.QUIET;
    }
    return HotspotState.UP;
  }

  /** How much of the time from {@code from} to {@code to} the village was open. */
  public static Duration openSilence(Instant from, Instant to, OpeningHours hours, ZoneId zone) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Instant start = from.isBefore(to.minus(LONGEST_COUNTED)) ? to.minus(LONGEST_COUNTED) : from;
    if (hours.opens().equals(hours.closes())) {
      return Duration.between(start, to);
    }
    Duration open = Duration.ZERO;
    LocalDate last = LocalDate.ofInstant(to, zone);
    // From the day before: a window past midnight opened then may still be open at the start.
    for (LocalDate day = LocalDate.ofInstant(start, zone).minusDays(1);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      Instant opens = day.atTime(hours.opens()).atZone(zone).toInstant();
      LocalDate closeDay = hours.closes().isAfter(hours.opens()) ? day : day.plusDays(1);
      Instant closes = closeDay.atTime(hours.closes()).atZone(zone).toInstant();
      Instant a = opens.isAfter(start) ? opens : start;
      Instant b = closes.isBefore(to) ? closes : to;
      if (b.isAfter(a)) {
        open = open.plus(Duration.between(a, b));
      }
    }
    return open;
  }
}
