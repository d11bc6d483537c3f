package org.smartkampung.core.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.config.HotspotHealthSettings;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.report.MonthlyRollups;
import org.smartkampung.core.village.Village;

/**
 * Works out every hotspot's state on a schedule, counts them ({@code kampung.hotspots}, tag state),
 * and posts the webhook when one goes down during opening hours and when it comes back. With
 * several servers on one store, the store's announced state decides which one posts.
 */
public final class HotspotWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HotspotWatch.class);

  private final Supplier<KampungConfig> config;
  private final HotspotSightings sightings;
  private final Clock clock;
  private final HotspotWebhook webhook;
  private final MonthlyRollups rollups;
  private final Map<HotspotState, AtomicInteger> counts = new EnumMap<>(HotspotState.class);
  // What this process last announced: saves a store call per hotspot per check (not for safety).
  private final Map<String, HotspotState> announced = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  public HotspotWatch(
      Supplier<KampungConfig> config,
      HotspotSightings sightings,
      Clock clock,
      MeterRegistry registry) {
    this(config, sightings, clock, registry, null);
  }

  /** As above, adding each check's opening time and up time to {@code rollups} (may be null). */
  public HotspotWatch(
      Supplier<KampungConfig> config,
      HotspotSightings sightings,
      Clock clock,
      MeterRegistry registry,
      MonthlyRollups rollups) {
    this.rollups = rollups;
    this.config = config;
    this.sightings = sightings;
    this.clock = clock;
    HotspotHealthSettings settings = config.get().hotspotHealth();
    this.webhook =
        settings.webhookUrl() == null
            ? null
            : new HotspotWebhook(settings.webhookUrl(), settings.webhookChatId());
    for (HotspotState state : HotspotState.values()) {
      AtomicInteger count = new AtomicInteger();
      counts.put(state, count);
      Gauge.builder("kampung.hotspots", count, AtomicInteger::get)
          .description("Hotspots by health state at the last check")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  /** Checks every {@code hotspot-health.check-interval-seconds} on a thread of its own. */
  public HotspotWatch start() {
    int every = config.get().hotspotHealth().checkIntervalSeconds();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hotspot-watch");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.SECONDS);
    return this;
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      log.warn("hotspot health check failed: {}", e.toString());
    }
  }

  /** One check now; returns the transitions it announced (and posted). */
  public List<HotspotTransition> check() {
    KampungConfig current = config.get();
    HotspotHealthSettings thresholds = current.hotspotHealth();
    Map<String, Instant> seen = sightings.lastSeen();
    Instant now = clock.instant();
    Map<HotspotState, Integer> tally = new EnumMap<>(HotspotState.class);
    List<HotspotTransition> transitions = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Map<String, long[]> watched = new java.util.HashMap<>(); // village -> {open, up} seconds
    long interval = thresholds.checkIntervalSeconds();
    for (NasClientSettings hotspot : current.hotspots()) {
      names.add(hotspot.name());
      Optional<Village> village = current.village(hotspot.village());
      if (village.isEmpty()) {
        continue;
      }
      Village v = village.get();
      Instant last = seen.get(hotspot.name());
      HotspotState state =
          HotspotHealth.state(last, now, openingHours(current, v), v.timeZone(), thresholds);
      tally.merge(state, 1, Integer::sum);
      if (openingHours(current, v).isOpen(LocalTime.ofInstant(now, v.timeZone()))) {
        long[] seconds = watched.computeIfAbsent(v.id(), id -> new long[2]);
        seconds[0] += interval;
        if (state == HotspotState.UP || state == HotspotState.QUIET) {
          seconds[1] += interval;
        }
      }
      if ((state == HotspotState.DOWN || state == HotspotState.UP)
          && announced.get(hotspot.name()) != state) {
        Optional<HotspotState> before = sightings.announce(hotspot.name(), state);
        announced.put(hotspot.name(), state);
        boolean wentDown = state == HotspotState.DOWN && before.orElse(null) != HotspotState.DOWN;
        boolean cameBack = state == HotspotState.UP && before.orElse(null) == HotspotState.DOWN;
        if (wentDown || cameBack) {
          transitions.add(
              new HotspotTransition(
                  wentDown,
                  hotspot.name(),
                  v.id(),
                  v.name(),
                  v.kecamatan() == null ? "" : v.kecamatan(),
                  last,
                  now,
                  zoneLabel(v.timeZone())));
        }
      }
    }
    for (HotspotState state : HotspotState.values()) {
      counts.get(state).set(tally.getOrDefault(state, 0));
    }
    if (rollups != null) {
      watched.forEach(
          (villageId, seconds) ->
              rollups.availability(
                  villageId,
                  YearMonth.from(now.atZone(current.village(villageId).orElseThrow().timeZone())),
                  seconds[0],
                  seconds[1]));
    }
    // Sightings of hotspots removed from the registry end with them.
    for (String name : seen.keySet()) {
      if (!names.contains(name)) {
        sightings.forget(name);
        announced.remove(name);
      }
    }
    for (HotspotTransition t : transitions) {
      log.warn(
          "hotspot {} of village {} is {} (last seen {})",
          t.hotspot(),
          t.villageId(),
          t.down() ? "DOWN" : "up again",
          t.lastSeen());
      if (webhook != null) {
        webhook.send(t, current.village(t.villageId()).map(Village::timeZone).orElseThrow());
      }
    }
    return transitions;
  }

  /** The village's opening hours (its policy's; all day when it has none). */
  public static OpeningHours openingHours(KampungConfig config, Village village) {
    return config
        .policy(village.policy())
        .map(QuotaPolicy::openingHours)
        .orElse(OpeningHours.ALWAYS);
  }

  /** WIB, WITA or WIT for Indonesia's zones, else the zone's id. */
  public static String zoneLabel(ZoneId zone) {
    return switch (zone.getId()) {
      case "Asia/Jakarta", "Asia/Pontianak" -> "WIB";
      case "Asia/Makassar" -> "WITA";
      case "Asia/Jayapura" -> "WIT";
      default -> zone.getId();
    };
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
