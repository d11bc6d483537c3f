package org.smartkampung.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.RedisTopology;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of three masters with one replica each on loopback, made with {@code redis-cli
 * --cluster create}, started by a test and killed at close.
 */
public final class TestCluster implements AutoCloseable {

  private final List<RedisProcess> nodes;

  private TestCluster(List<RedisProcess> nodes) {
    this.nodes = nodes;
  }

  /** Starts six nodes, joins them and waits until every master has its replica online. */
  public static TestCluster start() throws IOException {
    Path dir = Files.createTempDirectory("kampung-cluster");
    List<RedisProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        int index = i;
        nodes.add(
            RedisProcess.server(
                dir,
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                "nodes-" + index + "-" + System.nanoTime() + ".conf",
                "--cluster-node-timeout",
                "1000"));
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      nodes.forEach(n -> create.add(n.address()));
      create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      Process join =
          new ProcessBuilder(create)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("create.log").toFile())
              .start();
      if (!join.waitFor(60, TimeUnit.SECONDS) || join.exitValue() != 0) {
        join.destroyForcibly();
        throw new IOException(
            "redis-cli --cluster create failed: " + Files.readString(dir.resolve("create.log")));
      }
    } catch (IOException | RuntimeException e) {
      nodes.forEach(RedisProcess::close);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      nodes.forEach(RedisProcess::close);
      throw new IOException("interrupted while creating the cluster", e);
    }
    TestCluster cluster = new TestCluster(nodes);
    cluster.awaitHealthy();
    return cluster;
  }

  /** Waits until the live nodes agree the cluster is ok and every master has a replica online. */
  public void awaitHealthy() {
    Awaitility.await("cluster ok with a replica per master")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(this::healthy);
  }

  private boolean healthy() {
    int mastersWithReplica = 0;
    for (RedisProcess node : nodes) {
      if (!node.alive()) {
        continue;
      }
      try (Jedis jedis = node.control()) {
        if (!jedis.clusterInfo().contains("cluster_state:ok")) {
          return false;
        }
        String replication = jedis.info("replication");
        if (replication.contains("role:master") && replication.contains("state=online")) {
          mastersWithReplica++;
        }
      }
    }
    return mastersWithReplica == 3;
  }

  /** Settings for the store; {@code minReplicasAcked} 1, the Cluster default. */
  public RedisSettings settings() {
    return settings(nodes.stream().map(RedisProcess::address).toList());
  }

  static RedisSettings settings(List<String> seeds) {
    return new RedisSettings(
        RedisTopology.CLUSTER,
        null,
        null,
        seeds,
        null,
        null,
        null,
        null,
        null,
        1_000,
        8,
        null,
        1_000);
  }

  /** The env var form: the nodes' {@code host:port}, comma-separated. */
  public String envValue() {
    return String.join(",", nodes.stream().map(RedisProcess::address).toList());
  }

  /** The live master that serves {@code key}'s slot now. */
  public RedisProcess masterOf(String key) {
    int slot = JedisClusterCRC16.getSlot(key);
    for (RedisProcess node : nodes) {
      if (!node.alive()) {
        continue;
      }
      try (Jedis jedis = node.control()) {
        for (String line : jedis.clusterNodes().split("\n")) {
          String[] f = line.split(" ");
          if (f.length > 8 && f[2].contains("myself") && f[2].contains("master")) {
            for (int i = 8; i < f.length; i++) {
              String[] range = f[i].split("-");
              int from = Integer.parseInt(range[0]);
              int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
              if (slot >= from && slot <= to) {
                return node;
              }
            }
          }
        }
      }
    }
    throw new IllegalStateException("no live master serves slot " + slot);
  }

  /** The live replica of {@code master}. */
  public RedisProcess replicaOf(RedisProcess master) {
    for (RedisProcess node : nodes) {
      if (node == master || !node.alive()) {
        continue;
      }
      try (Jedis jedis = node.control()) {
        String info = jedis.info("replication");
        if (info.contains("role:slave") && info.contains("master_port:" + master.port() + "\r")) {
          return node;
        }
      }
    }
    throw new IllegalStateException("no live replica of " + master.address());
  }

  @Override
  public void close() {
    nodes.forEach(RedisProcess::close);
  }
}
