package org.smartkampung.radius.acct;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.village.Village;
import org.smartkampung.radius.auth.VillageDirectory;

/**
 * Ends sessions whose Stop never came: a session with no accounting record for longer than {@link
 * #lostAfterSeconds} of its village's policy is closed in the ledger (charging nothing new, freeing
 * its device slot, as Acct-Terminate-Cause Lost-Service would) and removed from the live sessions.
 * Runs on its own thread, never on a request's. Several instances sweeping the same store is safe:
 * closing is idempotent.
 */
public final class LostSessionSweeper implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LostSessionSweeper.class);

  private final VillageDirectory villages;
  private final Supplier<List<String>> villageIds;
  private final SessionStore sessions;
  private final QuotaLedger ledger;
  private final Clock clock;
  private final Consumer<List<Session>> onClosed;
  private final Counter swept;
  private final ScheduledExecutorService timer;

  /**
   * Starts sweeping every {@code intervalSeconds}.
   *
   * @param villageIds the villages whose sessions to look at, read at every sweep
   * @param onClosed told of the sessions each sweep closed
   */
  public LostSessionSweeper(
      VillageDirectory villages,
      Supplier<List<String>> villageIds,
      SessionStore sessions,
      QuotaLedger ledger,
      Clock clock,
      MeterRegistry registry,
      int intervalSeconds,
      Consumer<List<Session>> onClosed) {
    this.villages = villages;
    this.onClosed = onClosed;
    this.villageIds = villageIds;
    this.sessions = sessions;
    this.ledger = ledger;
    this.clock = clock;
    this.swept =
        Counter.builder("kampung.sessions.lost")
            .description("Sessions closed by the sweep because their Stop never came")
            .register(registry);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "kampung-lost-session-sweep");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        this::sweepQuietly, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
  }

  /**
   * How long a session of this policy may stay silent before it counts as lost: three
   * Interim-Update intervals, or the idle timeout and one interval, whichever is longer.
   */
  public static long lostAfterSeconds(QuotaPolicy policy) {
    long interim = policy.interimIntervalSeconds();
    return Math.max(3 * interim, policy.idleTimeoutSeconds() + interim);
  }

  /**
   * Closes every lost session now.
   *
   * @return how many were closed
   */
  public int sweep() {
    Instant now = clock.instant();
    int closed = 0;
    for (String villageId : villageIds.get()) {
      Village village = villages.village(villageId);
      Instant silentSince = now.minusSeconds(lostAfterSeconds(villages.policyOf(village)));
      List<Session> lost =
          sessions.listByVillage(villageId).stream()
              .filter(s -> s.updatedAt().isBefore(silentSince))
              .toList();
      if (lost.isEmpty()) {
        continue;
      }
      if (!ledger.closeAll(lost.stream().map(SessionRecords::keyOf).toList()).join()) {
        log.warn(
            "Could not close {} lost sessions of village {}; will retry", lost.size(), villageId);
        continue;
      }
      sessions.removeAll(lost);
      onClosed.accept(lost);
      swept.increment(lost.size());
      closed += lost.size();
      log.info(
          "Closed {} sessions of village {} silent since {} (Stop never came)",
          lost.size(),
          villageId,
          silentSince);
    }
    return closed;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("Lost-session sweep failed; will retry: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
