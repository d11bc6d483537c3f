package org.smartkampung.core.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.village.Village;

/**
 * Copies each village's hourly bytes of the last {@link #DAYS} local days from the ledger (which
 * keeps them {@link QuotaLedger#HOURLY_RETENTION_DAYS} days) into the monthly rollups, so a month's
 * bytes and peak hour outlive the ledger's counters; each run rewrites whole days, so running twice
 * (or on two servers) changes nothing. A day is final once it is over, and is copied again for a
 * week: a server down for days loses nothing.
 */
public final class UsageRollup implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UsageRollup.class);

  /** Days copied at each run: the ledger's whole hourly retention less a day of margin. */
  static final int DAYS = QuotaLedger.HOURLY_RETENTION_DAYS - 1;

  /** Minutes between runs. */
  public static final int EVERY_MINUTES = 5;

  private final Supplier<KampungConfig> config;
  private final QuotaLedger ledger;
  private final MonthlyRollups rollups;
  private final Clock clock;
  private ScheduledExecutorService timer;

  public UsageRollup(
      Supplier<KampungConfig> config, QuotaLedger ledger, MonthlyRollups rollups, Clock clock) {
    this.config = config;
    this.ledger = ledger;
    this.rollups = rollups;
    this.clock = clock;
  }

  /** Runs now and then every {@link #EVERY_MINUTES} on a thread of its own. */
  public UsageRollup start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "usage-rollup");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::runQuietly, 0, EVERY_MINUTES, TimeUnit.MINUTES);
    return this;
  }

  private void runQuietly() {
    try {
      run();
    } catch (RuntimeException e) {
      log.warn("usage rollup failed (retried in {} min): {}", EVERY_MINUTES, e.toString());
    }
  }

  /** One run: every village, the last {@link #DAYS} days up to today. */
  public void run() {
    for (Village village : config.get().villages()) {
      copyRecentDays(ledger, rollups, village, clock);
    }
    rollups.flush();
  }

  /** Copies one village's last {@link #DAYS} local days (the report does it before it shows). */
  public static void copyRecentDays(
      QuotaLedger ledger, MonthlyRollups rollups, Village village, Clock clock) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), village.timeZone());
    for (int back = DAYS - 1; back >= 0; back--) {
      LocalDate day = today.minusDays(back);
      Map<LocalDateTime, Long> hours = ledger.hourlyBytes(village.id(), day.atStartOfDay(), 24);
      long[] bytes = new long[24];
      boolean any = false;
      for (Map.Entry<LocalDateTime, Long> e : hours.entrySet()) {
        bytes[e.getKey().getHour()] = e.getValue();
        any |= e.getValue() > 0;
      }
      if (any) {
        rollups.putDay(village.id(), day, bytes);
      }
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    rollups.flush();
  }
}
