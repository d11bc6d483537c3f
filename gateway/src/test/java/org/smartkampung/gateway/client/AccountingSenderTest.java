package org.smartkampung.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.smartkampung.gateway.radius.AccountingRecord;
import org.smartkampung.gateway.radius.AccountingRecord.Status;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;
import org.smartkampung.gateway.radius.RadiusClient;

class AccountingSenderTest {

  /**
   * While RADIUS does not answer, every request waits out its retries: the queue of Interim-Updates
   * stops growing at its bound, and Starts and Stops are never dropped.
   */
  @Test
  void interimsQueuedWhileRadiusIsSilentAreBoundedStartsAndStopsAreNot() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      InetSocketAddress server = new InetSocketAddress("127.0.0.1", silent.getLocalPort());
      MeterRegistry metrics = new SimpleMeterRegistry();
      AccountingSender sender =
          new AccountingSender(
              new RadiusClient(
                  server, server, "s", new RadiusClient.NasIdentity("gw", null, "gw"), 60_000, 1),
              metrics);
      for (int i = 0; i < AccountingSender.MAX_QUEUED_INTERIMS + 5; i++) {
        sender.send(record(Status.INTERIM_UPDATE, null));
      }
      sender.send(record(Status.START, null));
      sender.send(record(Status.STOP, TerminateCause.USER_REQUEST));

      assertThat(dropped(metrics, Status.INTERIM_UPDATE)).isBetween(4.0, 5.0);
      assertThat(dropped(metrics, Status.START)).isZero();
      assertThat(dropped(metrics, Status.STOP)).isZero();
    }
  }

  private static double dropped(MeterRegistry metrics, Status status) {
    return metrics
        .counter("kampung.gateway.accounting", "status", status.name(), "result", "dropped")
        .count();
  }

  private static AccountingRecord record(Status status, TerminateCause cause) {
    return new AccountingRecord(
        status,
        "warga",
        "abc123",
        "10.5.50.9",
        "02:00:00:00:00:09",
        new byte[0],
        60,
        1,
        2,
        cause,
        0);
  }
}
