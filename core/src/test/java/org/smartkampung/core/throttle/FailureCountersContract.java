package org.smartkampung.core.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FailureCounters} must do, embedded and on Redis alike. */
public abstract class FailureCountersContract {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  protected FailureCounters counters;

  protected abstract FailureCounters newCounters();

  @BeforeEach
  void open() {
    counters = newCounters();
  }

  protected static String freshKey() {
    return "test:" + UUID.randomUUID();
  }

  @Test
  void eachIncrementReturnsTheCountSoFarFromOne() {
    String key = freshKey();

    assertThat(counters.increment(key, MINUTE)).isEqualTo(1);
    assertThat(counters.increment(key, MINUTE)).isEqualTo(2);
    assertThat(counters.increment(freshKey(), MINUTE)).isEqualTo(1);
  }

  @Test
  void parallelIncrementsEachGetTheirOwnCountSoNoneRacesPastALimit() throws Exception {
    String key = freshKey();
    int racers = 60;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        counts.add(
            pool.submit(
                () -> {
                  go.await();
                  return counters.increment(key, MINUTE);
                }));
      }
      go.countDown();
      Set<Long> seen = new HashSet<>();
      for (Future<Long> count : counts) {
        seen.add(count.get());
      }
      assertThat(seen).hasSize(racers).allMatch(n -> n >= 1 && n <= racers);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void decrementGivesOneBackButNeverBelowZero() {
    String key = freshKey();
    counters.increment(key, MINUTE);
    counters.increment(key, MINUTE);

    counters.decrement(key);
    counters.decrement(key);
    counters.decrement(key);

    assertThat(counters.increment(key, MINUTE)).isEqualTo(1);
  }

  @Test
  void decrementOfAnAbsentKeyCreatesNothing() {
    String key = freshKey();

    counters.decrement(key);

    assertThat(counters.increment(key, MINUTE)).isEqualTo(1);
  }

  @Test
  void theCountEndsWithItsWindowCountedFromTheFirstFailure() {
    String key = freshKey();
    Duration window = Duration.ofMillis(400);
    counters.increment(key, window);
    counters.increment(key, window);

    windowEnds(key, window);

    assertThat(counters.increment(key, window)).isEqualTo(1);
  }

  /** Lets the window of {@code key} end, by this implementation's clock. */
  protected abstract void windowEnds(String key, Duration window);
}
