package org.smartkampung.core.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.smartkampung.core.session.KickRequest;
import org.smartkampung.core.session.KickResult;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.session.LimitsResult;
import org.smartkampung.core.session.SessionCommands;

/** The in-process command channel of the embedded store: a queue and a map of results per kind. */
public final class EmbeddedSessionCommands implements SessionCommands {

  /** Results beyond this many are dropped oldest-first-ish; an admin reads them within seconds. */
  private static final int MAX_RESULTS = 10_000;

  private final BlockingQueue<KickRequest> queue = new LinkedBlockingQueue<>();
  private final Map<String, KickResult> results = new ConcurrentHashMap<>();
  private final BlockingQueue<LimitsRequest> limitsQueue = new LinkedBlockingQueue<>();
  private final Map<String, LimitsResult> limitsResults = new ConcurrentHashMap<>();
  private final Clock clock;

  public EmbeddedSessionCommands(Clock clock) {
    this.clock = clock;
  }

  @Override
  public KickRequest requestKick(String sessionId, String requestedBy) {
    KickRequest request =
        new KickRequest(UUID.randomUUID().toString(), sessionId, requestedBy, clock.instant());
    queue.add(request);
    return request;
  }

  @Override
  public Optional<KickRequest> nextKick(Duration wait) throws InterruptedException {
    return Optional.ofNullable(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public void recordResult(KickResult result) {
    bounded(results).put(result.requestId(), result);
  }

  @Override
  public Optional<KickResult> result(String requestId) {
    return Optional.ofNullable(results.get(requestId));
  }

  @Override
  public LimitsRequest requestLimits(String villageId, String userId, String requestedBy) {
    LimitsRequest request =
        new LimitsRequest(
            UUID.randomUUID().toString(), villageId, userId, requestedBy, clock.instant());
    limitsQueue.add(request);
    return request;
  }

  @Override
  public Optional<LimitsRequest> nextLimits(Duration wait) throws InterruptedException {
    return Optional.ofNullable(limitsQueue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public void recordLimitsResult(LimitsResult result) {
    bounded(limitsResults).put(result.requestId(), result);
  }

  @Override
  public Optional<LimitsResult> limitsResult(String requestId) {
    return Optional.ofNullable(limitsResults.get(requestId));
  }

  private static <V> Map<String, V> bounded(Map<String, V> map) {
    if (map.size() >= MAX_RESULTS) {
      map.keySet().stream().findAny().ifPresent(map::remove);
    }
    return map;
  }
}
