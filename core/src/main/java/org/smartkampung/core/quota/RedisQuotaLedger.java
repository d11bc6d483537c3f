package org.smartkampung.core.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.redis.RedisBatcher;
import org.smartkampung.core.redis.RedisScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * The quota ledger on Redis (standalone, Sentinel or Cluster). Each operation is one round trip: a
 * Lua script run with EVALSHA over keys that all carry the village hash tag {@code {v:<village>}}.
 * Period keys expire an hour after their period ends on the village's local calendar.
 *
 * <p>{@link #isExhausted} answers from a near-cache that every result of this instance refreshes;
 * an answer may be stale by at most {@code nearCacheStaleMillis}. Redis failures and timeouts come
 * back as {@link QuotaResult.StoreUnavailable}, counted in {@code kampung.store.failures}; latency
 * goes to the timer {@code kampung.store.latency}, both tagged {@code op}.
 */
public final class RedisQuotaLedger implements QuotaLedger {

  private static final Logger log = LoggerFactory.getLogger(RedisQuotaLedger.class);

  static final String SCRIPT_RESOURCE = "ledger.lua";

  /** Old periods stay readable this long after they end (late records, clock skew, reports). */
  static final long PERIOD_GRACE_SECONDS = 3600;

  /**
   * A session's record lives this long after its last change (open: its last record; closed: its
   * close), and so does a devices hash after its last Start. The lost-session sweep closes an open
   * session long before.
   */
  static final long SESSION_TTL_SECONDS = CLOSED_SESSION_RETENTION_HOURS * 3600L;

  /** Sessions closed per script call in {@link #closeAll}. */
  static final int CLOSE_CHUNK = 500;

  /** A villager's totals live this long after their last charge. */
  static final long TOTAL_TTL_SECONDS = TOTAL_RETENTION_DAYS * 24 * 3600L;

  /** Hourly village counters live this long after their last charge. */
  static final long HOUR_TTL_SECONDS = HOURLY_RETENTION_DAYS * 24 * 3600L;

  private enum Op {
    CHARGE("charge"),
    RECORD("record"),
    CLOSE("close"),
    CHECK("check"),
    RESERVE("reserve"),
    EXHAUSTED("check");

    final String scriptOp;

    Op(String scriptOp) {
      this.scriptOp = scriptOp;
    }
  }

  private record UserKey(String villageId, String userId) {}

  private final UnifiedJedis jedis;
  private final RedisBatcher batcher;
  private final QuotaCalendar calendar;
  private final LimitsSource limits;
  private final Clock clock;
  private final long sessionTtlSeconds;
  private final RedisScript script;

  /** The counters each result of this instance last showed, per village and per user. */
  private final Cache<String, Usage> villageUsage;

  private final Cache<UserKey, Usage> userUsage;
  private final Map<Op, Timer> latency = new EnumMap<>(Op.class);
  private final Map<Op, Counter> failures = new EnumMap<>(Op.class);

  /** As the full constructor, with the near-cache on the system ticker. */
  public RedisQuotaLedger(
      UnifiedJedis jedis,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock,
      long nearCacheStaleMillis,
      MeterRegistry registry) {
    this(jedis, null, zones, limits, clock, nearCacheStaleMillis, registry, Ticker.systemTicker());
  }

  /** As the full constructor, with the near-cache on the system ticker. */
  public RedisQuotaLedger(
      UnifiedJedis jedis,
      RedisBatcher batcher,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock,
      long nearCacheStaleMillis,
      MeterRegistry registry) {
    this(
        jedis,
        batcher,
        zones,
        limits,
        clock,
        nearCacheStaleMillis,
        registry,
        Ticker.systemTicker());
  }

  /**
   * Creates the ledger and loads its script (a failure here is logged; the script is loaded again
   * on first use).
   *
   * @param jedis client shared with the other Redis stores; not closed by {@link #close()}
   * @param batcher pipelines the asynchronous operations; null runs them as the blocking ones do.
   *     Not closed by {@link #close()}
   * @param zones the time zone of each village, for its days and months
   * @param limits the standing limits, only for the near-cache; charges count without them
   * @param clock source of the current period
   * @param nearCacheStaleMillis longest time an "exhausted or not" answer is served from memory
   * @param registry where latency and failures are counted
   * @param ticker the near-cache's time source (a fake one in tests)
   */
  public RedisQuotaLedger(
      UnifiedJedis jedis,
      RedisBatcher batcher,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock,
      long nearCacheStaleMillis,
      MeterRegistry registry,
      Ticker ticker) {
    this(
        jedis,
        batcher,
        zones,
        limits,
        clock,
        nearCacheStaleMillis,
        registry,
        ticker,
        Duration.ofSeconds(SESSION_TTL_SECONDS));
  }

  /**
   * As the constructor above, keeping a session's record {@code sessionRetention} after its last
   * change instead of {@link #SESSION_TTL_SECONDS} (tests of what expires).
   */
  public RedisQuotaLedger(
      UnifiedJedis jedis,
      RedisBatcher batcher,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock,
      long nearCacheStaleMillis,
      MeterRegistry registry,
      Ticker ticker,
      Duration sessionRetention) {
    this.sessionTtlSeconds = Math.max(1, sessionRetention.toSeconds());
    this.jedis = Objects.requireNonNull(jedis, "jedis");
    this.batcher = batcher;
    this.calendar = new QuotaCalendar(zones);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.script = RedisScript.fromResource(RedisQuotaLedger.class, SCRIPT_RESOURCE);
    Duration stale = Duration.ofMillis(nearCacheStaleMillis);
    this.villageUsage =
        Caffeine.newBuilder()
            .expireAfterWrite(stale)
            .ticker(ticker)
            .maximumSize(10_000)
            // Maintenance on the caller's thread: on a 2-core box a pool thread woken after
            // every charge costs more than the few entries it would evict.
            .executor(Runnable::run)
            .build();
    this.userUsage =
        Caffeine.newBuilder()
            .expireAfterWrite(stale)
            .ticker(ticker)
            .maximumSize(1_000_000)
            .executor(Runnable::run)
            .build();
    for (Op op : Op.values()) {
      String tag = op.name().toLowerCase(java.util.Locale.ROOT);
      latency.put(
          op,
          Timer.builder("kampung.store.latency")
              .description("Time of one quota ledger round trip to the store")
              .tag("store", "redis")
              .tag("op", tag)
              .publishPercentileHistogram()
              .register(registry));
      failures.put(
          op,
          Counter.builder("kampung.store.failures")
              .description("Quota ledger operations the store failed or did not answer in time")
              .tag("store", "redis")
              .tag("op", tag)
              .register(registry));
    }
  }

  @Override
  public QuotaResult charge(
      SessionKey session, long deltaInBytes, long deltaOutBytes, long deltaSeconds) {
    return run(Op.CHARGE, session, new SessionCounters(deltaInBytes, deltaOutBytes, deltaSeconds));
  }

  @Override
  public QuotaResult record(SessionKey session, AccountingEvent event) {
    return run(Op.RECORD, session, event);
  }

  /** {@inheritDoc} Sent in the batcher's next pipeline when there is one. */
  @Override
  public CompletableFuture<QuotaResult> recordAsync(SessionKey session, AccountingEvent event) {
    return batcher == null
        ? QuotaLedger.super.recordAsync(session, event)
        : runBatched(Op.RECORD, session, event);
  }

  @Override
  public QuotaResult close(SessionKey session) {
    return run(Op.CLOSE, session, SessionCounters.ZERO);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One script call closes up to {@link #CLOSE_CHUNK} sessions of one village; the calls go in
   * the batcher's pipelines when there is one.
   */
  @Override
  public CompletableFuture<Boolean> closeAll(List<SessionKey> sessions) {
    Map<String, List<SessionKey>> byVillage = new LinkedHashMap<>();
    sessions.forEach(s -> byVillage.computeIfAbsent(s.villageId(), v -> new ArrayList<>()).add(s));
    List<CompletableFuture<Object>> calls = new ArrayList<>();
    String now = Long.toString(clock.millis());
    for (List<SessionKey> village : byVillage.values()) {
      for (int from = 0; from < village.size(); from += CLOSE_CHUNK) {
        List<SessionKey> chunk =
            village.subList(from, Math.min(village.size(), from + CLOSE_CHUNK));
        List<String> keys = new ArrayList<>(2 * chunk.size());
        List<String> args = new ArrayList<>(3 + 2 * chunk.size());
        args.add("closemany");
        args.add(now);
        args.add(Long.toString(sessionTtlSeconds));
        for (SessionKey s : chunk) {
          String tag = "{v:" + s.villageId() + "}:";
          keys.add(tag + "dev:" + s.userId());
          keys.add(tag + "s:" + s.sessionId());
          args.add(Objects.requireNonNullElse(s.deviceId(), ""));
          args.add(s.sessionId());
        }
        calls.add(
            batcher == null
                ? CompletableFuture.supplyAsync(() -> script.run(jedis, keys, args), Runnable::run)
                : script.runBatched(batcher, keys, args));
      }
    }
    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
        .handle(
            (done, error) -> {
              if (error != null) {
                failures.get(Op.CLOSE).increment();
                log.warn("Closing {} sessions failed: {}", sessions.size(), error.toString());
                return false;
              }
              return true;
            });
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@link Usage#userDevices()} counts the villager's devices online other than {@code
   * deviceId}, so the device may join while it is below {@link Limits#maxDevices()}.
   */
  @Override
  public QuotaResult check(String villageId, String userId, String deviceId) {
    return run(Op.CHECK, new SessionKey(villageId, userId, deviceId, ""), SessionCounters.ZERO);
  }

  @Override
  public boolean reserveDevice(String villageId, String userId, String deviceId, int maxDevices) {
    long started = System.nanoTime();
    SessionKey session = new SessionKey(villageId, userId, deviceId, "");
    try {
      Call call = prepare(Op.RESERVE, session, null, maxDevices);
      List<?> reply = (List<?>) script.run(jedis, call.keys(), call.args());
      return ((Long) reply.get(7)) == 1L;
    } catch (RuntimeException e) {
      failed(Op.RESERVE, session, e);
      throw new StoreUnavailableException("Redis device reservation failed: " + e.getMessage(), e);
    } finally {
      latency.get(Op.RESERVE).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>On a cache miss asks Redis once. When Redis does not answer, says false (not known to be
   * exhausted) without caching, so accounting keeps deciding on fresh data.
   */
  @Override
  public boolean isExhausted(String villageId, String userId) {
    Usage village = villageUsage.getIfPresent(villageId);
    Usage user = userUsage.getIfPresent(new UserKey(villageId, userId));
    if (village != null || user != null) {
      Limits standing = limits.limitsFor(villageId, userId);
      if (village != null && standing.villageExhausted(village)) {
        return true;
      }
      if (user != null && standing.userExhausted(user)) {
        return true;
      }
      if (village != null && user != null) {
        return false;
      }
    }
    QuotaResult result =
        run(Op.EXHAUSTED, new SessionKey(villageId, userId, "", ""), SessionCounters.ZERO);
    if (!(result instanceof QuotaResult.Ok ok)) {
      return false;
    }
    Limits standing = limits.limitsFor(villageId, userId);
    return standing.userExhausted(ok.usage()) || standing.villageExhausted(ok.usage());
  }

  /** Does not close the shared client; its owner does. */
  @Override
  public void close() {
    villageUsage.invalidateAll();
    userUsage.invalidateAll();
  }

  /** The keys an operation on this session touches, in the script's KEYS order. */
  static List<String> keys(SessionKey session, QuotaPeriods periods, String hourKey) {
    String tag = "{v:" + session.villageId() + "}:";
    return List.of(
        tag + "vd:" + periods.dayKey(),
        tag + "vm:" + periods.monthKey(),
        tag + "ud:" + periods.dayKey() + ":" + session.userId(),
        tag + "dev:" + session.userId(),
        tag + "s:" + session.sessionId(),
        hourKey(session.villageId(), hourKey),
        tag + "ut:" + session.userId());
  }

  /** The key of a village's hourly counter; {@code hourKey} is the local hour as yyyyMMddHH. */
  static String hourKey(String villageId, String hourKey) {
    return "{v:" + villageId + "}:vh:" + hourKey;
  }

  /**
   * {@inheritDoc}
   *
   * <p>One MGET over keys that share the village hash tag (so one slot on a cluster).
   */
  @Override
  public Map<LocalDateTime, Long> hourlyBytes(String villageId, LocalDateTime fromHour, int hours) {
    requireHours(hours);
    LocalDateTime first = fromHour.truncatedTo(ChronoUnit.HOURS);
    String[] keys = new String[hours];
    for (int i = 0; i < hours; i++) {
      keys[i] = hourKey(villageId, first.plusHours(i).format(QuotaCalendar.HOUR));
    }
    List<String> values;
    try {
      values = jedis.mget(keys);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("Redis hourly usage read failed: " + e.getMessage(), e);
    }
    Map<LocalDateTime, Long> bytes = new LinkedHashMap<>();
    for (int i = 0; i < hours; i++) {
      String value = values.get(i);
      bytes.put(first.plusHours(i), value == null ? 0L : Long.parseLong(value));
    }
    return bytes;
  }

  static void requireHours(int hours) {
    if (hours < 1 || hours > HOURLY_RETENTION_DAYS * 24) {
      throw new IllegalArgumentException(
          "hours must be 1 to " + HOURLY_RETENTION_DAYS * 24 + ": " + hours);
    }
  }

  private QuotaResult run(Op op, SessionKey session, SessionCounters counters) {
    return run(op, session, new AccountingEvent(AccountingEvent.Kind.INTERIM, counters, 0));
  }

  private QuotaResult run(Op op, SessionKey session, AccountingEvent event) {
    long started = System.nanoTime();
    try {
      Call call = prepare(op, session, event, 0);
      return ok(session, script.run(jedis, call.keys(), call.args()));
    } catch (RuntimeException e) {
      return failed(op, session, e);
    } finally {
      latency.get(op).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  /** As {@link #run}, sent in the batcher's next pipeline; never completes exceptionally. */
  private CompletableFuture<QuotaResult> runBatched(
      Op op, SessionKey session, AccountingEvent event) {
    long started = System.nanoTime();
    Call call;
    try {
      call = prepare(op, session, event, 0);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failed(op, session, e));
    }
    return script
        .runBatched(batcher, call.keys(), call.args())
        .handle(
            (reply, error) -> {
              latency.get(op).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
              if (error != null) {
                return failed(op, session, unwrap(error));
              }
              try {
                return ok(session, reply);
              } catch (RuntimeException e) {
                return failed(op, session, e);
              }
            });
  }

  private record Call(List<String> keys, List<String> args) {}

  private Call prepare(Op op, SessionKey session, AccountingEvent event, int maxDevices) {
    Instant now = clock.instant();
    QuotaPeriods periods = calendar.periods(session.villageId(), now);
    List<String> keys = keys(session, periods, calendar.hourKey(session.villageId(), now));
    SessionCounters counters = event == null ? SessionCounters.ZERO : event.totals();
    long nowMillis = now.toEpochMilli();
    long eventMillis = event == null ? nowMillis : nowMillis - event.delaySeconds() * 1000;
    List<String> args =
        List.of(
            op.scriptOp,
            Long.toString(counters.inBytes()),
            Long.toString(counters.outBytes()),
            Long.toString(counters.seconds()),
            Objects.requireNonNullElse(session.deviceId(), ""),
            Objects.requireNonNullElse(session.sessionId(), ""),
            Long.toString(periods.secondsUntilDayEnd(now) + PERIOD_GRACE_SECONDS),
            Long.toString(periods.secondsUntilMonthEnd(now) + PERIOD_GRACE_SECONDS),
            Long.toString(sessionTtlSeconds),
            Long.toString(HOUR_TTL_SECONDS),
            Long.toString(TOTAL_TTL_SECONDS),
            event == null ? "" : event.kind().name().toLowerCase(Locale.ROOT),
            Long.toString(eventMillis),
            Long.toString(nowMillis),
            Integer.toString(maxDevices),
            Long.toString(nowMillis + DEVICE_RESERVATION_SECONDS * 1000L));
    return new Call(keys, args);
  }

  private QuotaResult ok(SessionKey session, Object scriptReply) {
    List<?> reply = (List<?>) scriptReply;
    Usage usage =
        new Usage(
            (Long) reply.get(0),
            (Long) reply.get(1),
            (Long) reply.get(2),
            (Long) reply.get(3),
            Math.toIntExact((Long) reply.get(4)),
            (Long) reply.get(5),
            (Long) reply.get(6));
    // Only the counters: the limits are looked up when asked, never on the pipeline's thread.
    villageUsage.put(session.villageId(), usage);
    userUsage.put(new UserKey(session.villageId(), session.userId()), usage);
    return new QuotaResult.Ok(usage, ((Long) reply.get(8)) == 1L);
  }

  private QuotaResult failed(Op op, SessionKey session, Throwable e) {
    failures.get(op).increment();
    log.debug("Quota {} for village {} failed", op, session.villageId(), e);
    return new QuotaResult.StoreUnavailable(
        "Redis " + op.name().toLowerCase(java.util.Locale.ROOT) + " failed: " + e.getMessage());
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /** The SHA-1 under which Redis knows the ledger script (for benchmarks and tests). */
  public String scriptSha() {
    return script.sha();
  }

  /** The ledger script's source (for benchmarks running the same script with redis-benchmark). */
  public static String scriptSource() {
    return RedisScript.fromResource(RedisQuotaLedger.class, SCRIPT_RESOURCE).source();
  }
}
