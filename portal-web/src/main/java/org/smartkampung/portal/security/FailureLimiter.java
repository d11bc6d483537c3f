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

  /** Records one failed login for the key. */
  public void recordFailure(String key) {
    if (failures.size() > MAX_KEYS) {
      // A flood of distinct keys must not grow memory without bound: forget the stale ones.
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
