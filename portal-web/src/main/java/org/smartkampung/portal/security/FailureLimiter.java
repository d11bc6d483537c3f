package org.smartkampung.portal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (a device MAC, a client IP) in a sliding window and says how long a
 * key must wait once it had too many. Owned by one portal instance; thread-safe.
 */
public final class FailureLimiter {

  private static final int MAX_KEYS = 100_000;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  /** Allows {@code maxFailures} failures per key within {@code window}. */
  public FailureLimiter(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** Seconds the key must still wait before its next try; 0 when it may try now. */
  public long waitSeconds(String key) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    Instant now = clock.instant();
    synchronized (times) {
      prune(times, now);
      if (times.size() < maxFailures) {
        return 0;
      }
      Instant oldest = times.peekFirst();
      long seconds = Duration.between(now, oldest.plus(window)).toSeconds();
      return Math.max(1, seconds);
    }
  }

  /**
   * Takes one attempt for the key before the attempt is checked, atomically: of many concurrent
   * callers at most the number of attempts left get 0 (go ahead), the others the seconds to wait. A
   * reserved attempt counts as a failure until {@link #release}d, so parallel guesses cannot all be
   * checked before the first failure is recorded.
   */
  public long reserve(String key) {
    sweepIfLarge();
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    Instant now = clock.instant();
    synchronized (times) {
      prune(times, now);
      if (times.size() >= maxFailures) {
        return Math.max(1, Duration.between(now, times.peekFirst().plus(window)).toSeconds());
      }
      times.addLast(now);
      return 0;
    }
  }

  /**
   * Takes one attempt for every key, or none: 0 when all were reserved, else the longest wait (and
   * the keys reserved on the way are released).
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

  /** Gives back an attempt {@link #reserve}d for the key: it did not fail. */
  public void release(String key) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return;
    }
    synchronized (times) {
      times.pollLast();
    }
  }

  /** Failures (and attempts not yet released) the key has in the window. */
  public int count(String key) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      prune(times, clock.instant());
      return times.size();
    }
  }

  private void sweepIfLarge() {
    if (failures.size() > MAX_KEYS) {
      Instant now = clock.instant();
      failures
          .values()
          .removeIf(
              d -> {
                synchronized (d) {
                  prune(d, now);
                  return d.isEmpty();
                }
              });
    }
  }

  /** Records one failed login for the key. */
  public void recordFailure(String key) {
    // A flood of distinct keys must not grow memory without bound: forget the stale ones.
    sweepIfLarge();
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, clock.instant());
      times.addLast(clock.instant());
    }
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }
}
