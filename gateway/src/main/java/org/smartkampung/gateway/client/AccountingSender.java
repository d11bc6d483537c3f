package org.smartkampung.gateway.client;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.gateway.radius.AccountingRecord;
import org.smartkampung.gateway.radius.AccountingRecord.Status;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;
import org.smartkampung.gateway.radius.RadiusClient;

/**
 * Sends accounting requests in the order they are queued, on one thread of its own: a session's
 * Start always goes before its Interim-Updates and Stop, and RADIUS round trips never hold up the
 * caller. A request RADIUS does not answer is counted and logged, not retried later.
 *
 * <p>The queue is bounded for Interim-Updates: while RADIUS does not answer, each request waits out
 * its retries, so when {@value #MAX_QUEUED_INTERIMS} requests are waiting a new Interim-Update is
 * dropped and counted (the next one carries the same cumulative counters). Starts and Stops are
 * always queued: there is one of each per login.
 */
final class AccountingSender implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AccountingSender.class);

  private final RadiusClient radius;
  private final MeterRegistry metrics;
  static final int MAX_QUEUED_INTERIMS = 10_000;

  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final ExecutorService thread =
      new ThreadPoolExecutor(
          1, 1, 0, TimeUnit.SECONDS, queue, r -> new Thread(r, "gateway-accounting"));

  AccountingSender(RadiusClient radius, MeterRegistry metrics) {
    this.radius = radius;
    this.metrics = metrics;
  }

  /** Queues the record of {@code c} at {@code now}; {@code cause} only for a Stop. */
  void send(ClientSession c, Status status, TerminateCause cause, Instant now) {
    send(
        new AccountingRecord(
            status,
            c.username(),
            c.acctSessionId(),
            c.ip(),
            c.mac(),
            c.limits().classValue(),
            Duration.between(c.startedAt(), now).toSeconds(),
            c.upBytes(),
            c.downBytes(),
            cause,
            now.getEpochSecond()));
  }

  /** Queues one record. */
  void send(AccountingRecord record) {
    Status status = record.status();
    if (status == Status.INTERIM_UPDATE && queue.size() >= MAX_QUEUED_INTERIMS) {
      count(status, "dropped");
      return;
    }
    thread.execute(
        () -> {
          try {
            radius.account(record);
            count(status, "ok");
          } catch (IOException e) {
            count(status, "failed");
            log.warn(
                "accounting {} for session {} not answered: {}",
                status,
                record.acctSessionId(),
                e.getMessage());
          }
        });
  }

  private void count(Status status, String result) {
    metrics
        .counter("kampung.gateway.accounting", "status", status.name(), "result", result)
        .increment();
  }

  /** Sends what is queued (for at most 10 s), then stops. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
