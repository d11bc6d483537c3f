package org.smartkampung.radius.dac;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.radius.auth.AuthDecision;
import org.smartkampung.radius.auth.AuthFacts;
import org.smartkampung.radius.auth.CredentialOutcome;
import org.smartkampung.radius.auth.RejectReason;

class RunningLimitsTest {

  private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
  private static final LocalTime EVENING = LocalTime.of(19, 10);

  /** Started at 19:00 local, last accounted 540 s later after 30 MB. */
  private static final Session SESSION =
      new Session(
          "mikrotik-1/1",
          "kemiren",
          "warga-1",
          "aa:bb:cc:dd:ee:01",
          "mikrotik-1",
          "127.0.0.1",
          "1",
          "10.5.50.7",
          START,
          START.plusSeconds(540),
          25_000_000,
          5_000_000,
          0);

  private static QuotaPolicy policy(Long dailyMb, Long minutes, Integer devices, String hours) {
    return new QuotaPolicy(
        "desa:kemiren",
        null,
        null,
        dailyMb,
        minutes,
        2048L,
        512L,
        devices,
        OpeningHours.parse(hours),
        3600,
        300,
        60);
  }

  private static AuthFacts facts() {
    return new AuthFacts(
        CredentialOutcome.VALID,
        NasType.MIKROTIK,
        "kemiren",
        "warga-1",
        EVENING,
        new BandwidthPackage(50, 10, 0, 2026, 0),
        null);
  }

  private static Usage used(int devices) {
    return new Usage(30_000_000, 540, 30_000_000, 30_000_000, devices);
  }

  @Test
  void limitsCountFromTheSessionStartAsTheNasCountsThem() {
    AuthDecision.Accept accept =
        (AuthDecision.Accept)
            RunningLimits.decide(SESSION, facts(), policy(100L, 30L, 2, "00:00-00:00"), used(0));

    assertThat(accept.bytesRemaining()).isEqualTo(100_000_000L);
    assertThat(accept.sessionTimeoutSeconds()).isEqualTo(1800);
    assertThat(accept.downBitsPerSecond()).isEqualTo(2_048_000L);
    assertThat(accept.upBitsPerSecond()).isEqualTo(512_000L);
  }

  @Test
  void theSessionTimeoutOfThePolicyStillCountsFromTheStartAndIsNotExtended() {
    AuthDecision.Accept accept =
        (AuthDecision.Accept)
            RunningLimits.decide(SESSION, facts(), policy(null, null, 2, "00:00-00:00"), used(0));

    assertThat(accept.sessionTimeoutSeconds()).isEqualTo(3600);
    assertThat(accept.bytesRemaining()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theEditedPolicyWinsOverTheLedgersOlderCopyOfTheLimits() {
    // The ledger returns counters only, so no older copy (say 40 MB a day) can win.
    AuthDecision.Accept accept =
        (AuthDecision.Accept)
            RunningLimits.decide(SESSION, facts(), policy(100L, null, 2, "00:00-00:00"), used(0));

    assertThat(accept.bytesRemaining()).isEqualTo(100_000_000L);
  }

  @Test
  void aLoweredDeviceLimitDoesNotEndARunningSession() {
    AuthDecision decision =
        RunningLimits.decide(SESSION, facts(), policy(null, null, 1, "00:00-00:00"), used(3));

    assertThat(decision).isInstanceOf(AuthDecision.Accept.class);
  }

  @Test
  void spentQuotaOrClosedHoursEndTheSession() {
    AuthDecision spent =
        RunningLimits.decide(SESSION, facts(), policy(20L, null, 2, "00:00-00:00"), used(0));
    AuthDecision closed =
        RunningLimits.decide(SESSION, facts(), policy(null, null, 2, "06:00-18:00"), used(0));

    assertThat(spent)
        .isEqualTo(
            new AuthDecision.Reject(
                RejectReason.USER_QUOTA_SPENT, RejectReason.USER_QUOTA_SPENT.message("")));
    assertThat(closed).isInstanceOf(AuthDecision.Reject.class);
    assertThat(((AuthDecision.Reject) closed).reason())
        .isEqualTo(RejectReason.OUTSIDE_OPENING_HOURS);
  }
}
