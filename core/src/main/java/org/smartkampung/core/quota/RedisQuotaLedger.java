package org.smartkampung.core.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.redis.RedisBatcher;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

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
   * Session counters and the devices set outlive a missed Accounting-Stop by this long. Interims
   * refresh the session key; a device whose Stop was lost frees its slot after this at the latest.
   */
  static final long SESSION_TTL_SECONDS = 2 * 24 * 3600;

  /** A villager's totals live this long after their last charge. */
  static final long TOTAL_TTL_SECONDS = TOTAL_RETENTION_DAYS * 24 * 3600L;

  /** Hourly village counters live this long after their last charge. */
  static final long HOUR_TTL_SECONDS = HOURLY_RETENTION_DAYS * 24 * 3600L;

  private enum Op {
    CHARGE("charge"),
    ACCOUNT("account"),
    CHECK("check"),
    START("start"),
    END("end"),
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
  private final String script;
  private final String sha;
  private final Cache<String, Boolean> villageExhausted;
  private final Cache<UserKey, Boolean> userExhausted;
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
   * @param limits the limits that apply now
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
    this.jedis = Objects.requireNonNull(jedis, "jedis");
    this.batcher = batcher;
    this.calendar = new QuotaCalendar(zones);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.script = readScript();
    this.sha = sha1(script);
    Duration stale = Duration.ofMillis(nearCacheStaleMillis);
    this.villageExhausted =
        Caffeine.newBuilder()
            .expireAfterWrite(stale)
            .ticker(ticker)
            .maximumSize(10_000)
            // Maintenance on the caller's thread: on a 2-core box a pool thread woken after
            // every charge costs more than the few entries it would evict.
            .executor(Runnable::run)
            .build();
    this.userExhausted =
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
    try {
      jedis.scriptLoad(script);
    } catch (RuntimeException e) {
      log.warn(
          "Could not load the quota script into Redis yet ({}); will load it on first use",
          e.toString());
    }
  }

  @Override
  public QuotaResult charge(
      SessionKey session, long deltaInBytes, long deltaOutBytes, long deltaSeconds) {
    requireNotNegative(deltaInBytes, deltaOutBytes, deltaSeconds);
    return run(Op.CHARGE, session, deltaInBytes, deltaOutBytes, deltaSeconds);
  }

  @Override
  public QuotaResult account(
      SessionKey session, long totalInBytes, long totalOutBytes, long totalSeconds) {
    requireNotNegative(totalInBytes, totalOutBytes, totalSeconds);
    return run(Op.ACCOUNT, session, totalInBytes, totalOutBytes, totalSeconds);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@link Usage#userDevices()} counts the villager's devices online other than {@code
   * deviceId}, so the device may join while it is below {@link Limits#maxDevices()}.
   */
  @Override
  public QuotaResult check(String villageId, String userId, String deviceId) {
    return run(Op.CHECK, new SessionKey(villageId, userId, deviceId, ""), 0, 0, 0);
  }

  @Override
  public QuotaResult sessionStarted(SessionKey session) {
    return run(Op.START, session, 0, 0, 0);
  }

  @Override
  public QuotaResult sessionEnded(SessionKey session) {
    return run(Op.END, session, 0, 0, 0);
  }

  /** {@inheritDoc} Sent in the batcher's next pipeline when there is one. */
  @Override
  public CompletableFuture<QuotaResult> accountAsync(
      SessionKey session, long totalInBytes, long totalOutBytes, long totalSeconds) {
    requireNotNegative(totalInBytes, totalOutBytes, totalSeconds);
    return batcher == null
        ? QuotaLedger.super.accountAsync(session, totalInBytes, totalOutBytes, totalSeconds)
        : runBatched(Op.ACCOUNT, session, totalInBytes, totalOutBytes, totalSeconds);
  }

  /** {@inheritDoc} Sent in the batcher's next pipeline when there is one. */
  @Override
  public CompletableFuture<QuotaResult> sessionStartedAsync(SessionKey session) {
    return batcher == null
        ? QuotaLedger.super.sessionStartedAsync(session)
        : runBatched(Op.START, session, 0, 0, 0);
  }

  /**
   * {@inheritDoc}
   *
   * <p>On a cache miss asks Redis once. When Redis does not answer, says false (not known to be
   * exhausted) without caching, so accounting keeps deciding on fresh data.
   */
  @Override
  public boolean isExhausted(String villageId, String userId) {
    Boolean village = villageExhausted.getIfPresent(villageId);
    if (Boolean.TRUE.equals(village)) {
      return true;
    }
    Boolean user = userExhausted.getIfPresent(new UserKey(villageId, userId));
    if (user != null && village != null) {
      return user;
    }
    if (Boolean.TRUE.equals(user)) {
      return true;
    }
    QuotaResult result = run(Op.EXHAUSTED, new SessionKey(villageId, userId, "", ""), 0, 0, 0);
    return result instanceof QuotaResult.Ok ok
        && (ok.usage().userExhausted() || ok.usage().villageExhausted());
  }

  /** Does not close the shared client; its owner does. */
  @Override
  public void close() {
    villageExhausted.invalidateAll();
    userExhausted.invalidateAll();
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

  private QuotaResult run(Op op, SessionKey session, long in, long out, long seconds) {
    long started = System.nanoTime();
    try {
      Call call = prepare(op, session, in, out, seconds);
      return ok(session, evalsha(call.keys(), call.args()));
    } catch (RuntimeException e) {
      return failed(op, session, e);
    } finally {
      latency.get(op).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  /** As {@link #run}, sent in the batcher's next pipeline; never completes exceptionally. */
  private CompletableFuture<QuotaResult> runBatched(
      Op op, SessionKey session, long in, long out, long seconds) {
    long started = System.nanoTime();
    Call call;
    try {
      call = prepare(op, session, in, out, seconds);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failed(op, session, e));
    }
    return batcher
        .submit(pipeline -> pipeline.evalsha(sha, call.keys(), call.args()))
        .exceptionallyCompose(
            e -> {
              if (!(unwrap(e) instanceof JedisNoScriptException)) {
                return CompletableFuture.failedFuture(e);
              }
              log.info("Redis lost the quota script; loading it again");
              return CompletableFuture.supplyAsync(
                  () -> {
                    jedis.scriptLoad(script, call.keys().get(0));
                    return jedis.evalsha(sha, call.keys(), call.args());
                  });
            })
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

  private Call prepare(Op op, SessionKey session, long in, long out, long seconds) {
    Instant now = clock.instant();
    QuotaPeriods periods = calendar.periods(session.villageId(), now);
    List<String> keys = keys(session, periods, calendar.hourKey(session.villageId(), now));
    List<String> args =
        List.of(
            op.scriptOp,
            Long.toString(in),
            Long.toString(out),
            Long.toString(seconds),
            Objects.requireNonNullElse(session.deviceId(), ""),
            Objects.requireNonNullElse(session.sessionId(), ""),
            Long.toString(periods.secondsUntilDayEnd(now) + PERIOD_GRACE_SECONDS),
            Long.toString(periods.secondsUntilMonthEnd(now) + PERIOD_GRACE_SECONDS),
            Long.toString(SESSION_TTL_SECONDS),
            Long.toString(HOUR_TTL_SECONDS),
            Long.toString(TOTAL_TTL_SECONDS));
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
            limits.limitsFor(session.villageId(), session.userId()),
            (Long) reply.get(5),
            (Long) reply.get(6));
    villageExhausted.put(session.villageId(), usage.villageExhausted());
    userExhausted.put(new UserKey(session.villageId(), session.userId()), usage.userExhausted());
    return new QuotaResult.Ok(usage);
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

  private Object evalsha(List<String> keys, List<String> args) {
    try {
      return jedis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      // SCRIPT FLUSH, a restart or a failover to a replica that never saw the script.
      log.info("Redis lost the quota script; loading it again");
      jedis.scriptLoad(script, keys.get(0));
      return jedis.evalsha(sha, keys, args);
    }
  }

  private static void requireNotNegative(long in, long out, long seconds) {
    if (in < 0 || out < 0 || seconds < 0) {
      throw new IllegalArgumentException(
          "counters must not be negative: in=" + in + " out=" + out + " seconds=" + seconds);
    }
  }

  private static String readScript() {
    try (InputStream stream = RedisQuotaLedger.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (stream == null) {
        throw new IllegalStateException("missing resource " + SCRIPT_RESOURCE);
      }
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }

  /** The SHA-1 under which Redis knows the ledger script (for benchmarks and tests). */
  public String scriptSha() {
    return sha;
  }

  /** The ledger script's source (for benchmarks running the same script with redis-benchmark). */
  public static String scriptSource() {
    return readScript();
  }
}
