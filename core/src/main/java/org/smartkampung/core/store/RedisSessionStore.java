package org.smartkampung.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.redis.RedisBatcher;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Live sessions in Redis.
 *
 * <p>Keys: {@code kampung:session:{<id>}} the session as JSON; {@code
 * kampung:sessions:{v:<village>}} a sorted set of the village's session ids scored by start time
 * (epoch millis); {@code kampung:sessions:{nas:<name>}} a set of the NAS's session ids; {@code
 * kampung:sessions:{ip:<framed ip>}} a sorted set of the ids of sessions at that address, scored by
 * start time. They sit in different Cluster slots, so writes are ordered instead of atomic: put
 * adds the index entries before the data, remove takes the data (GETDEL) before the index entries.
 * A crash in between leaves a dangling index entry, which reads skip and remove; it never leaves an
 * unlisted session. A session whose address changed leaves its old address entry behind; {@link
 * #findByFramedIp} removes such an entry when it meets it.
 *
 * <p>Every key expires {@link #TTL_SECONDS} after the session's last write: a session whose Stop
 * never came and that the lost-session sweep did not close (no RADIUS role running) still ends.
 */
public final class RedisSessionStore implements SessionStore {

  private static final Comparator<Session> OLDEST_FIRST =
      Comparator.comparing(Session::startedAt).thenComparing(Session::id);

  /** Seconds a session and its index entries live after the session's last write. */
  static final long TTL_SECONDS = 2 * 24 * 3600L;

  /** Sessions read per pipeline when listing. */
  private static final int FETCH_CHUNK = 2_000;

  /** Sessions removed per pipeline in {@link #removeAll}. */
  private static final int REMOVE_CHUNK = 2_000;

  private final UnifiedJedis jedis;
  private final RedisBatcher batcher;

  public RedisSessionStore(UnifiedJedis jedis) {
    this(jedis, null);
  }

  /**
   * @param batcher pipelines {@link #putAsync} with other callers' commands; null writes at once
   */
  public RedisSessionStore(UnifiedJedis jedis, RedisBatcher batcher) {
    this.jedis = jedis;
    this.batcher = batcher;
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

  static String framedIpKey(String framedIp) {
    return "kampung:sessions:{ip:" + framedIp + "}";
  }

  @Override
  public void put(Session session) {
    // One round trip per accounting record: the writes go as one pipeline, index entries first.
    // A standalone Redis runs them in that order; on a Cluster they may land on different nodes
    // in any order, but the session is put again at least once an hour (INDEX_RENEWAL), so a
    // missing index entry heals itself.
    try (AbstractPipeline pipeline = jedis.pipelined()) {
      write(pipeline, session);
      pipeline.sync();
    }
  }

  /**
   * {@inheritDoc} The same writes as {@link #put}, in the batcher's next pipeline; a Redis failure
   * completes it with {@link StoreUnavailableException}.
   */
  @Override
  public CompletableFuture<Void> putAsync(Session session) {
    if (batcher == null) {
      return SessionStore.super.putAsync(session);
    }
    String json = StoreJson.write(session);
    return batcher
        .submit(pipeline -> write(pipeline, session, json))
        .handle(
            (ok, error) -> {
              if (error != null) {
                throw outage("Redis session write failed", error);
              }
              return null;
            });
  }

  /**
   * {@inheritDoc} Only the data key, in the batcher's next pipeline: one command instead of seven
   * for an Interim-Update. The index entries, written at the session's {@link #putAsync}, outlive
   * {@link SessionStore#INDEX_RENEWAL} by far ({@link #TTL_SECONDS}).
   */
  @Override
  public CompletableFuture<Void> updateAsync(Session session) {
    if (batcher == null) {
      return putAsync(session);
    }
    String json = StoreJson.write(session);
    return batcher
        .submit(
            pipeline ->
                pipeline.set(key(session.id()), json, SetParams.setParams().ex(TTL_SECONDS)))
        .handle(
            (ok, error) -> {
              if (error != null) {
                throw outage("Redis session write failed", error);
              }
              return null;
            });
  }

  private static Response<String> write(AbstractPipeline pipeline, Session session) {
    return write(pipeline, session, StoreJson.write(session));
  }

  private static Response<String> write(AbstractPipeline pipeline, Session session, String json) {
    long startedMillis = session.startedAt().toEpochMilli();
    pipeline.zadd(villageKey(session.villageId()), (double) startedMillis, session.id());
    pipeline.expire(villageKey(session.villageId()), TTL_SECONDS);
    pipeline.sadd(nasKey(session.nasName()), session.id());
    pipeline.expire(nasKey(session.nasName()), TTL_SECONDS);
    if (hasFramedIp(session)) {
      pipeline.zadd(framedIpKey(session.framedIp()), (double) startedMillis, session.id());
      pipeline.expire(framedIpKey(session.framedIp()), TTL_SECONDS);
    }
    return pipeline.set(key(session.id()), json, SetParams.setParams().ex(TTL_SECONDS));
  }

  private static Response<Long> unlink(AbstractPipeline pipeline, Session session) {
    Response<Long> deleted = pipeline.del(key(session.id()));
    pipeline.zrem(villageKey(session.villageId()), session.id());
    pipeline.srem(nasKey(session.nasName()), session.id());
    if (hasFramedIp(session)) {
      pipeline.zrem(framedIpKey(session.framedIp()), session.id());
    }
    return deleted;
  }

  @Override
  public CompletableFuture<Optional<Session>> findAsync(String id) {
    if (batcher == null) {
      return SessionStore.super.findAsync(id);
    }
    return batcher
        .submit(pipeline -> pipeline.get(key(id)))
        .handle(
            (json, error) -> {
              if (error != null) {
                throw outage("Redis session read failed", error);
              }
              return decode(json);
            });
  }

  /** {@inheritDoc} The data key and every index entry in the batcher's next pipeline. */
  @Override
  public CompletableFuture<Void> removeAsync(Session session) {
    if (batcher == null) {
      return SessionStore.super.removeAsync(session);
    }
    return batcher
        .submit(pipeline -> unlink(pipeline, session))
        .handle(
            (deleted, error) -> {
              if (error != null) {
                throw outage("Redis session removal failed", error);
              }
              return null;
            });
  }

  /**
   * {@inheritDoc} Each data key on its own (they sit in different Cluster slots); the village and
   * NAS index entries of a chunk in one command per index.
   */
  @Override
  public void removeAll(List<Session> sessions) {
    for (int from = 0; from < sessions.size(); from += REMOVE_CHUNK) {
      List<Session> chunk = sessions.subList(from, Math.min(sessions.size(), from + REMOVE_CHUNK));
      Map<String, List<String>> byVillage = new HashMap<>();
      Map<String, List<String>> byNas = new HashMap<>();
      try (AbstractPipeline pipeline = jedis.pipelined()) {
        for (Session s : chunk) {
          pipeline.del(key(s.id()));
          if (hasFramedIp(s)) {
            pipeline.zrem(framedIpKey(s.framedIp()), s.id());
          }
          byVillage.computeIfAbsent(villageKey(s.villageId()), k -> new ArrayList<>()).add(s.id());
          byNas.computeIfAbsent(nasKey(s.nasName()), k -> new ArrayList<>()).add(s.id());
        }
        byVillage.forEach((index, ids) -> pipeline.zrem(index, ids.toArray(String[]::new)));
        byNas.forEach((index, ids) -> pipeline.srem(index, ids.toArray(String[]::new)));
        pipeline.sync();
      }
    }
  }

  private static StoreUnavailableException outage(String what, Throwable error) {
    Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
    return new StoreUnavailableException(what + ": " + cause.getMessage(), cause);
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
          if (hasFramedIp(s)) {
            jedis.zrem(framedIpKey(s.framedIp()), s.id());
          }
        });
    return removed;
  }

  @Override
  public Optional<Session> findByFramedIp(String framedIp) {
    if (framedIp == null || framedIp.isEmpty()) {
      return Optional.empty();
    }
    String indexKey = framedIpKey(framedIp);
    // Newest first: the first one still at this address is the answer.
    for (String id : jedis.zrange(indexKey, ZRangeParams.zrangeParams(0, -1).rev())) {
      Optional<Session> session = find(id);
      if (session.isEmpty()) {
        continue; // ended, or a put still on its way: left for remove or put to settle
      }
      if (framedIp.equals(session.get().framedIp())) {
        return session;
      }
      jedis.zrem(indexKey, id); // the session moved to another address
    }
    return Optional.empty();
  }

  private static boolean hasFramedIp(Session s) {
    return s.framedIp() != null && !s.framedIp().isEmpty();
  }

  @Override
  public List<Session> listByVillage(String villageId) {
    String index = villageKey(villageId);
    List<Session> found = fetch(jedis.zrange(index, 0, -1), gone -> jedis.zrem(index, gone));
    return found.stream()
        .filter(s -> s.villageId().equals(villageId))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public List<Session> listByNas(String nasName) {
    String index = nasKey(nasName);
    List<Session> found = fetch(jedis.smembers(index), gone -> jedis.srem(index, gone));
    return found.stream().filter(s -> s.nasName().equals(nasName)).sorted(OLDEST_FIRST).toList();
  }

  /** The sessions of these ids; ids whose session expired are handed to {@code dangling}. */
  private List<Session> fetch(Collection<String> ids, Consumer<String[]> dangling) {
    List<String> order = new ArrayList<>(ids);
    List<Response<String>> replies = new ArrayList<>(order.size());
    // In chunks: one pipeline of a whole regency's sessions would hold Redis and the socket
    // past its timeout.
    for (int from = 0; from < order.size(); from += FETCH_CHUNK) {
      try (AbstractPipeline pipeline = jedis.pipelined()) {
        order
            .subList(from, Math.min(order.size(), from + FETCH_CHUNK))
            .forEach(id -> replies.add(pipeline.get(key(id))));
        pipeline.sync();
      }
    }
    List<Session> sessions = new ArrayList<>(order.size());
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      String json = replies.get(i).get();
      if (json == null) {
        gone.add(order.get(i));
      } else {
        sessions.add(StoreJson.read(json, Session.class));
      }
    }
    if (!gone.isEmpty()) {
      dangling.accept(gone.toArray(String[]::new));
    }
    return sessions;
  }

  private static Optional<Session> decode(String json) {
    return Optional.ofNullable(json).map(text -> StoreJson.read(text, Session.class));
  }
}
