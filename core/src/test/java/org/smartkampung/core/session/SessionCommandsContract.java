package org.smartkampung.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link SessionCommands} must do, run against each backend. */
public abstract class SessionCommandsContract {

  /** A fresh, empty channel. */
  protected abstract SessionCommands channel();

  @Test
  void aQueuedKickIsTakenOnceWithItsSessionAndRequester() throws Exception {
    SessionCommands commands = channel();
    KickRequest sent = commands.requestKick("mikrotik-1/81000001", "admin-kemiren");

    Optional<KickRequest> taken = commands.nextKick(Duration.ofSeconds(2));

    assertThat(taken).contains(sent);
    assertThat(commands.nextKick(Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void requestsAreTakenInTheOrderTheyWereMade() throws Exception {
    SessionCommands commands = channel();
    KickRequest first = commands.requestKick("s1", "a");
    KickRequest second = commands.requestKick("s2", "a");

    assertThat(commands.nextKick(Duration.ofSeconds(1))).contains(first);
    assertThat(commands.nextKick(Duration.ofSeconds(1))).contains(second);
  }

  @Test
  void eachRequestGoesToExactlyOneOfSeveralConsumers() throws Exception {
    SessionCommands commands = channel();
    int count = 20;
    for (int i = 0; i < count; i++) {
      commands.requestKick("s" + i, "a");
    }
    ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> consumers =
          List.of(1, 2, 3).stream()
              .map(
                  n ->
                      pool.submit(
                          () -> {
                            Optional<KickRequest> next;
                            while ((next = commands.nextKick(Duration.ofSeconds(1))).isPresent()) {
                              taken.add(next.get().sessionId());
                            }
                            return null;
                          }))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> consumer : consumers) {
        consumer.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(taken).hasSize(count).doesNotHaveDuplicates();
  }

  @Test
  void aRecordedResultCanBeReadBackByItsRequestId() {
    SessionCommands commands = channel();
    KickRequest request = commands.requestKick("s1", "a");
    KickResult result =
        new KickResult(
            request.id(),
            "s1",
            KickResult.Outcome.REFUSED,
            "Error-Cause 503 Session-Context-Not-Found",
            Instant.parse("2026-11-28T12:00:00Z"));

    commands.recordResult(result);

    assertThat(commands.result(request.id())).contains(result);
    assertThat(commands.result("no-such-request")).isEmpty();
  }

  @Test
  void aQueuedLimitsRequestIsTakenOnceAndApartFromKicks() throws Exception {
    SessionCommands commands = channel();
    KickRequest kick = commands.requestKick("s1", "a");
    LimitsRequest village = commands.requestLimits("kemiren", "", "admin-kemiren");
    LimitsRequest subscriber = commands.requestLimits("kemiren", "siti", "admin-kemiren");

    assertThat(commands.nextLimits(Duration.ofSeconds(2))).contains(village);
    assertThat(commands.nextLimits(Duration.ofSeconds(1))).contains(subscriber);
    assertThat(commands.nextLimits(Duration.ofSeconds(1))).isEmpty();
    assertThat(commands.nextKick(Duration.ofSeconds(1))).contains(kick);
    assertThat(village.forOneUser()).isFalse();
    assertThat(subscriber.forOneUser()).isTrue();
    assertThat(subscriber.requestedBy()).isEqualTo("admin-kemiren");
  }

  @Test
  void aRecordedLimitsResultCanBeReadBackByItsRequestIdOnly() {
    SessionCommands commands = channel();
    LimitsRequest request = commands.requestLimits("kemiren", "", "a");
    LimitsResult result =
        new LimitsResult(
            request.id(), "kemiren", 5, 3, 2, 1, 1, 1, Instant.parse("2026-11-28T12:00:00Z"));

    commands.recordLimitsResult(result);

    assertThat(commands.limitsResult(request.id())).contains(result);
    assertThat(commands.result(request.id())).isEmpty();
    assertThat(commands.limitsResult("no-such-request")).isEmpty();
  }
}
