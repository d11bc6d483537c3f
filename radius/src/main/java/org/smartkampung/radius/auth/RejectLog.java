package org.smartkampung.radius.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.login.FailedLogin;
import org.smartkampung.core.login.FailedLogins;

/**
 * Where every Access-Reject goes besides the NAS: counted by reason ({@code
 * kampung.radius.rejects}, tag reason), logged, and kept in the village's recent failed logins for
 * the console. Never throws: a reject is answered whatever happens here.
 */
public final class RejectLog {

  private static final Logger log = LoggerFactory.getLogger(RejectLog.class);

  /** Counts nothing and keeps nothing (tests that do not look). */
  public static final RejectLog NONE = new RejectLog(null, null, Clock.systemUTC());

  private final FailedLogins failedLogins;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<RejectReason, Counter> counters = new ConcurrentHashMap<>();

  public RejectLog(FailedLogins failedLogins, MeterRegistry registry, Clock clock) {
    this.failedLogins = failedLogins;
    this.registry = registry;
    this.clock = clock;
  }

  /** The metric and console code of a reason, e.g. {@code bad_credentials}. */
  public static String code(RejectReason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  /**
   * One refused login.
   *
   * @param villageId the village of the hotspot
   * @param who the username tried, or the device's MAC when there is none
   */
  public void rejected(String villageId, String hotspot, String who, RejectReason reason) {
    rejected(villageId, hotspot, who, reason, true);
  }

  /**
   * As above; {@code keep} false counts and logs the reject but leaves it out of the failed logins
   * (a NAS's MAC-auth probe of an unknown device is no villager's failed attempt).
   */
  public void rejected(
      String villageId, String hotspot, String who, RejectReason reason, boolean keep) {
    try {
      log.info("Access-Reject on NAS {} for '{}': {}", hotspot, who, code(reason));
      if (registry != null) {
        counters
            .computeIfAbsent(
                reason,
                r ->
                    Counter.builder("kampung.radius.rejects")
                        .description("Access-Rejects by reason")
                        .tag("reason", code(r))
                        .register(registry))
            .increment();
      }
      if (failedLogins != null && keep) {
        failedLogins.record(
            new FailedLogin(clock.instant(), villageId, who, hotspot, code(reason)));
      }
    } catch (RuntimeException e) {
      log.warn("could not keep the reject of '{}' on NAS {}: {}", who, hotspot, e.toString());
    }
  }
}
