package org.smartkampung.core.report;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records sessions for the monthly report (distinct villagers and devices, sessions started) on a
 * thread of its own with a bounded queue, so accounting never waits for the report; when the queue
 * is full the record is dropped and counted in the log.
 */
public final class ActivityRecorder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ActivityRecorder.class);

  static final int QUEUE = 10_000;

  private final MonthlyRollups rollups;
  private final Function<String, ZoneId> zones;
  private final Clock clock;
  private final ThreadPoolExecutor lane =
      new ThreadPoolExecutor(
          1,
          1,
          60,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          r -> {
            Thread t = new Thread(r, "report-activity");
            t.setDaemon(true);
            return t;
          });

  public ActivityRecorder(MonthlyRollups rollups, Function<String, ZoneId> zones, Clock clock) {
    this.rollups = rollups;
    this.zones = zones;
    this.clock = clock;
  }

  /** A session of the village was seen; {@code first} when it is its first record here. */
  public void session(String villageId, String userId, String deviceId, boolean first) {
    YearMonth month = YearMonth.from(clock.instant().atZone(zones.apply(villageId)));
    try {
      lane.execute(
          () -> {
            try {
              rollups.activity(villageId, month, userId, deviceId, first);
            } catch (RuntimeException e) {
              log.debug("report activity of {} not kept: {}", villageId, e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("report activity queue full; one session of {} not counted", villageId);
    }
  }

  @Override
  public void close() {
    lane.shutdown();
    try {
      lane.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
