package org.smartkampung.core.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.smartkampung.core.session.KickRequest;
import org.smartkampung.core.session.KickResult;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.session.LimitsResult;
import org.smartkampung.core.session.SessionCommands;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The command channel on Redis: requests are a list that RADIUS instances pop with BRPOP, so each
 * request is carried out by exactly one of them; results are keys that expire after a day.
 */
public final class RedisSessionCommands implements SessionCommands {

  static final String QUEUE = "kampung:commands:kick";
  static final String LIMITS_QUEUE = "kampung:commands:limits";
  private static final long RESULT_TTL_SECONDS = 24 * 3600;

  private final UnifiedJedis jedis;
  private final Clock clock;

  public RedisSessionCommands(UnifiedJedis jedis, Clock clock) {
    this.jedis = jedis;
    this.clock = clock;
  }

  static String resultKey(String requestId) {
    return "kampung:kick-result:{" + requestId + "}";
  }

  static String limitsResultKey(String requestId) {
    return "kampung:limits-result:{" + requestId + "}";
  }

  @Override
  public KickRequest requestKick(String sessionId, String requestedBy) {
    KickRequest request =
        new KickRequest(UUID.randomUUID().toString(), sessionId, requestedBy, clock.instant());
    jedis.lpush(QUEUE, StoreJson.write(request));
    return request;
  }

  @Override
  public Optional<KickRequest> nextKick(Duration wait) throws InterruptedException {
    return pop(QUEUE, wait).map(text -> StoreJson.read(text, KickRequest.class));
  }

  @Override
  public void recordResult(KickResult result) {
    jedis.set(
        resultKey(result.requestId()),
        StoreJson.write(result),
        SetParams.setParams().ex(RESULT_TTL_SECONDS));
  }

  @Override
  public Optional<KickResult> result(String requestId) {
    String text = jedis.get(resultKey(requestId));
    return text == null ? Optional.empty() : Optional.of(StoreJson.read(text, KickResult.class));
  }

  @Override
  public LimitsRequest requestLimits(String villageId, String userId, String requestedBy) {
    LimitsRequest request =
        new LimitsRequest(
            UUID.randomUUID().toString(), villageId, userId, requestedBy, clock.instant());
    jedis.lpush(LIMITS_QUEUE, StoreJson.write(request));
    return request;
  }

  @Override
  public Optional<LimitsRequest> nextLimits(Duration wait) throws InterruptedException {
    return pop(LIMITS_QUEUE, wait).map(text -> StoreJson.read(text, LimitsRequest.class));
  }

  @Override
  public void recordLimitsResult(LimitsResult result) {
    jedis.set(
        limitsResultKey(result.requestId()),
        StoreJson.write(result),
        SetParams.setParams().ex(RESULT_TTL_SECONDS));
  }

  @Override
  public Optional<LimitsResult> limitsResult(String requestId) {
    String text = jedis.get(limitsResultKey(requestId));
    return text == null ? Optional.empty() : Optional.of(StoreJson.read(text, LimitsResult.class));
  }

  private Optional<String> pop(String queue, Duration wait) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    // BRPOP takes whole seconds; 0 would block forever.
    int seconds = (int) Math.max(1, Math.min(wait.toSeconds(), 60));
    List<String> popped = jedis.brpop(seconds, queue);
    if (popped == null || popped.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(popped.get(1));
  }
}
