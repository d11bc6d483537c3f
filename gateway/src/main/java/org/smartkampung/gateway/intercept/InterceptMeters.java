package org.smartkampung.gateway.intercept;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.smartkampung.gateway.intercept.CaptiveProbes.Kind;

/** The interceptor's counters, looked up once rather than per request. */
final class InterceptMeters {

  private final Map<Kind, Counter> redirects = new EnumMap<>(Kind.class);
  final Counter badRequest;
  final Counter slow;

  InterceptMeters(MeterRegistry registry) {
    for (Kind kind : Kind.values()) {
      redirects.put(
          kind,
          registry.counter(
              "kampung.gateway.intercept.redirects",
              "probe",
              kind.name().toLowerCase(Locale.ROOT)));
    }
    badRequest = registry.counter("kampung.gateway.intercept.refused", "reason", "bad-request");
    slow = registry.counter("kampung.gateway.intercept.refused", "reason", "slow");
  }

  Counter redirect(Kind kind) {
    return redirects.get(kind);
  }
}
