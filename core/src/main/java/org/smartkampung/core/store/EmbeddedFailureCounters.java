package org.smartkampung.core.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.smartkampung.core.throttle.FailureCounters;

/**
 * {@link FailureCounters} in this process's memory: one server's throttle. Bounded: beyond {@link
 * #MAX_KEYS} live keys, expired ones are swept; if every key is still live the oldest half goes, so
 * a flood of fresh keys cannot grow memory without end. Thread-safe.
 */
public final class EmbeddedFailureCounters implements FailureCounters {

  /** Most counters kept at once. */
  public static final int MAX_KEYS = 100_000;

  private record Window(long count, Instant expiresAt) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxKeys;

  public EmbeddedFailureCounters(Clock clock) {
    this(clock, MAX_KEYS);
  }

  EmbeddedFailureCounters(Clock clock, int maxKeys) {
    this.clock = clock;
    this.maxKeys = maxKeys;
  }

  @Override
  public long increment(String key, Duration window) {
    Instant now = clock.instant();
    if (windows.size() >= maxKeys) {
      sweep(now);
    }
    return windows
        .compute(
            key,
            (k, w) ->
                w == null || !now.isBefore(w.expiresAt())
                    ? new Window(1, now.plus(window))
                    : new Window(w.count() + 1, w.expiresAt()))
        .count();
  }

  @Override
  public void decrement(String key) {
    Instant now = clock.instant();
    windows.computeIfPresent(
        key,
        (k, w) ->
            !now.isBefore(w.expiresAt())
                ? null
                : new Window(Math.max(0, w.count() - 1), w.expiresAt()));
  }

  /** Live counters held now (for tests of the bound). */
  int size() {
    return windows.size();
  }

  private void sweep(Instant now) {
    windows.values().removeIf(w -> !now.isBefore(w.expiresAt()));
    if (windows.size() >= maxKeys) {
      // All live: forget those closest to expiry; they would have gone soonest anyway.
      Instant median =
          windows.values().stream()
              .map(Window::expiresAt)
              .sorted()
              .skip(windows.size() / 2)
              .findFirst()
              .orElse(now);
      windows.values().removeIf(w -> !w.expiresAt().isAfter(median));
    }
  }
}
