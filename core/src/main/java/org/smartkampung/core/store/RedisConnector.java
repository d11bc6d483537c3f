package org.smartkampung.core.store;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.smartkampung.core.config.RedisAddresses;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.redis.ClusterPipelines;
import org.smartkampung.core.redis.Pipelines;
import org.smartkampung.core.redis.RedisBatcher;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Opens the pooled Jedis client every Redis-backed store shares, for the configured topology, and
 * proves it reachable at start. Stores take a {@link UnifiedJedis}, so the same code runs on a
 * standalone server, a Sentinel-managed master (the client follows a promotion the Sentinels
 * announce) and a Cluster (the client follows MOVED/ASK redirections and re-reads the slot map).
 */
public final class RedisConnector {

  /** A Cluster client re-reads the slot map this often even when nothing failed. */
  static final Duration CLUSTER_TOPOLOGY_REFRESH = Duration.ofSeconds(5);

  private RedisConnector() {}

  /**
   * The shared client and how to send pipelines on it.
   *
   * @param jedis the client every store uses; closing it closes every connection
   * @param pipelines opens {@link RedisBatcher} pipelines on the same pools
   * @param settings what it was opened from
   */
  public record Connected(UnifiedJedis jedis, Pipelines pipelines, RedisSettings settings)
      implements AutoCloseable {

    /** A batcher whose pipelines wait for the configured replicas. */
    public RedisBatcher batcher(String name) {
      return new RedisBatcher(
          pipelines,
          settings.minReplicasAcked(),
          settings.waitTimeoutMillis(),
          RedisBatcher.DEFAULT_LANES,
          name);
    }

    /** Closes the client and every connection of its pools. */
    @Override
    public void close() {
      jedis.close();
    }
  }

  /**
   * Connects and sends PING.
   *
   * @throws StoreUnavailableException naming where Redis was looked for when it does not answer
   */
  public static UnifiedJedis connect(RedisSettings settings) {
    return open(settings).jedis();
  }

  /**
   * Connects for the configured topology and sends PING.
   *
   * @throws StoreUnavailableException naming where Redis was looked for when it does not answer
   */
  public static Connected open(RedisSettings settings) {
    Connected connected;
    try {
      connected =
          switch (settings.topology()) {
            case STANDALONE -> standalone(settings);
            case SENTINEL -> sentinel(settings);
            case CLUSTER -> cluster(settings);
          };
    } catch (RuntimeException e) {
      throw unreachable(settings, e);
    }
    try {
      connected.jedis().ping();
    } catch (RuntimeException e) {
      connected.jedis().close();
      throw unreachable(settings, e);
    }
    return connected;
  }

  private static StoreUnavailableException unreachable(RedisSettings settings, Exception e) {
    return new StoreUnavailableException(
        "Redis at " + settings.describe() + " is unreachable: " + e.getMessage(), e);
  }

  private static Connected standalone(RedisSettings settings) {
    URI uri = URI.create(settings.standaloneUri());
    if (uri.getHost() == null) {
      // The config rules refuse this; a caller that skipped them must not land on localhost.
      throw new IllegalArgumentException(
          RedisAddresses.uriProblem(settings.standaloneUri()).orElse("no host in the URI"));
    }
    HostAndPort address = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    DefaultJedisClientConfig.Builder client =
        tls(timeouts(settings), "rediss".equals(uri.getScheme()));
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
    UnifiedJedis jedis =
        RedisClient.builder()
            .hostAndPort(address)
            .clientConfig(client.build())
            .poolConfig(pool(settings))
            .build();
    return new Connected(jedis, Pipelines.of(jedis), settings);
  }

  private static Connected sentinel(RedisSettings settings) {
    DefaultJedisClientConfig.Builder sentinels =
        tls(DefaultJedisClientConfig.builder(), settings.tls())
            .connectionTimeoutMillis(settings.timeoutMillis())
            .socketTimeoutMillis(settings.timeoutMillis())
            .user(settings.sentinelUser())
            .password(settings.sentinelPassword());
    UnifiedJedis jedis =
        RedisSentinelClient.builder()
            .masterName(settings.masterName())
            .sentinels(nodes(settings))
            .sentinelClientConfig(sentinels.build())
            .clientConfig(dataNodes(settings))
            .poolConfig(pool(settings))
            .build();
    return new Connected(jedis, Pipelines.of(jedis), settings);
  }

  private static Connected cluster(RedisSettings settings) {
    JedisClientConfig config = dataNodes(settings);
    Set<HostAndPort> seeds = nodes(settings);
    ClusterConnectionProvider provider =
        new ClusterConnectionProvider(seeds, config, pool(settings), CLUSTER_TOPOLOGY_REFRESH);
    UnifiedJedis jedis;
    try {
      jedis =
          RedisClusterClient.builder()
              .nodes(seeds)
              .connectionProvider(provider)
              .clientConfig(config)
              // Retry redirections and a dead master's slots for about one failover.
              .maxTotalRetriesDuration(
                  Duration.ofMillis(Math.max(2_000, 4L * settings.timeoutMillis())))
              .build();
    } catch (RuntimeException e) {
      provider.close();
      throw e;
    }
    return new Connected(
        jedis, new ClusterPipelines(provider, config.getRedisProtocol()), settings);
  }

  /** Data-node client settings for Sentinel and Cluster, where auth and TLS are their own keys. */
  private static JedisClientConfig dataNodes(RedisSettings settings) {
    return tls(timeouts(settings), settings.tls())
        .user(settings.user())
        .password(settings.password())
        .build();
  }

  /**
   * TLS with the JVM's default socket factory, as configured today. Jedis' replacement for {@code
   * ssl(boolean)}, {@code sslOptions}, brings its own trust and hostname-verification defaults: a
   * change for deployments that deserves its own change and a TLS test, so the old call stays here.
   */
  @SuppressWarnings("deprecation")
  private static DefaultJedisClientConfig.Builder tls(
      DefaultJedisClientConfig.Builder builder, boolean tls) {
    return builder.ssl(tls);
  }

  private static DefaultJedisClientConfig.Builder timeouts(RedisSettings settings) {
    // A pipeline ending in WAIT may block that long on the server before answering.
    int readMillis =
        settings.timeoutMillis()
            + (settings.minReplicasAcked() > 0 ? settings.waitTimeoutMillis() : 0);
    return DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(settings.timeoutMillis())
        .socketTimeoutMillis(readMillis);
  }

  private static Set<HostAndPort> nodes(RedisSettings settings) {
    Set<HostAndPort> nodes = new LinkedHashSet<>();
    for (String node : settings.nodes()) {
      RedisAddresses.Node parsed =
          RedisAddresses.node(node)
              .orElseThrow(() -> new IllegalArgumentException("not host:port: " + node));
      nodes.add(new HostAndPort(parsed.host(), parsed.port()));
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no nodes listed under store.redis.nodes");
    }
    return nodes;
  }

  /** Long-lived subscriptions a process may hold on one client. */
  static final int SUBSCRIPTIONS = 2;

  private static GenericObjectPoolConfig<Connection> pool(RedisSettings settings) {
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    // pool-size is for commands; the subscriptions (NAS facts, invalidation notices) hold a
    // connection each for as long as they run, on top of it.
    int total = settings.poolSize() + SUBSCRIPTIONS;
    pool.setMaxTotal(total);
    pool.setMaxIdle(total);
    pool.setMinIdle(Math.min(2, settings.poolSize()));
    // A caller waits for a free connection no longer than for Redis itself.
    pool.setMaxWait(Duration.ofMillis(settings.timeoutMillis()));
    return pool;
  }
}
