package org.smartkampung.radius.dac;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that takes commands from a store channel and hands each to a consumer, until
 * {@link #close}. A failing store (Redis down) is logged and polled again after a pause, so the
 * loop outlives an outage.
 */
final class CommandLoop<T> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CommandLoop.class);
  static final Duration POLL = Duration.ofSeconds(1);

  /** Longest {@link #close} waits for the thread: a poll plus a slow store's answer. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);

  /** Takes the next command, waiting at most the given time; empty when none came. */
  interface Source<T> {
    Optional<T> next(Duration wait) throws InterruptedException;
  }

  private final Thread thread;
  private volatile boolean running = true;

  CommandLoop(String name, Source<T> source, Consumer<T> carryOut) {
    this.thread = new Thread(() -> run(name, source, carryOut), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(String name, Source<T> source, Consumer<T> carryOut) {
    while (running) {
      try {
        source.next(POLL).ifPresent(carryOut);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) { // store down: keep polling, it may come back
        log.warn("{}: cannot read or carry out a command: {}", name, e.getMessage());
        try {
          Thread.sleep(POLL.toMillis()); // back off before polling a failing store again
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /**
   * Stops the loop and waits for its thread to end (at most a poll and a store timeout): a blocking
   * read already under way (Redis BRPOP) may still take a command, which must be carried out while
   * the stores are open rather than taken and lost after they close.
   */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
