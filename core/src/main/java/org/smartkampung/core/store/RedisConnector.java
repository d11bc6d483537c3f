package org.smartkampung.core.store;

import java.net.URI;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.quota.StoreUnavailableException;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens the pooled Jedis client every Redis-backed store shares, and proves it reachable at start.
 * Stores take a {@link UnifiedJedis} so the same code runs on a standalone Redis or a Cluster.
 */
public final class RedisConnector {

  private RedisConnector() {}

  /**
   * Connects and sends PING.
   *
   * @throws StoreUnavailableException naming host:port when Redis does not answer
   */
  public static UnifiedJedis connect(RedisSettings settings) {
    URI uri = URI.create(settings.uri());
    HostAndPort address =
        new HostAndPort(
            uri.getHost() == null ? "127.0.0.1" : uri.getHost(),
            uri.getPort() < 0 ? 6379 : uri.getPort());
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(settings.timeoutMillis())
            .socketTimeoutMillis(settings.timeoutMillis())
            .ssl("rediss".equals(uri.getScheme()));
    String userInfo = uri.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        client.password(userInfo);
      } else {
        if (colon > 0) {
          client.user(userInfo.substring(0, colon));
        }
        client.password(userInfo.substring(colon + 1));
      }
    }
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      client.database(Integer.parseInt(path.substring(1)));
    }
    JedisClientConfig config = client.build();
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(settings.poolSize());
    pool.setMaxIdle(settings.poolSize());
    pool.setMinIdle(Math.min(2, settings.poolSize()));
    // A caller waits for a free connection no longer than for Redis itself.
    pool.setMaxWait(java.time.Duration.ofMillis(settings.timeoutMillis()));
    UnifiedJedis jedis =
        RedisClient.builder().hostAndPort(address).clientConfig(config).poolConfig(pool).build();
    try {
      jedis.ping();
    } catch (RuntimeException e) {
      jedis.close();
      throw new StoreUnavailableException(
          "Redis at " + address + " is unreachable: " + e.getMessage(), e);
    }
    return jedis;
  }
}
