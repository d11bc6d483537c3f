package org.smartkampung.core.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.health.HotspotSightings;
import org.smartkampung.core.health.HotspotState;
import org.smartkampung.core.redis.RedisScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link HotspotSightings} on Redis: two hashes (last sighting in epoch millis, announced state)
 * with one field per hotspot; each script touches one key and renews its TTL, so an abandoned
 * deployment's keys end by themselves and removed hotspots are deleted by {@link #forget}.
 */
final class RedisHotspotSightings implements HotspotSightings {

  static final String SEEN = "kampung:hotspots:seen";
  static final String ANNOUNCED = "kampung:hotspots:announced";
  static final long TTL_SECONDS = 90L * 24 * 3600;

  private static final RedisScript SEEN_LATEST =
      new RedisScript(
          "local old = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))\n"
              + "if not old or old < tonumber(ARGV[2]) then\n"
              + "  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])\n"
              + "end\n"
              + "redis.call('EXPIRE', KEYS[1], ARGV[3])\n"
              + "return 1\n");

  private static final RedisScript SWAP =
      new RedisScript(
          "local old = redis.call('HGET', KEYS[1], ARGV[1])\n"
              + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])\n"
              + "redis.call('EXPIRE', KEYS[1], ARGV[3])\n"
              + "return old\n");

  private final UnifiedJedis jedis;

  RedisHotspotSightings(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  @Override
  public void seen(String hotspot, Instant at) {
    SEEN_LATEST.run(
        jedis,
        List.of(SEEN),
        List.of(hotspot, Long.toString(at.toEpochMilli()), Long.toString(TTL_SECONDS)));
  }

  @Override
  public Map<String, Instant> lastSeen() {
    Map<String, Instant> out = new HashMap<>();
    jedis
        .hgetAll(SEEN)
        .forEach((name, millis) -> out.put(name, Instant.ofEpochMilli(Long.parseLong(millis))));
    return out;
  }

  @Override
  public Optional<HotspotState> announce(String hotspot, HotspotState state) {
    Object old =
        SWAP.run(
            jedis, List.of(ANNOUNCED), List.of(hotspot, state.name(), Long.toString(TTL_SECONDS)));
    if (old == null) {
      return Optional.empty();
    }
    String text =
        old instanceof byte[] b
            ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
            : old.toString();
    try {
      return Optional.of(HotspotState.valueOf(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public void forget(String hotspot) {
    jedis.hdel(SEEN, hotspot);
    jedis.hdel(ANNOUNCED, hotspot);
  }
}
