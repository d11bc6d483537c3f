package org.smartkampung.core.store;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.config.SubscriberSeed;
import org.smartkampung.core.device.BypassDevice;
import org.smartkampung.core.invalidation.Invalidations;
import org.smartkampung.core.limits.OverrideLimitsSource;
import org.smartkampung.core.quota.EmbeddedQuotaLedger;
import org.smartkampung.core.quota.LimitsSource;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.RedisQuotaLedger;
import org.smartkampung.core.redis.RedisBatcher;
import org.smartkampung.core.subscriber.OverrideCache;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.village.Village;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens the store the configuration names: embedded (default) or Redis. The ledger counts against
 * the given limits with each subscriber's quota override laid over them ({@link OverrideCache}).
 */
public final class StoreFactory {

  private static final Logger log = LoggerFactory.getLogger(StoreFactory.class);

  /** How long a closed session's counters are kept, so a late record of it charges nothing. */
  static final Duration DEFAULT_SESSION_RETENTION =
      Duration.ofHours(QuotaLedger.CLOSED_SESSION_RETENTION_HOURS);

  private StoreFactory() {}

  /**
   * Opens the configured store.
   *
   * @throws org.smartkampung.core.quota.StoreUnavailableException when Redis is configured but
   *     cannot be reached, with a message naming host:port
   */
  public static KampungStores open(
      KampungConfig config, LimitsSource limits, Clock clock, MeterRegistry registry) {
    StoreSettings settings = config.store();
    Function<String, ZoneId> zones = villageZones(config);
    KampungStores stores =
        settings.type() == StoreType.REDIS
            ? openRedis(settings, zones, limits, clock, registry)
            : openEmbedded(settings, zones, limits, clock);
    seedSubscribers(config, stores.subscribers());
    return stores;
  }

  /**
   * Creates the subscribers the config lists that the store does not have yet; an existing one is
   * left as it is, so a password an admin reset is not overwritten at the next start.
   */
  static void seedSubscribers(KampungConfig config, SubscriberStore subscribers) {
    for (SubscriberSeed seed : config.subscribers()) {
      String name = seed.displayName() == null ? seed.username() : seed.displayName();
      if (subscribers.create(
          new Subscriber(seed.username(), seed.village(), seed.passwordHash(), name, true, null))) {
        log.info(
            "Created subscriber {} of village {} from the config", seed.username(), seed.village());
      }
    }
  }

  /** The embedded store in {@code settings.dataDir()}. */
  public static KampungStores openEmbedded(
      StoreSettings settings, Function<String, ZoneId> zones, LimitsSource limits, Clock clock) {
    return openEmbedded(settings, zones, limits, clock, DEFAULT_SESSION_RETENTION);
  }

  /**
   * As {@link #openEmbedded(StoreSettings, Function, LimitsSource, Clock)}, keeping a closed
   * session's counters {@code sessionRetention} (tests of what ends).
   */
  public static KampungStores openEmbedded(
      StoreSettings settings,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock,
      Duration sessionRetention) {
    var dir = settings.dataDir();
    var lock = DataDirLock.acquire(dir);
    try {
      var subscribers = new EmbeddedSubscriberStore(dir);
      var overrides = new OverrideCache(subscribers, clock);
      var ledger =
          new EmbeddedQuotaLedger(
              dir,
              settings.snapshotIntervalSeconds(),
              zones,
              new OverrideLimitsSource(limits, withBypass(overrides)),
              clock,
              sessionRetention);
      var vouchers = new EmbeddedVoucherStore(dir);
      var sessions = new EmbeddedSessionStore(dir, settings.snapshotIntervalSeconds());
      var nasState = new EmbeddedNasStateStore(dir);
      var devices = new EmbeddedRememberedDeviceStore(dir, clock.instant());
      var signingKeys = new EmbeddedSigningKeyStore(dir);
      var rollups = new EmbeddedMonthlyRollups(dir, clock);
      var deviceLists = new EmbeddedDeviceListStore(dir);
      var sightings = new EmbeddedHotspotSightings(dir, settings.snapshotIntervalSeconds());
      log.info("Embedded store in {}", dir.toAbsolutePath());
      return new Bundle(
          ledger,
          overrides,
          vouchers,
          sessions,
          new EmbeddedLoginTokenStore(clock),
          nasState,
          devices,
          new EmbeddedSessionCommands(clock),
          new EmbeddedFailureCounters(clock),
          signingKeys,
          Invalidations.inProcess(),
          new EmbeddedFailedLogins(),
          sightings,
          rollups,
          deviceLists,
          () -> true,
          () -> {
            rollups.close();
            sightings.close();
            deviceLists.close();
            ledger.close();
            sessions.close();
            subscribers.close();
            vouchers.close();
            nasState.close();
            devices.close();
            signingKeys.close();
            lock.close();
          });
    } catch (RuntimeException e) {
      // A store that failed to open (a corrupt journal) must not keep the directory locked.
      lock.close();
      throw e;
    }
  }

  /** The Redis store; every store shares one pooled client. */
  public static KampungStores openRedis(
      StoreSettings settings,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock,
      MeterRegistry registry) {
    return openRedis(settings, zones, limits, clock, registry, DEFAULT_SESSION_RETENTION);
  }

  /**
   * As {@link #openRedis(StoreSettings, Function, LimitsSource, Clock, MeterRegistry)}, keeping a
   * session's ledger record {@code sessionRetention} after its last change (tests of what ends).
   */
  public static KampungStores openRedis(
      StoreSettings settings,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock,
      MeterRegistry registry,
      Duration sessionRetention) {
    RedisConnector.Connected redis = RedisConnector.open(settings.redis());
    UnifiedJedis jedis = redis.jedis();
    RedisBatcher batcher = redis.batcher("accounting");
    var notices = new RedisInvalidations(jedis, "kampung:");
    var overrides = new OverrideCache(new RedisSubscriberStore(jedis), clock, notices);
    var ledger =
        new RedisQuotaLedger(
            jedis,
            batcher,
            zones,
            new OverrideLimitsSource(limits, withBypass(overrides)),
            clock,
            settings.nearCacheStaleMillis(),
            registry,
            Ticker.systemTicker(),
            sessionRetention);
    var nasState = new RedisNasStateStore(jedis);
    var deviceLists = new RedisDeviceListStore(jedis, notices);
    log.info(
        "Redis store at {}; accounting acknowledged after {} replica(s)",
        settings.redis().describe(),
        settings.redis().minReplicasAcked());
    return new Bundle(
        ledger,
        overrides,
        new RedisVoucherStore(jedis),
        new RedisSessionStore(jedis, batcher),
        new RedisLoginTokenStore(jedis),
        nasState,
        new RedisRememberedDeviceStore(jedis, notices),
        new RedisSessionCommands(jedis, clock),
        new RedisFailureCounters(jedis),
        new RedisSigningKeyStore(jedis, "kampung:"),
        notices,
        new RedisFailedLogins(jedis),
        new RedisHotspotSightings(jedis),
        new RedisMonthlyRollups(jedis),
        deviceLists,
        () -> ping(jedis),
        () -> {
          overrides.close();
          deviceLists.close();
          notices.close();
          nasState.close();
          batcher.close();
          ledger.close();
          jedis.close();
        });
  }

  /** Subscribers' overrides, and no villager limits for a bypass device's sessions. */
  private static Function<String, QuotaOverride> withBypass(OverrideCache overrides) {
    return userId ->
        BypassDevice.isBypassUser(userId)
            ? BypassDevice.NO_VILLAGER_LIMITS
            : overrides.overrideOf(userId);
  }

  private static boolean ping(UnifiedJedis jedis) {
    try {
      return "PONG".equalsIgnoreCase(jedis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Each village's zone; an unknown village counts in the regency's zone. */
  public static Function<String, ZoneId> villageZones(KampungConfig config) {
    ZoneId fallback = config.regency() == null ? Village.DEFAULT_ZONE : config.regency().timeZone();
    return id -> config.village(id).map(Village::timeZone).orElse(fallback);
  }

  private record Bundle(
      org.smartkampung.core.quota.QuotaLedger ledger,
      SubscriberStore subscribers,
      org.smartkampung.core.voucher.VoucherStore vouchers,
      org.smartkampung.core.session.SessionStore sessions,
      org.smartkampung.core.login.LoginTokenStore loginTokens,
      org.smartkampung.core.nas.NasStateStore nasState,
      org.smartkampung.core.login.RememberedDeviceStore rememberedDevices,
      org.smartkampung.core.session.SessionCommands sessionCommands,
      org.smartkampung.core.throttle.FailureCounters failureCounters,
      org.smartkampung.core.signing.SigningKeyStore signingKeys,
      Invalidations invalidations,
      org.smartkampung.core.login.FailedLogins failedLogins,
      org.smartkampung.core.health.HotspotSightings hotspotSightings,
      org.smartkampung.core.report.MonthlyRollups monthlyRollups,
      org.smartkampung.core.device.DeviceListStore deviceLists,
      java.util.function.BooleanSupplier readiness,
      Runnable closer)
      implements KampungStores {
    @Override
    public boolean ready() {
      return readiness.getAsBoolean();
    }

    @Override
    public void close() {
      closer.run();
    }
  }
}
