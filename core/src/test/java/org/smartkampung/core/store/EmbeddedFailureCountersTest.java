package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.core.throttle.FailureCounters;
import org.smartkampung.core.throttle.FailureCountersContract;

class EmbeddedFailureCountersTest extends FailureCountersContract {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));

  @Override
  protected FailureCounters newCounters() {
    return new EmbeddedFailureCounters(clock);
  }

  @Override
  protected void windowEnds(String key, Duration window) {
    clock.advance(window);
  }

  @Test
  void aFloodOfDistinctKeysStaysWithinTheBound() {
    EmbeddedFailureCounters bounded = new EmbeddedFailureCounters(clock, 100);

    for (int i = 0; i < 10_000; i++) {
      bounded.increment("mac-" + i, Duration.ofMinutes(10));
    }

    assertThat(bounded.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void theNewestCountsSurviveTheSweep() {
    EmbeddedFailureCounters bounded = new EmbeddedFailureCounters(clock, 100);
    for (int i = 0; i < 99; i++) {
      bounded.increment("old-" + i, Duration.ofMinutes(10));
    }
    clock.advance(Duration.ofMinutes(1));
    bounded.increment("guesser", Duration.ofMinutes(10));
    bounded.increment("guesser", Duration.ofMinutes(10));

    bounded.increment("one-more", Duration.ofMinutes(10));

    assertThat(bounded.increment("guesser", Duration.ofMinutes(10))).isEqualTo(3);
  }
}
