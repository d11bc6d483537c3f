package org.smartkampung.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

class RedisQuotaLedgerTest extends NasRetriesContract {

  private static UnifiedJedis jedis;

  final MeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  static void connect() {
    jedis = RedisConnector.connect(RedisTestServer.settings());
  }

  @AfterAll
  static void disconnect() {
    if (jedis != null) {
      jedis.close();
    }
  }

  static UnifiedJedis jedis() {
    return jedis;
  }

  @Override
  protected QuotaLedger newLedger(Clock clock, LimitsSource limits) {
    return new RedisQuotaLedger(jedis, v -> JAKARTA, limits, clock, 1_000, registry);
  }

  @Test
  void aStopAnsweredByOneServerAndRetriedAtAnotherChargesOnce() {
    QuotaLedger serverB = newLedger(clock, (v, u) -> limits);
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.record(s, AccountingEvent.start()).orThrow();
    clock.advance(Duration.ofMinutes(5));
    serverB.record(s, AccountingEvent.interim(150 * MB, 0, 300)).orThrow();
    clock.advance(Duration.ofMinutes(5));
    ledger.record(s, AccountingEvent.stop(200 * MB, 0, 600)).orThrow();
    clock.advance(Duration.ofSeconds(3));

    serverB.record(s, AccountingEvent.stop(200 * MB, 0, 600).delayed(3)).orThrow();

    assertThat(charged()).isEqualTo(200 * MB);
  }

  @Test
  void everyKeyOfASessionExpires() {
    SessionKey s = session("alice", "aa:01", "s-ttl");
    ledger.record(s, AccountingEvent.start()).orThrow();
    ledger.record(s, AccountingEvent.stop(MB, 0, 60)).orThrow();

    for (String key : jedis.keys("{v:" + village + "}:*")) {
      assertThat(jedis.ttl(key)).as(key).isPositive();
    }
  }

  @Test
  void aLongSessionRenewsItsRecordOnceAnHourNotOnEveryInterim() {
    SessionKey s = session("alice", "aa:01", "s-long");
    String record = "{v:" + village + "}:s:s-long";
    String devices = "{v:" + village + "}:dev:alice";
    ledger.record(s, AccountingEvent.start()).orThrow();
    // As if most of the record's time to live had gone by.
    jedis.expire(record, 100);
    jedis.expire(devices, 100);

    clock.advance(Duration.ofMinutes(1));
    ledger.record(s, AccountingEvent.interim(MB, 0, 60)).orThrow();
    assertThat(jedis.ttl(record))
        .as("an Interim in the same hour leaves it")
        .isLessThanOrEqualTo(100);

    clock.advance(Duration.ofHours(1));
    ledger.record(s, AccountingEvent.interim(2 * MB, 0, 3660)).orThrow();
    assertThat(jedis.ttl(record))
        .as("the first Interim of the next hour renews it")
        .isGreaterThan(RedisQuotaLedger.SESSION_TTL_SECONDS - 60);
    assertThat(jedis.ttl(devices)).isGreaterThan(RedisQuotaLedger.SESSION_TTL_SECONDS - 60);
    assertThat(charged()).isEqualTo(2 * MB);
  }

  @Test
  void chargeStillWorksAfterRedisForgetsTheScript() {
    ledger.charge(session("alice", "aa:01", "s1"), 100, 0, 0).orThrow();

    jedis.scriptFlush();

    assertThat(ledger.charge(session("alice", "aa:01", "s1"), 20, 0, 0).orThrow().userDayBytes())
        .isEqualTo(120);
    assertThat(jedis.scriptExists(((RedisQuotaLedger) ledger).scriptSha(), "any")).isTrue();
  }

  @Test
  void accountingStillWorksAfterRedisForgetsTheScript() throws Exception {
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.accountAsync(s, 100, 0, 0).get(5, TimeUnit.SECONDS).orThrow();

    jedis.scriptFlush();

    assertThat(ledger.accountAsync(s, 130, 0, 0).get(5, TimeUnit.SECONDS).orThrow().userDayBytes())
        .isEqualTo(130);
  }

  @Test
  void periodKeysExpireShortlyAfterTheirJakartaPeriodEnds() {
    // 10:00 WIB: the day ends in 14 h, the month at 1 December 00:00 WIB.
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.charge(s, 100, 0, 0).orThrow();
    ledger.account(s, 10, 0, 0).orThrow();
    ledger.sessionStarted(s).orThrow();
    List<String> keys = RedisQuotaLedger.keys(s, QuotaPeriods.at(MORNING, JAKARTA), "2026112810");

    long dayTtl = 14 * 3600 + RedisQuotaLedger.PERIOD_GRACE_SECONDS;
    long monthTtl = (2 * 24 + 14) * 3600 + RedisQuotaLedger.PERIOD_GRACE_SECONDS;
    assertThat(keys.get(0)).endsWith(":vd:20261128");
    assertThat(jedis.ttl(keys.get(0))).isBetween(dayTtl - 60, dayTtl);
    assertThat(keys.get(1)).endsWith(":vm:202611");
    assertThat(jedis.ttl(keys.get(1))).isBetween(monthTtl - 60, monthTtl);
    assertThat(jedis.ttl(keys.get(2))).isBetween(dayTtl - 60, dayTtl);
    assertThat(jedis.ttl(keys.get(3))).isPositive();
    assertThat(jedis.ttl(keys.get(4))).isPositive();
    assertThat(keys.get(5)).endsWith(":vh:2026112810");
    assertThat(jedis.get(keys.get(5))).isEqualTo("110");
    assertThat(jedis.ttl(keys.get(5)))
        .isBetween(RedisQuotaLedger.HOUR_TTL_SECONDS - 60, RedisQuotaLedger.HOUR_TTL_SECONDS);
  }

  @Test
  void allKeysOfAVillageShareItsHashTagAndClusterSlot() {
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.sessionStarted(s).orThrow();
    ledger.account(s, 10, 0, 0).orThrow();

    List<String> found = new ArrayList<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page =
          jedis.scan(cursor, new ScanParams().match("*" + village + "*").count(1000));
      found.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));

    assertThat(found).hasSize(7).allMatch(k -> k.startsWith("{v:" + village + "}:"));
    int slot = JedisClusterCRC16.getSlot(found.get(0));
    assertThat(found).allMatch(k -> JedisClusterCRC16.getSlot(k) == slot);
  }

  @Test
  void unreachableRedisAnswersStoreUnavailableAndCountsTheFailure() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    } // closed: nothing listens there now
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    try (UnifiedJedis dead = client(port, 300)) {
      RedisQuotaLedger down =
          new RedisQuotaLedger(dead, v -> JAKARTA, (v, u) -> limits, clock, 1_000, own);

      QuotaResult result =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10), () -> down.charge(session("a", "d", "s"), 1, 0, 0));

      assertThat(result).isInstanceOf(QuotaResult.StoreUnavailable.class);
      assertThat(down.isExhausted(village, "a")).isFalse();
      assertThat(own.get("kampung.store.failures").tag("op", "charge").counter().count())
          .isEqualTo(1);
      assertThat(own.get("kampung.store.latency").tag("op", "charge").timer().count()).isEqualTo(1);
    }
  }

  @Test
  void redisThatNeverAnswersTimesOutToStoreUnavailable() throws Exception {
    // Accepts connections and never replies, like a host that froze mid-failover.
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                while (!blackHole.isClosed()) {
                  try {
                    accepted.add(blackHole.accept());
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      try (UnifiedJedis frozen = client(blackHole.getLocalPort(), 300)) {
        RedisQuotaLedger stuck =
            new RedisQuotaLedger(frozen, v -> JAKARTA, (v, u) -> limits, clock, 1_000, registry);

        QuotaResult result =
            assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> stuck.account(session("a", "d", "s"), 1, 0, 0));

        assertThat(result).isInstanceOf(QuotaResult.StoreUnavailable.class);
      }
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void nearCacheAnswersStaleAtMostForTheConfiguredBound() {
    limits = new Limits(1_000, Limits.UNLIMITED, Limits.UNLIMITED, Limits.UNLIMITED, 3);
    AtomicLong nanos = new AtomicLong();
    RedisQuotaLedger instanceA =
        new RedisQuotaLedger(
            jedis, null, v -> JAKARTA, (v, u) -> limits, clock, 1_000, registry, nanos::get);
    RedisQuotaLedger instanceB =
        new RedisQuotaLedger(jedis, v -> JAKARTA, (v, u) -> limits, clock, 1_000, registry);

    instanceA.charge(session("alice", "aa:01", "s1"), 10, 0, 0).orThrow();
    assertThat(instanceA.isExhausted(village, "alice")).isFalse();

    assertThat(instanceB.charge(session("bob", "bb:01", "s2"), 990, 0, 0).orThrow())
        .matches(r -> limits.villageExhausted(r), "village exhausted on instance B");

    assertThat(instanceA.isExhausted(village, "alice")).isFalse();
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
    assertThat(instanceA.isExhausted(village, "alice")).isFalse();
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
    assertThat(instanceA.isExhausted(village, "alice")).isTrue();
    instanceA.close();
    instanceB.close();
  }

  @Test
  void isExhaustedOnACacheMissAsksRedisOnce() {
    limits = new Limits(Limits.UNLIMITED, Limits.UNLIMITED, 100, Limits.UNLIMITED, 3);
    QuotaLedger other = newLedger(clock, (v, u) -> limits);
    other.charge(session("alice", "aa:01", "s1"), 100, 0, 0).orThrow();

    assertThat(ledger.isExhausted(village, "alice")).isTrue();
    assertThat(ledger.isExhausted(village, "bob")).isFalse();
    assertThat(ledger.isExhausted(village, "alice")).isTrue();
    assertThat(registry.get("kampung.store.latency").tag("op", "exhausted").timer().count())
        .isEqualTo(2);
    other.close();
  }

  private static UnifiedJedis client(int port, int timeoutMillis) {
    return RedisClient.builder()
        .hostAndPort(new HostAndPort("127.0.0.1", port))
        .clientConfig(
            DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .build())
        .build();
  }
}
