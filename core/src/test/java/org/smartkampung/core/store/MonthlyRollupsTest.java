package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.report.MonthRollup;
import org.smartkampung.core.report.MonthlyRollups;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

/**
 * Monthly rollups: a day rewritten replaces itself, villagers and devices count once, and the month
 * outlives a restart (embedded) and is kept 13 months or more (Redis TTL).
 */
class MonthlyRollupsTest {

  static final YearMonth NOV = YearMonth.of(2026, 11);

  @TempDir Path dir;

  private static long[] hours(int hour, long bytes) {
    long[] h = new long[24];
    h[hour] = bytes;
    return h;
  }

  private static void fill(MonthlyRollups rollups, String village) {
    rollups.putDay(village, LocalDate.of(2026, 11, 3), hours(19, 500));
    rollups.putDay(village, LocalDate.of(2026, 11, 3), hours(19, 700)); // the day again, later
    rollups.putDay(village, LocalDate.of(2026, 11, 20), hours(8, 300));
    rollups.putDay(village, LocalDate.of(2026, 12, 1), hours(8, 9_999)); // another month
    rollups.activity(village, NOV, "warga", "aa:01", true);
    rollups.activity(village, NOV, "warga", "aa:02", true);
    rollups.activity(village, NOV, "sri", "aa:01", false);
    rollups.availability(village, NOV, 600, 540);
  }

  private static void assertNovember(MonthRollup m) {
    assertThat(m.bytes()).isEqualTo(1_000);
    assertThat(m.peakHour()).isEqualTo(19);
    assertThat(m.users()).isEqualTo(2);
    assertThat(m.devices()).isEqualTo(2);
    assertThat(m.sessions()).isEqualTo(2);
    assertThat(m.availability()).isEqualTo(0.9);
  }

  @Test
  void embeddedMonthsSurviveARestart() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    EmbeddedMonthlyRollups first = new EmbeddedMonthlyRollups(dir, clock);
    fill(first, "kemiren");
    first.close();

    clock.set(Instant.parse("2027-12-28T12:00:00Z")); // 13 months on
    EmbeddedMonthlyRollups again = new EmbeddedMonthlyRollups(dir, clock);
    again.flush();
    assertNovember(again.month("kemiren", NOV));
    assertThat(again.month("kemiren", YearMonth.of(2026, 10)).bytes()).isZero();
  }

  @Test
  void distinctVillagersAndDevicesStopAtTheBoundWhateverAFloodSends() {
    String village = "desa-" + UUID.randomUUID().toString().substring(0, 8);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    for (MonthlyRollups rollups :
        List.of(
            new EmbeddedMonthlyRollups(dir, clock),
            new RedisMonthlyRollups(RedisTestServer.client()))) {
      for (int i = 0; i < MonthlyRollups.MAX_DISTINCT + 50; i++) {
        rollups.activity(village, NOV, "u" + i, "d" + i, true);
      }
      MonthRollup m = rollups.month(village, NOV);
      assertThat(m.users()).isEqualTo(MonthlyRollups.MAX_DISTINCT);
      assertThat(m.devices()).isEqualTo(MonthlyRollups.MAX_DISTINCT);
      assertThat(m.sessions()).isEqualTo(MonthlyRollups.MAX_DISTINCT + 50);
    }
  }

  @Test
  void redisKeepsTheMonthAtLeastThirteenMonths() {
    String village = "desa-" + UUID.randomUUID().toString().substring(0, 8);
    RedisMonthlyRollups rollups = new RedisMonthlyRollups(RedisTestServer.client());
    fill(rollups, village);
    assertNovember(rollups.month(village, NOV));
    try (UnifiedJedis jedis = RedisTestServer.client()) {
      long thirteenMonths = 13L * 31 * 24 * 3600;
      for (String key :
          new String[] {
            RedisMonthlyRollups.key(village, NOV),
            RedisMonthlyRollups.key(village, NOV) + ":users",
            RedisMonthlyRollups.key(village, NOV) + ":devices"
          }) {
        assertThat(jedis.ttl(key)).as(key).isGreaterThan(thirteenMonths);
      }
    }
  }
}
