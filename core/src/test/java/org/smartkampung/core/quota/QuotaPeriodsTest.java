package org.smartkampung.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuotaPeriodsTest {

  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  @Test
  void lastSecondBeforeJakartaMidnightIsStillTheOldDay() {
    QuotaPeriods periods = QuotaPeriods.at(Instant.parse("2026-11-28T16:59:59Z"), JAKARTA);

    assertThat(periods.dayKey()).isEqualTo("20261128");
    assertThat(periods.monthKey()).isEqualTo("202611");
    assertThat(periods.secondsUntilDayEnd(Instant.parse("2026-11-28T16:59:59Z"))).isEqualTo(1);
  }

  @Test
  void jakartaMidnightStartsTheNextDayAt17Utc() {
    QuotaPeriods periods = QuotaPeriods.at(Instant.parse("2026-11-28T17:00:00Z"), JAKARTA);

    assertThat(periods.dayKey()).isEqualTo("20261129");
    assertThat(periods.dayEndEpochSecond())
        .isEqualTo(Instant.parse("2026-11-29T17:00:00Z").getEpochSecond());
  }

  @Test
  void monthEndsAtJakartaMidnightOfTheFirst() {
    Instant lastSecond = Instant.parse("2026-12-31T16:59:59Z");
    QuotaPeriods december = QuotaPeriods.at(lastSecond, JAKARTA);
    QuotaPeriods january = QuotaPeriods.at(lastSecond.plusSeconds(1), JAKARTA);

    assertThat(december.monthKey()).isEqualTo("202612");
    assertThat(december.secondsUntilMonthEnd(lastSecond)).isEqualTo(1);
    assertThat(january.monthKey()).isEqualTo("202701");
    assertThat(january.dayKey()).isEqualTo("20270101");
  }

  @Test
  void sameInstantFallsOnDifferentDaysInDifferentZones() {
    Instant instant = Instant.parse("2026-11-28T20:00:00Z");

    assertThat(QuotaPeriods.at(instant, JAKARTA).dayKey()).isEqualTo("20261129");
    assertThat(QuotaPeriods.at(instant, ZoneId.of("UTC")).dayKey()).isEqualTo("20261128");
  }
}
