package org.smartkampung.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.HotspotHealthSettings;
import org.smartkampung.core.quota.OpeningHours;

/** States from the last sighting, counting silence only while the village is open. */
class HotspotHealthTest {

  static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  static final HotspotHealthSettings THRESHOLDS = new HotspotHealthSettings(15, 30, null, 60, null);
  static final OpeningHours DAYTIME = OpeningHours.parse("05:00-23:00");

  static Instant wib(String local) {
    return LocalDateTime.parse(local).atZone(WIB).toInstant();
  }

  static HotspotState state(String lastSeen, String now, OpeningHours hours) {
    return HotspotHealth.state(wib(lastSeen), wib(now), hours, WIB, THRESHOLDS);
  }

  @Test
  void openAllDaySilenceTurnsQuietThenDown() {
    assertThat(state("2026-11-28T19:00", "2026-11-28T19:14", OpeningHours.ALWAYS))
        .isEqualTo(HotspotState.UP);
    assertThat(state("2026-11-28T19:00", "2026-11-28T19:15", OpeningHours.ALWAYS))
        .isEqualTo(HotspotState.QUIET);
    assertThat(state("2026-11-28T19:00", "2026-11-28T19:30", OpeningHours.ALWAYS))
        .isEqualTo(HotspotState.DOWN);
    assertThat(HotspotHealth.state(null, wib("2026-11-28T19:00"), DAYTIME, WIB, THRESHOLDS))
        .isEqualTo(HotspotState.NEVER_SEEN);
  }

  @Test
  void aHotspotRestingAtNightIsNeverDownAndTurnsDownOnlyAfterSilentMorningMinutes() {
    // Last heard at 22:50, ten minutes before closing: all night it has only 10 silent minutes.
    assertThat(state("2026-11-28T22:50", "2026-11-29T03:00", DAYTIME)).isEqualTo(HotspotState.UP);
    assertThat(state("2026-11-28T22:50", "2026-11-29T05:04", DAYTIME)).isEqualTo(HotspotState.UP);
    assertThat(state("2026-11-28T22:50", "2026-11-29T05:05", DAYTIME))
        .isEqualTo(HotspotState.QUIET);
    assertThat(state("2026-11-28T22:50", "2026-11-29T05:20", DAYTIME)).isEqualTo(HotspotState.DOWN);
  }

  @Test
  void hoursPastMidnightCountTheWholeWindow() {
    OpeningHours evening = OpeningHours.parse("16:00-02:00");
    assertThat(
            HotspotHealth.openSilence(
                wib("2026-11-28T12:00"), wib("2026-11-29T12:00"), evening, WIB))
        .isEqualTo(Duration.ofHours(10));
    assertThat(state("2026-11-29T01:50", "2026-11-29T15:00", evening)).isEqualTo(HotspotState.UP);
    assertThat(state("2026-11-29T01:50", "2026-11-29T16:20", evening)).isEqualTo(HotspotState.DOWN);
  }
}
