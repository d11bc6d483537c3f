package org.smartkampung.core.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.redis.RedisScript;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Subscribers in Redis.
 *
 * <p>Keys: {@code kampung:sub:{<username>}} a hash per subscriber; {@code
 * kampung:subs:{v:<village>}} a set of the village's usernames. The two live in different Cluster
 * slots, so a change is never atomic across them. It is ordered instead so a crash leaves at worst
 * a dangling index entry, never an unlisted subscriber: the index is added before the data is
 * written and removed after the data is deleted; reads skip entries whose hash is gone or belongs
 * to another village. The store does not close the client; whoever made it does.
 */
public final class RedisSubscriberStore implements SubscriberStore {

  private static final RedisScript CREATE =
      new RedisScript(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
          redis.call('HSET', KEYS[1], unpack(ARGV))
          return 1
          """);

  /** Replaces an existing hash; returns its old village, or nil when there was none. */
  private static final RedisScript REPLACE =
      new RedisScript(
          """
          local old = redis.call('HGET', KEYS[1], 'villageId')
          if not old then return false end
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], unpack(ARGV))
          return old
          """);

  /** Deletes the hash; returns its village, or nil when there was none. */
  private static final RedisScript DELETE =
      new RedisScript(
          """
          local old = redis.call('HGET', KEYS[1], 'villageId')
          if old then redis.call('DEL', KEYS[1]) end
          return old
          """);

  private final UnifiedJedis jedis;

  public RedisSubscriberStore(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  static String key(String username) {
    return "kampung:sub:{" + username + "}";
  }

  static String villageKey(String villageId) {
    return "kampung:subs:{v:" + villageId + "}";
  }

  @Override
  public Optional<Subscriber> find(String username) {
    return decode(jedis.hgetAll(key(username)));
  }

  @Override
  public boolean create(Subscriber subscriber) {
    jedis.sadd(villageKey(subscriber.villageId()), subscriber.username());
    Object created = CREATE.run(jedis, List.of(key(subscriber.username())), fieldArgs(subscriber));
    return Long.valueOf(1).equals(created);
  }

  @Override
  public boolean update(Subscriber subscriber) {
    jedis.sadd(villageKey(subscriber.villageId()), subscriber.username());
    Object oldVillage =
        REPLACE.run(jedis, List.of(key(subscriber.username())), fieldArgs(subscriber));
    if (oldVillage == null) {
      return false;
    }
    if (!oldVillage.equals(subscriber.villageId())) {
      jedis.srem(villageKey((String) oldVillage), subscriber.username());
    }
    return true;
  }

  @Override
  public boolean delete(String username) {
    Object oldVillage = DELETE.run(jedis, List.of(key(username)), List.of());
    if (oldVillage == null) {
      return false;
    }
    jedis.srem(villageKey((String) oldVillage), username);
    return true;
  }

  @Override
  public List<Subscriber> listByVillage(String villageId) {
    List<Response<Map<String, String>>> replies = new ArrayList<>();
    try (AbstractPipeline pipeline = jedis.pipelined()) {
      for (String username : jedis.smembers(villageKey(villageId))) {
        replies.add(pipeline.hgetAll(key(username)));
      }
      pipeline.sync();
    }
    return replies.stream()
        .map(reply -> decode(reply.get()))
        .flatMap(Optional::stream)
        .filter(s -> s.villageId().equals(villageId))
        .sorted(Comparator.comparing(Subscriber::username))
        .toList();
  }

  private static List<String> fieldArgs(Subscriber subscriber) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", subscriber.username());
    fields.put("villageId", subscriber.villageId());
    fields.put("passwordHash", subscriber.passwordHash());
    fields.put("displayName", subscriber.displayName());
    fields.put("enabled", Boolean.toString(subscriber.enabled()));
    if (subscriber.quotaOverride() != null) {
      fields.put("quotaOverride", StoreJson.write(subscriber.quotaOverride()));
    }
    List<String> args = new ArrayList<>();
    fields.forEach(
        (name, value) -> {
          args.add(name);
          args.add(value == null ? "" : value);
        });
    return args;
  }

  private static Optional<Subscriber> decode(Map<String, String> hash) {
    if (hash == null || hash.isEmpty()) {
      return Optional.empty();
    }
    String quota = hash.get("quotaOverride");
    return Optional.of(
        new Subscriber(
            hash.get("username"),
            hash.get("villageId"),
            hash.get("passwordHash"),
            hash.get("displayName"),
            Boolean.parseBoolean(hash.get("enabled")),
            quota == null ? null : StoreJson.read(quota, QuotaOverride.class)));
  }
}
