package org.smartkampung.radius.acct;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;

/**
 * Says whether a warning about a NAS is due: at most once per interval per NAS, so a hotspot that
 * keeps misbehaving cannot flood the log. Bounded; thread-safe.
 */
final class NasWarnings {

  private final Duration interval;
  private final Cache<String, Instant> lastWarned =
      Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();

  NasWarnings(Duration interval) {
    this.interval = interval;
  }

  /** True when nothing was logged about this NAS within the interval; then counts it as logged. */
  boolean due(String nasName, Instant now) {
    boolean[] due = new boolean[1];
    lastWarned
        .asMap()
        .compute(
            nasName,
            (nas, last) -> {
              due[0] = last == null || !now.isBefore(last.plus(interval));
              return due[0] ? now : last;
            });
    return due[0];
  }
}
