package org.smartkampung.gateway.pipeline;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval, with how many were held back since the last one: floods
 * of junk (datagrams to the DNS or DAC port) cost one log line a minute, not one each. Thread-safe.
 */
public final class WarnLimiter {

  /** How often a limited warning is written at most. */
  public static final long INTERVAL_MILLIS = 60_000;

  private final Logger log;
  private final Clock clock;
  private final AtomicLong lastMillis = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong heldBack = new AtomicLong();

  public WarnLimiter(Logger log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** Logs {@code message} (SLF4J format) unless a warning was logged less than a minute ago. */
  public void warn(String message, Object... args) {
    long now = clock.millis();
    long last = lastMillis.get();
    if ((last == Long.MIN_VALUE || now - last >= INTERVAL_MILLIS)
        && lastMillis.compareAndSet(last, now)) {
      long more = heldBack.getAndSet(0);
      log.warn(
          more > 0 ? message + " (and " + more + " more since the last report)" : message, args);
    } else {
      heldBack.incrementAndGet();
    }
  }
}
