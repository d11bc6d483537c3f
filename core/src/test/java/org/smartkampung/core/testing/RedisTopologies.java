package org.smartkampung.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.store.RedisConnector;
import redis.clients.jedis.UnifiedJedis;

/**
 * Real Redis of each topology for the store contract suites, shared by every test in the JVM.
 * Standalone is {@link RedisTestServer}. Sentinel uses {@code KAMPUNG_TEST_REDIS_SENTINEL} ({@code
 * master-name@host:port[,host:port]}) and Cluster {@code KAMPUNG_TEST_REDIS_CLUSTER} ({@code
 * host:port,...}) when the test command started them; otherwise they are started here from
 * redis-server on loopback, once per JVM. When that is impossible the test is skipped, or fails
 * under {@code kampung.requireExternal}.
 */
public final class RedisTopologies {

  private static final Map<RedisTopology, RedisSettings> settings =
      new EnumMap<>(RedisTopology.class);
  private static final Map<RedisTopology, RedisConnector.Connected> clients =
      new EnumMap<>(RedisTopology.class);

  private RedisTopologies() {}

  /**
   * Settings for a running Redis of {@code topology}; skips or fails the test when none can be had.
   */
  public static synchronized RedisSettings settings(RedisTopology topology) {
    RedisSettings known = settings.get(topology);
    if (known != null) {
      return known;
    }
    RedisSettings found =
        switch (topology) {
          case STANDALONE -> RedisTestServer.settings();
          case SENTINEL -> fromEnvOrStarted(topology, "KAMPUNG_TEST_REDIS_SENTINEL");
          case CLUSTER -> fromEnvOrStarted(topology, "KAMPUNG_TEST_REDIS_CLUSTER");
        };
    settings.put(topology, found);
    return found;
  }

  /** A client shared by the tests of one JVM (never closed: the JVM's end does that). */
  public static UnifiedJedis jedis(RedisTopology topology) {
    return connected(topology).jedis();
  }

  /** The shared client with its pipelines, for batchers that wait for replicas. */
  public static synchronized RedisConnector.Connected connected(RedisTopology topology) {
    return clients.computeIfAbsent(topology, t -> RedisConnector.open(settings(t)));
  }

  private static RedisSettings fromEnvOrStarted(RedisTopology topology, String variable) {
    String env = System.getenv(variable);
    if (env != null && !env.isBlank()) {
      System.out.println("RedisTopologies: " + topology + " from " + variable + "=" + env);
      return fromEnv(topology, env.trim());
    }
    try {
      RedisSettings started;
      if (topology == RedisTopology.SENTINEL) {
        TestSentinelSet set = TestSentinelSet.start();
        Runtime.getRuntime().addShutdownHook(new Thread(set::close));
        started = set.settings();
      } else {
        TestCluster cluster = TestCluster.start();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        started = cluster.settings();
      }
      System.out.println("RedisTopologies: started " + started.describe());
      return started;
    } catch (IOException | RuntimeException e) {
      String problem = "cannot start a " + topology + " Redis: " + e.getMessage();
      if (Boolean.getBoolean("kampung.requireExternal")) {
        throw new IllegalStateException(
            "A real Redis " + topology + " is required here: " + problem, e);
      }
      assumeTrue(false, "Redis tests skipped: " + problem);
      throw new AssertionError("unreachable");
    }
  }

  static RedisSettings fromEnv(RedisTopology topology, String value) {
    if (topology == RedisTopology.SENTINEL) {
      int at = value.indexOf('@');
      if (at < 1) {
        throw new IllegalStateException(
            "KAMPUNG_TEST_REDIS_SENTINEL must be master-name@host:port[,host:port], got " + value);
      }
      return TestSentinelSet.settings(value.substring(0, at), split(value.substring(at + 1)));
    }
    return TestCluster.settings(split(value));
  }

  private static List<String> split(String nodes) {
    return Arrays.stream(nodes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
