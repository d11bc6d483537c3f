package org.smartkampung.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SignInAttempts} must do; two instances on one backend share the counts. */
public abstract class SignInAttemptsContract {

  protected final Instant now = Instant.now();
  protected static final Duration WINDOW = Duration.ofMinutes(15);

  protected SignInAttempts store;
  protected SignInAttempts other;

  protected abstract SignInAttempts newStore();

  protected abstract SignInAttempts sameBackend(SignInAttempts first);

  @BeforeEach
  void open() {
    store = newStore();
    other = sameBackend(store);
  }

  protected static String key() {
    return "u:admin|ip:" + UUID.randomUUID();
  }

  @Test
  void theSixthAttemptWaitsForTheWindowOnEveryInstance() {
    String key = key();
    for (int i = 0; i < 5; i++) {
      assertThat((i % 2 == 0 ? store : other).reserve(key, 5, WINDOW, now)).isZero();
    }

    assertThat(other.reserve(key, 5, WINDOW, now)).isBetween(1L, WINDOW.toSeconds());
    assertThat(store.count(key, now)).isEqualTo(5);
  }

  @Test
  void aReleasedAttemptIsGivenBack() {
    String key = key();
    for (int i = 0; i < 5; i++) {
      store.reserve(key, 5, WINDOW, now);
    }
    other.release(key, now);

    assertThat(store.reserve(key, 5, WINDOW, now)).isZero();
    assertThat(store.reserve(key, 5, WINDOW, now)).isPositive();
  }

  @Test
  void sixtyParallelReservationsTakeAtMostTheLimit() throws Exception {
    String key = key();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 60; i++) {
        SignInAttempts s = i % 2 == 0 ? store : other;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return s.reserve(key, 5, WINDOW, now);
                }));
      }
      start.countDown();
      long taken = 0;
      for (Future<Long> f : results) {
        taken += f.get() == 0 ? 1 : 0;
      }
      assertThat(taken).isEqualTo(5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void recordedFailuresAreCountedWithoutALimit() {
    String key = key();
    for (int i = 0; i < 12; i++) {
      store.record(key, WINDOW, now);
    }

    assertThat(other.count(key, now)).isEqualTo(12);
    assertThat(other.count(key(), now)).isZero();
  }
}
