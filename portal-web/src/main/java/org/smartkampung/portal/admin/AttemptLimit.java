package org.smartkampung.portal.admin;

import java.time.Clock;
import java.time.Duration;
import org.smartkampung.core.admin.SignInAttempts;

/**
 * One limit on console attempts ({@code max} per {@code window} per key), counted in the store so
 * every portal instance shares it. Blocking: call it off the event loop.
 */
final class AttemptLimit {

  private final String name;
  private final int max;
  private final Duration window;
  private final SignInAttempts attempts;
  private final Clock clock;

  /**
   * @param name keeps this limit's keys apart from the others'
   */
  AttemptLimit(String name, int max, Duration window, SignInAttempts attempts, Clock clock) {
    this.name = name;
    this.max = max;
    this.window = window;
    this.attempts = attempts;
    this.clock = clock;
  }

  /** Takes an attempt before it is checked: 0, or the seconds to wait. */
  long reserve(String key) {
    return attempts.reserve(name + ":" + key, max, window, clock.instant());
  }

  /** Gives a reserved attempt back: it was right. */
  void release(String key) {
    attempts.release(name + ":" + key, clock.instant());
  }

  /** Counts a failure that is never refused (the slow-down's count). */
  void recordFailure(String key) {
    attempts.record(name + ":" + key, window, clock.instant());
  }

  int count(String key) {
    return attempts.count(name + ":" + key, clock.instant());
  }
}
