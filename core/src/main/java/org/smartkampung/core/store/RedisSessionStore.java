package org.smartkampung.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Live sessions in Redis.
 *
 * <p>Keys: {@code kampung:session:{<id>}} the session as JSON; {@code
 * kampung:sessions:{v:<village>}} a sorted set of the village's session ids scored by start time
 * (epoch millis); {@code kampung:sessions:{nas:<name>}} a set of the NAS's session ids. They sit in
 * three Cluster slots, so writes are ordered instead of atomic: put adds both index entries before
 * the data, remove takes the data (GETDEL) before the index entries. A crash in between leaves a
 * dangling index entry, which reads skip; it never leaves an unlisted session.
 */
public final class RedisSessionStore implements SessionStore {

  private static final Comparator<Session> OLDEST_FIRST =
      Comparator.comparing(Session::startedAt).thenComparing(Session::id);

  private final UnifiedJedis jedis;

  public RedisSessionStore(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  static String key(String id) {
    return "kampung:session:{" + id + "}";
  }

  static String villageKey(String villageId) {
    return "kampung:sessions:{v:" + villageId + "}";
  }

  static String nasKey(String nasName) {
    return "kampung:sessions:{nas:" + nasName + "}";
  }

  @Override
  public void put(Session session) {
    jedis.zadd(villageKey(session.villageId()), session.startedAt().toEpochMilli(), session.id());
    jedis.sadd(nasKey(session.nasName()), session.id());
    jedis.set(key(session.id()), StoreJson.write(session));
  }

  @Override
  public Optional<Session> find(String id) {
    return decode(jedis.get(key(id)));
  }

  @Override
  public Optional<Session> remove(String id) {
    Optional<Session> removed = decode(jedis.getDel(key(id)));
    removed.ifPresent(
        s -> {
          jedis.zrem(villageKey(s.villageId()), s.id());
          jedis.srem(nasKey(s.nasName()), s.id());
        });
    return removed;
  }

  @Override
  public List<Session> listByVillage(String villageId) {
    return fetch(jedis.zrange(villageKey(villageId), 0, -1)).stream()
        .filter(s -> s.villageId().equals(villageId))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public List<Session> listByNas(String nasName) {
    return fetch(jedis.smembers(nasKey(nasName))).stream()
        .filter(s -> s.nasName().equals(nasName))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  private List<Session> fetch(Collection<String> ids) {
    List<Response<String>> replies = new ArrayList<>();
    try (AbstractPipeline pipeline = jedis.pipelined()) {
      ids.forEach(id -> replies.add(pipeline.get(key(id))));
      pipeline.sync();
    }
    return replies.stream()
        .map(Response::get)
        .filter(Objects::nonNull)
        .map(json -> StoreJson.read(json, Session.class))
        .toList();
  }

  private static Optional<Session> decode(String json) {
    return Optional.ofNullable(json).map(text -> StoreJson.read(text, Session.class));
  }
}
