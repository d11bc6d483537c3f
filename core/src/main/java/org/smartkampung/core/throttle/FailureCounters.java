package org.smartkampung.core.throttle;

import java.time.Duration;

/**
 * Counters of failed (or about-to-be-checked) login attempts per key, each living for a fixed
 * window that starts at its first count. Shared by every server on the same store (Redis: one key
 * with a TTL per counter), so a guesser gains nothing by spreading tries over servers.
 *
 * <p>Callers reserve before they check: {@link #increment} first, check the password only when the
 * count is within the limit, and {@link #decrement} when the password was right. Parallel guesses
 * then cannot race past the limit.
 */
public interface FailureCounters {

  /**
   * Adds one to the key's counter, atomically, creating it for {@code window} when absent.
   *
   * @return the count after adding, 1 for a fresh key
   */
  long increment(String key, Duration window);

  /** Takes back one count of a live key (never below zero; an expired key stays absent). */
  void decrement(String key);
}
