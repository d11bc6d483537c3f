package org.smartkampung.radius.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RADIUS role's meters. Names: {@code kampung.radius.requests} (tags type, result, nas,
 * transport), {@code kampung.radius.latency} (tags type, transport; a histogram), {@code
 * kampung.radius.radsec.refusals} (tag reason), {@code kampung.radius.drops} (tag reason), {@code
 * kampung.radius.dac} (tags type, result).
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
    /** The subscriber password lane's queue was full. */
    PASSWORD_LANE_FULL,
    STORE_UNAVAILABLE,
    MISSING_SESSION_ID,
    HANDLER_ERROR;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private record RequestTags(String type, String result, String nas, String transport) {}

  private record LatencyTags(String type, String transport) {}

  private final MeterRegistry registry;
  // Meters are looked up once per tag set: registering on every request shows in profiles.
  private final Map<RequestTags, Counter> requestCounters = new ConcurrentHashMap<>();
  private final Map<LatencyTags, Timer> latencyTimers = new ConcurrentHashMap<>();
  private final Map<DropReason, Counter> dropCounters = new ConcurrentHashMap<>();

  public RadiusMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void drop(DropReason reason) {
    dropCounters
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("kampung.radius.drops")
                    .description("RADIUS packets dropped without an answer")
                    .tag("reason", r.tag())
                    .register(registry))
        .increment();
  }

  /** Count of drops for one reason so far (for tests and health pages). */
  public double drops(DropReason reason) {
    Counter counter = registry.find("kampung.radius.drops").tag("reason", reason.tag()).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Records one request handled that came by UDP. */
  public void request(String type, String result, String nas, long startNanos) {
    request(type, result, nas, Transport.UDP, startNanos);
  }

  /** Records one handled request; {@code result} is e.g. accept, reject, ok, no_reply. */
  public void request(
      String type, String result, String nas, Transport transport, long startNanos) {
    requestCounters
        .computeIfAbsent(
            new RequestTags(type, result, nas, transport.tag()),
            t ->
                Counter.builder("kampung.radius.requests")
                    .tag("type", t.type())
                    .tag("result", t.result())
                    .tag("nas", t.nas())
                    .tag("transport", t.transport())
                    .register(registry))
        .increment();
    latencyTimers
        .computeIfAbsent(
            new LatencyTags(type, transport.tag()),
            t ->
                Timer.builder("kampung.radius.latency")
                    .description("time from decode to reply written")
                    .tag("type", t.type())
                    .tag("transport", t.transport())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                    .maximumExpectedValue(Duration.ofSeconds(5))
                    .register(registry))
        .record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
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

  /** Requests of a type and result that came by {@code transport} (for tests and health pages). */
  public double requests(String type, String result, Transport transport) {
    return registry
        .find("kampung.radius.requests")
        .tag("type", type)
        .tag("result", result)
        .tag("transport", transport.tag())
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** Why a RadSec connection was refused. */
  public enum Refusal {
    /** The certificate is not from our CA, or no hotspot names it. */
    UNKNOWN_CERT,
    /** The certificate is on the CA's revocation list. */
    REVOKED_CERT,
    /** A hotspot's certificate presented from another hotspot's address. */
    WRONG_HOTSPOT,
    /** TLS 1.0 or 1.1 (or SSL) offered. */
    OLD_TLS,
    /** Not TLS at all: plain RADIUS or something else on the TCP port. */
    PLAIN_TCP,
    /** Any other failed handshake. */
    HANDSHAKE_FAILED;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Counts a refused RadSec connection ({@code kampung.radius.radsec.refusals}, tag reason). */
  public void refusal(Refusal reason) {
    Counter.builder("kampung.radius.radsec.refusals")
        .description("RadSec connections refused, by reason")
        .tag("reason", reason.tag())
        .register(registry)
        .increment();
  }

  /** RadSec connections refused for {@code reason} so far. */
  public double refusals(Refusal reason) {
    Counter counter =
        registry.find("kampung.radius.radsec.refusals").tag("reason", reason.tag()).counter();
    return counter == null ? 0 : counter.count();
  }

  public void dac(String type, String result) {
    Counter.builder("kampung.radius.dac")
        .description("Disconnect and CoA requests sent, by outcome")
        .tag("type", type)
        .tag("result", result)
        .register(registry)
        .increment();
  }

  /**
   * One running session handled after a quota edit, by action: {@code coa}, {@code disconnect}, or
   * {@code next_interim} (its NAS takes no CoA, or its limits could not be computed).
   */
  public void limitsChange(String action) {
    Counter.builder("kampung.radius.limits.changes")
        .description("Running sessions given new limits after a quota edit, by action")
        .tag("action", action)
        .register(registry)
        .increment();
  }
}
