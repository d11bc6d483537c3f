package org.smartkampung.core.store;

import java.time.Instant;
import java.util.Optional;
import org.smartkampung.core.admin.AdminSession;
import org.smartkampung.core.admin.AdminSessionStore;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Admin sessions in Redis, shared by every portal instance: {@code <prefix>admin-session:<id>}
 * holds the session as JSON and expires with it (PXAT); {@code <prefix>admin-sessions:<username>}
 * is the set of the admin's session ids, for ending them all, and expires with the latest of them.
 * Only single-key commands, so it runs on Redis Cluster too.
 */
public final class RedisAdminSessionStore implements AdminSessionStore {

  private final UnifiedJedis jedis;
  private final String prefix;

  public RedisAdminSessionStore(UnifiedJedis jedis, String prefix) {
    this.jedis = jedis;
    this.prefix = prefix;
  }

  private String sessionKey(String id) {
    return prefix + "admin-session:" + id;
  }

  private String userKey(String username) {
    return prefix + "admin-sessions:" + username;
  }

  @Override
  public void create(AdminSession session) {
    long expiresAtMillis = Math.max(1, session.expiresAt().toEpochMilli());
    jedis.set(
        sessionKey(session.id()),
        StoreJson.write(session),
        SetParams.setParams().pxAt(expiresAtMillis));
    String user = userKey(session.username());
    jedis.sadd(user, session.id());
    // The set lives as long as its longest session (GT: never shortened by an older one).
    long ttl = jedis.pttl(user);
    if (ttl < 0 || System.currentTimeMillis() + ttl < expiresAtMillis) {
      jedis.pexpireAt(user, expiresAtMillis);
    }
  }

  @Override
  public Optional<AdminSession> find(String id, Instant now) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    String json = jedis.get(sessionKey(id));
    if (json == null) {
      return Optional.empty();
    }
    AdminSession s = StoreJson.read(json, AdminSession.class);
    return now.isBefore(s.expiresAt()) ? Optional.of(s) : Optional.empty();
  }

  @Override
  public void revoke(String id) {
    if (id == null || id.isEmpty()) {
      return;
    }
    String json = jedis.getDel(sessionKey(id));
    if (json != null) {
      jedis.srem(userKey(StoreJson.read(json, AdminSession.class).username()), id);
    }
  }

  @Override
  public void revokeAll(String username) {
    String user = userKey(username);
    for (String id : jedis.smembers(user)) {
      jedis.del(sessionKey(id));
    }
    jedis.del(user);
  }
}
