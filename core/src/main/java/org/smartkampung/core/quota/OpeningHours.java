package org.smartkampung.core.quota;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The daily window in which hotspots serve villagers, as local wall-clock times. A window whose end
 * is before its start runs past midnight (for example 16:00-02:00).
 *
 * @param opens first minute of service
 * @param closes first minute after service; equal to {@code opens} means all day
 */
public record OpeningHours(LocalTime opens, LocalTime closes) {

  /** Open around the clock. */
  public static final OpeningHours ALWAYS =
      new OpeningHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

  /**
   * Parses "HH:MM-HH:MM".
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static OpeningHours parse(String text) {
    String[] parts = text.trim().split("\\s*-\\s*");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected HH:MM-HH:MM, got '" + text + "'");
    }
    try {
      return new OpeningHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected HH:MM-HH:MM, got '" + text + "'", e);
    }
  }

  /** Whether the given local time falls inside the window. */
  public boolean isOpen(LocalTime time) {
    if (opens.equals(closes)) {
      return true;
    }
    if (opens.isBefore(closes)) {
      return !time.isBefore(opens) && time.isBefore(closes);
    }
    return !time.isBefore(opens) || time.isBefore(closes);
  }

  /** Seconds from {@code time} until the window closes; {@link Long#MAX_VALUE} if it never does. */
  public long secondsUntilClose(LocalTime time) {
    if (opens.equals(closes)) {
      return Long.MAX_VALUE;
    }
    long now = time.toSecondOfDay();
    long end = closes.toSecondOfDay();
    long until = end - now;
    return until > 0 ? until : until + 24 * 3600;
  }

  @Override
  public String toString() {
    return opens + "-" + closes;
  }
}
