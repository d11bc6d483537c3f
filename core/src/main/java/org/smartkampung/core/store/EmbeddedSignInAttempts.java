package org.smartkampung.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.smartkampung.core.admin.SignInAttempts;

/**
 * Sign-in attempts in this process's memory (the embedded store serves one process). Ended windows
 * are swept when the table grows past {@link #MAX_KEYS}, so a flood of names stays bounded.
 */
public final class EmbeddedSignInAttempts implements SignInAttempts {

  static final int MAX_KEYS = 100_000;

  private record Window(int count, Instant endsAt) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  @Override
  public long reserve(String key, int max, Duration window, Instant now) {
    sweepIfLarge(now);
    long[] wait = {0};
    windows.compute(
        key,
        (k, w) -> {
          if (w == null || !now.isBefore(w.endsAt())) {
            return new Window(1, now.plus(window));
          }
          if (w.count() >= max) {
            wait[0] = Math.max(1, Duration.between(now, w.endsAt()).toSeconds());
            return w;
          }
          return new Window(w.count() + 1, w.endsAt());
        });
    return wait[0];
  }

  @Override
  public void release(String key, Instant now) {
    windows.computeIfPresent(
        key,
        (k, w) ->
            !now.isBefore(w.endsAt()) || w.count() <= 1
                ? null
                : new Window(w.count() - 1, w.endsAt()));
  }

  @Override
  public void record(String key, Duration window, Instant now) {
    reserve(key, Integer.MAX_VALUE, window, now);
  }

  @Override
  public int count(String key, Instant now) {
    Window w = windows.get(key);
    return w == null || !now.isBefore(w.endsAt()) ? 0 : w.count();
  }

  private void sweepIfLarge(Instant now) {
    if (windows.size() > MAX_KEYS) {
      windows.values().removeIf(w -> !now.isBefore(w.endsAt()));
    }
  }

  /** Keys held (for tests). */
  int size() {
    return windows.size();
  }
}
