package org.smartkampung.core.durable;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task every few seconds on its own daemon thread, and once more at {@link #close()}: the
 * snapshot timer the embedded stores share. A failing run is logged and tried again next time.
 */
public final class Periodic implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Periodic.class);

  private final String name;
  private final Runnable task;
  private final @Nullable ScheduledExecutorService timer;

  /**
   * @param name names the thread and the log lines
   * @param intervalSeconds seconds between runs; 0 or less runs the task only at {@link #close()}
   */
  public Periodic(String name, int intervalSeconds, Runnable task) {
    this.name = name;
    this.task = task;
    if (intervalSeconds > 0) {
      ScheduledExecutorService scheduler =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "kampung-" + name);
                thread.setDaemon(true);
                return thread;
              });
      // The future has nothing to tell: runQuietly logs every failure itself.
      var unused =
          scheduler.scheduleWithFixedDelay(
              this::runQuietly, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
      timer = scheduler;
    } else {
      timer = null;
    }
  }

  /** Runs the task now, logging instead of throwing. */
  public void runQuietly() {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("{} failed; will try again", name, e);
    }
  }

  /** Stops the timer (waiting for a run in progress), then runs the task a last time. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdown();
      try {
        timer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    runQuietly();
  }
}
