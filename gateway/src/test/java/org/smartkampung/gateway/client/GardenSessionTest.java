package org.smartkampung.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smartkampung.gateway.radius.AccountingRecord;
import org.smartkampung.gateway.radius.AccountingRecord.Status;

class GardenSessionTest {

  private final Instant start = Instant.parse("2026-12-03T12:00:00Z");
  private final GardenSession garden = new GardenSession(start);

  @Test
  void nothingIsSentBeforeTheFirstGardenByte() {
    assertThat(garden.counted(0, 0, start.plusSeconds(5))).isEmpty();
    assertThat(garden.stop(start.plusSeconds(6))).isEmpty();
  }

  @Test
  void theFirstBytesStartThePseudoSessionAndReportTheCountersAtOnce() {
    assertThat(garden.counted(100, 5000, start.plusSeconds(5)))
        .extracting(AccountingRecord::status)
        .containsExactly(Status.START, Status.INTERIM_UPDATE);
    AccountingRecord interim = garden.counted(300, 9000, start.plusSeconds(10)).get(0);
    assertThat(interim.username()).isEqualTo(GardenSession.USERNAME);
    assertThat(interim.clientMac()).isEmpty();
    assertThat(interim.inputBytes()).isEqualTo(300);
    assertThat(interim.outputBytes()).isEqualTo(9000);
    assertThat(interim.sessionSeconds()).isEqualTo(10);
    assertThat(GardenSession.isGarden(interim.acctSessionId())).isTrue();
  }

  @Test
  void stillCountersAreReportedOnlyAsAHeartbeatSoTheServerDoesNotSweepTheSession() {
    garden.counted(100, 5000, start.plusSeconds(5));
    assertThat(garden.counted(100, 5000, start.plusSeconds(10))).isEmpty();
    assertThat(garden.counted(100, 5000, start.plusSeconds(5).plus(GardenSession.HEARTBEAT)))
        .extracting(AccountingRecord::status)
        .containsExactly(Status.INTERIM_UPDATE);
  }

  @Test
  void theStopCarriesTheLastCountersOnce() {
    garden.counted(100, 5000, start.plusSeconds(5));
    AccountingRecord stop = garden.stop(start.plusSeconds(9)).orElseThrow();
    assertThat(stop.status()).isEqualTo(Status.STOP);
    assertThat(stop.inputBytes() + stop.outputBytes()).isEqualTo(5100);
    assertThat(garden.stop(start.plusSeconds(10))).isEmpty();
  }
}
