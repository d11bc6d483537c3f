package org.smartkampung.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;

class CutOffTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private static ClientSession session(AccessReply limits) {
    return new ClientSession(
        "10.5.50.9", "aa:bb:cc:dd:ee:ff", "warga", "s1", limits, T0, 0, 0, 0, 0, T0, T0);
  }

  private static AccessReply limits(
      long session, long idle, long interim, long total, long down, long up) {
    return new AccessReply(true, "", session, idle, interim, 0, 0, total, down, up, new byte[0]);
  }

  @Test
  void sessionTimeoutEndsTheSessionAtItsSecond() {
    ClientSession s = session(limits(3600, 0, 0, 0, 0, 0));
    assertThat(CutOff.due(s, T0.plusSeconds(3599))).isEmpty();
    assertThat(CutOff.due(s, T0.plusSeconds(3600))).contains(TerminateCause.SESSION_TIMEOUT);
  }

  @Test
  void idleTimeoutCountsFromTheLastTimeCountersMoved() {
    ClientSession s = session(limits(0, 600, 0, 0, 0, 0)).counted(100, 200, T0.plusSeconds(500));
    assertThat(CutOff.due(s, T0.plusSeconds(1099))).isEmpty();
    assertThat(CutOff.due(s, T0.plusSeconds(1100))).contains(TerminateCause.IDLE_TIMEOUT);
    ClientSession same = s.counted(100, 200, T0.plusSeconds(1000));
    assertThat(same.lastActivityAt()).isEqualTo(T0.plusSeconds(500));
  }

  @Test
  void octetLimitsEndTheSession() {
    assertThat(CutOff.due(session(limits(0, 0, 0, 1000, 0, 0)).counted(400, 599, T0), T0))
        .isEmpty();
    assertThat(CutOff.due(session(limits(0, 0, 0, 1000, 0, 0)).counted(400, 600, T0), T0))
        .contains(TerminateCause.SESSION_TIMEOUT);
    assertThat(CutOff.due(session(limits(0, 0, 0, 0, 500, 0)).counted(0, 500, T0), T0)).isPresent();
    assertThat(CutOff.due(session(limits(0, 0, 0, 0, 0, 500)).counted(500, 0, T0), T0)).isPresent();
  }

  @Test
  void countersAddToTheBaseAfterARestart() {
    ClientSession restored =
        new ClientSession(
            "10.5.50.9",
            "",
            "warga",
            "s1",
            limits(0, 0, 0, 0, 0, 0),
            T0,
            1000,
            5000,
            1000,
            5000,
            T0,
            T0);
    ClientSession now = restored.counted(10, 20, T0.plusSeconds(5));
    assertThat(now.upBytes()).isEqualTo(1010);
    assertThat(now.downBytes()).isEqualTo(5020);
  }

  @Test
  void interimIsDueEveryInterval() {
    ClientSession s = session(limits(0, 0, 300, 0, 0, 0));
    assertThat(CutOff.interimDue(s, T0.plusSeconds(299))).isFalse();
    assertThat(CutOff.interimDue(s, T0.plusSeconds(300))).isTrue();
    assertThat(CutOff.interimDue(s.interimSent(T0.plusSeconds(300)), T0.plusSeconds(301)))
        .isFalse();
    assertThat(CutOff.interimDue(session(limits(0, 0, 0, 0, 0, 0)), T0.plusSeconds(9999)))
        .isFalse();
  }
}
