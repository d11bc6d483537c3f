package org.smartkampung.radius.acct;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.radius.testing.RadiusHarness;

/** The session list's speed comes from the hotspot's Acct-Session-Time, not from our clock. */
class SessionRateTest {

  private static final Duration WAIT = Duration.ofSeconds(3);
  private static final int START = 1;
  private static final int INTERIM = 3;

  private final MutableClock clock = new MutableClock(Instant.now());

  @Test
  void interimsArrivingCloseTogetherShowTheRateOverTheSessionTimeTheHotspotReported()
      throws Exception {
    try (RadiusHarness h =
        new RadiusHarness(
            List.of(
                RadiusHarness.hotspot(
                    "mikrotik-yes",
                    "127.0.0.1",
                    NasType.MIKROTIK,
                    MessageAuthenticatorPolicy.YES,
                    0)),
            OpeningHours.ALWAYS,
            clock)) {
      String mac = "AA-BB-CC-DD-EE-01";
      long mb = 1_000_000;
      assertThat(
              h.exchange(
                  h.accountingRecord(START, "r1", mac, 0, 0, 0, 0), h.server.acctPort(), WAIT))
          .isPresent();
      // The hotspot was cut off for a while and sends its buffered interim 75 ms after the Start:
      // 150 MB in 600 s of session is 2 Mbit/s, not 16,000 Mbit/s.
      clock.advance(Duration.ofMillis(75));
      assertThat(
              h.exchange(
                  h.accountingRecord(INTERIM, "r1", mac, 100 * mb, 50 * mb, 600, 0),
                  h.server.acctPort(),
                  WAIT))
          .isPresent();

      Session s = h.stores.sessions().find("mikrotik-yes/r1").orElseThrow();
      assertThat(s.rateBitsPerSecond()).isEqualTo(2_000_000L);
    }
  }
}
