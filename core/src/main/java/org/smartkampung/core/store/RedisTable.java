package org.smartkampung.core.store;

import java.util.List;
import java.util.Optional;
import org.smartkampung.core.redis.RedisScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link RecordTable} in one Redis hash (field = key, value = JSON). Admin tables hold hundreds
 * to a few thousand records, so one hash in one slot is enough and keeps each call atomic.
 */
final class RedisTable<V> implements RecordTable<V> {

  private static final RedisScript REPLACE =
      new RedisScript(
          """
          if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
          return 1
          """);

  private final UnifiedJedis jedis;
  private final String hashKey;
  private final Class<V> type;

  RedisTable(UnifiedJedis jedis, String hashKey, Class<V> type) {
    this.jedis = jedis;
    this.hashKey = hashKey;
    this.type = type;
  }

  @Override
  public Optional<V> get(String key) {
    String json = jedis.hget(hashKey, key);
    return json == null ? Optional.empty() : Optional.of(StoreJson.read(json, type));
  }

  @Override
  public boolean putIfAbsent(String key, V value) {
    return jedis.hsetnx(hashKey, key, StoreJson.write(value)) == 1;
  }

  @Override
  public boolean replace(String key, V value) {
    Object done = REPLACE.run(jedis, List.of(hashKey), List.of(key, StoreJson.write(value)));
    return Long.valueOf(1).equals(done);
  }

  @Override
  public void put(String key, V value) {
    jedis.hset(hashKey, key, StoreJson.write(value));
  }

  @Override
  public boolean remove(String key) {
    return jedis.hdel(hashKey, key) == 1;
  }

  @Override
  public List<V> values() {
    return jedis.hvals(hashKey).stream().map(json -> StoreJson.read(json, type)).toList();
  }
}
