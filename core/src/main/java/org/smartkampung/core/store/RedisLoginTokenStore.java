package org.smartkampung.core.store;

import java.time.Instant;
import java.util.Optional;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Login tokens in Redis: {@code kampung:login:{<username>}} holds the token as JSON and expires at
 * the token's expiry (PXAT), so nobody has to sweep. Consume is GETDEL (Redis 6.2+), atomic: of two
 * concurrent callers one gets the token, the other nothing. The expiry is checked again against the
 * caller's clock, since Redis's clock may lag behind.
 */
public final class RedisLoginTokenStore implements LoginTokenStore {

  private final UnifiedJedis jedis;

  public RedisLoginTokenStore(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  static String key(String username) {
    return "kampung:login:{" + username + "}";
  }

  @Override
  public void mint(LoginToken token) {
    jedis.set(
        key(token.username()),
        StoreJson.write(token),
        SetParams.setParams().pxAt(Math.max(1, token.expiresAt().toEpochMilli())));
  }

  @Override
  public Optional<LoginToken> consume(String username, Instant now) {
    String json = jedis.getDel(key(username));
    if (json == null) {
      return Optional.empty();
    }
    LoginToken token = StoreJson.read(json, LoginToken.class);
    return now.isBefore(token.expiresAt()) ? Optional.of(token) : Optional.empty();
  }
}
