package org.smartkampung.radius.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.config.LoginThrottleSettings;
import org.smartkampung.core.store.StoreOutages;
import org.smartkampung.core.throttle.FailureCounters;

/**
 * The failure throttle on RADIUS password logins, per username and per device at a hotspot (NAS
 * name + Calling-Station-Id), counted in the store so every server shares it. It reserves before
 * the password is checked: each try is counted first and checked only while the counts are within
 * their limits; a right password gives its count back. Parallel guesses therefore get at most the
 * limit of checks, and a throttled try costs no hash.
 */
public final class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  /** One counted try: the counters it added to, and whether it may be checked. */
  public record Attempt(List<String> keys, boolean allowed) {}

  private final FailureCounters counters;
  private final LoginThrottleSettings settings;
  private final Duration window;

  public LoginThrottle(FailureCounters counters, LoginThrottleSettings settings) {
    this.counters = counters;
    this.settings = settings;
    this.window = Duration.ofSeconds(settings.windowSeconds());
  }

  /**
   * Counts a try for {@code username} from {@code deviceMac} at {@code nasName} (no device count
   * when the request names no device).
   *
   * @throws RuntimeException a store outage, for the caller's outage policy
   */
  public Attempt reserve(String username, String nasName, String deviceMac) {
    List<String> keys = new ArrayList<>(2);
    String userKey = "radius:u:" + username;
    keys.add(userKey);
    boolean allowed = counters.increment(userKey, window) <= settings.maxFailuresPerUser();
    if (!deviceMac.isEmpty()) {
      String deviceKey = "radius:d:" + nasName + "|" + deviceMac;
      keys.add(deviceKey);
      allowed &= counters.increment(deviceKey, window) <= settings.maxFailuresPerDevice();
    }
    return new Attempt(List.copyOf(keys), allowed);
  }

  /** Gives back a try that turned out right, or was never checked. Never throws for an outage. */
  public void release(Attempt attempt) {
    try {
      for (String key : attempt.keys()) {
        counters.decrement(key);
      }
    } catch (RuntimeException e) {
      if (!StoreOutages.isOutage(e)) {
        throw e;
      }
      // The try then counts as a failure until the window ends: harmless.
      log.warn("could not give back a login try {}: {}", attempt.keys(), e.toString());
    }
  }

  /** The Reply-Message of a throttled try, in Bahasa Indonesia. */
  public String replyMessage() {
    long minutes = Math.max(1, (window.toSeconds() + 59) / 60);
    return RejectReason.TOO_MANY_FAILURES.message(Long.toString(minutes));
  }
}
