package org.smartkampung.radius.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The RADIUS role's meters. Names: {@code kampung.radius.requests} (tags type, result, nas), {@code
 * kampung.radius.latency} (tag type; a histogram), {@code kampung.radius.drops} (tag reason),
 * {@code kampung.radius.dac} (tags type, result).
 */
public final class RadiusMetrics {

  /** Why a packet got no answer. */
  public enum DropReason {
    UNKNOWN_CLIENT,
    BAD_AUTHENTICATOR,
    MISSING_MESSAGE_AUTHENTICATOR,
    BAD_MESSAGE_AUTHENTICATOR,
    MALFORMED,
    DUPLICATE,
    OVERLOAD,
    STORE_UNAVAILABLE,
    HANDLER_ERROR;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;

  public RadiusMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void drop(DropReason reason) {
    Counter.builder("kampung.radius.drops")
        .description("RADIUS packets dropped without an answer")
        .tag("reason", reason.tag())
        .register(registry)
        .increment();
  }

  /** Count of drops for one reason so far (for tests and health pages). */
  public double drops(DropReason reason) {
    Counter counter = registry.find("kampung.radius.drops").tag("reason", reason.tag()).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Records one handled request; {@code result} is e.g. accept, reject, ok, no_reply. */
  public void request(String type, String result, String nas, long startNanos) {
    Counter.builder("kampung.radius.requests")
        .tag("type", type)
        .tag("result", result)
        .tag("nas", nas)
        .register(registry)
        .increment();
    Timer.builder("kampung.radius.latency")
        .description("time from decode to reply written")
        .tag("type", type)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
        .maximumExpectedValue(Duration.ofSeconds(5))
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  public double requests(String type, String result) {
    return registry
        .find("kampung.radius.requests")
        .tag("type", type)
        .tag("result", result)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  public void dac(String type, String result) {
    Counter.builder("kampung.radius.dac")
        .description("Disconnect and CoA requests sent, by outcome")
        .tag("type", type)
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
