package org.smartkampung.portal.security;

import java.time.Clock;
import java.time.Duration;
import org.smartkampung.core.admin.SignInAttempts;

/**
 * One limit on login attempts ({@code max} per {@code window} per key), counted in the store so
 * every portal instance shares it. An attempt is reserved before it is checked and given back when
 * it was not a failure. Blocking: call it off the event loop.
 */
public final class AttemptLimit {

  private final String name;
  private final int max;
  private final Duration window;
  private final SignInAttempts attempts;
  private final Clock clock;

  /**
   * @param name keeps this limit's keys apart from the others'
   */
  public AttemptLimit(String name, int max, Duration window, SignInAttempts attempts, Clock clock) {
    this.name = name;
    this.max = max;
    this.window = window;
    this.attempts = attempts;
    this.clock = clock;
  }

  /** Takes an attempt before it is checked: 0, or the seconds to wait. */
  public long reserve(String key) {
    return attempts.reserve(name + ":" + key, max, window, clock.instant());
  }

  /**
   * Takes an attempt for every key, or none: 0 when all were taken, else the longest wait (and the
   * keys taken on the way are given back).
   */
  public long reserveAll(java.util.List<String> keys) {
    for (int i = 0; i < keys.size(); i++) {
      long wait = reserve(keys.get(i));
      if (wait > 0) {
        keys.subList(0, i).forEach(this::release);
        return wait;
      }
    }
    return 0;
  }

  /** Gives a reserved attempt back: it was right. */
  public void release(String key) {
    attempts.release(name + ":" + key, clock.instant());
  }

  /** Counts a failure that is never refused (the slow-down's count). */
  public void recordFailure(String key) {
    attempts.record(name + ":" + key, window, clock.instant());
  }

  public int count(String key) {
    return attempts.count(name + ":" + key, clock.instant());
  }
}
