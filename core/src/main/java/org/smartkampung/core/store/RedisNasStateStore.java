package org.smartkampung.core.store;

import org.smartkampung.core.nas.NasStateStore;
import redis.clients.jedis.UnifiedJedis;

/** NAS facts in Redis: {@code kampung:nas:message-authenticator-seen}, a set of NAS names. */
public final class RedisNasStateStore implements NasStateStore {

  static final String SEEN_KEY = "kampung:nas:message-authenticator-seen";

  private final UnifiedJedis jedis;

  public RedisNasStateStore(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  @Override
  public void markMessageAuthenticatorSeen(String nasName) {
    jedis.sadd(SEEN_KEY, nasName);
  }

  @Override
  public boolean messageAuthenticatorSeen(String nasName) {
    return jedis.sismember(SEEN_KEY, nasName);
  }
}
