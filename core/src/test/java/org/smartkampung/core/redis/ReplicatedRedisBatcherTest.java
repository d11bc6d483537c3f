package org.smartkampung.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.testing.RedisProcess;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.core.testing.TestCluster;
import redis.clients.jedis.Jedis;

/**
 * A batch is acknowledged only once a replica holds it: each pipeline ends in WAIT on the
 * connection that carried its writes (on a Cluster, on every node it wrote to).
 */
class ReplicatedRedisBatcherTest {

  @Test
  void aBatchIsAcknowledgedOnlyWhileAReplicaTakesItsWrites() throws Exception {
    RedisTestServer.uri(); // fails or skips here when there is no redis-server
    Path dir = Files.createTempDirectory("kampung-wait");
    try (RedisProcess master = RedisProcess.server(dir);
        RedisProcess replica =
            RedisProcess.server(dir, "--replicaof", "127.0.0.1", "" + master.port())) {
      awaitReplicas(master, 1);
      RedisSettings settings =
          new RedisSettings("redis://" + master.address(), 1_000, 4).withMinReplicasAcked(1, 300);
      try (RedisConnector.Connected redis = RedisConnector.open(settings);
          RedisBatcher batcher = redis.batcher("wait-test")) {

        assertThat(batcher.submit(p -> p.incrBy("kampung:test:wait", 5)).get(5, TimeUnit.SECONDS))
            .isEqualTo(5);
        try (Jedis onReplica = replica.control()) {
          assertThat(onReplica.get("kampung:test:wait")).isEqualTo("5");
        }

        replica.pause();
        CompletableFuture<Long> unreplicated =
            batcher.submit(p -> p.incrBy("kampung:test:wait", 7));

        assertThat(unreplicated)
            .failsWithin(Duration.ofSeconds(5))
            .withThrowableOfType(ExecutionException.class)
            .withCauseInstanceOf(ReplicasNotReachedException.class)
            .withMessageContaining("only 0 of 1 replicas acknowledged within 300 ms");
        // The master took it: a NAS retry must not charge it twice, which the ledger ensures.
        assertThat(redis.jedis().get("kampung:test:wait")).isEqualTo("12");

        replica.resume();
        Awaitility.await("batches acknowledged again once the replica catches up")
            .atMost(Duration.ofSeconds(10))
            .ignoreExceptions()
            .until(
                () -> batcher.submit(p -> p.get("kampung:test:wait")).get(5, TimeUnit.SECONDS),
                "12"::equals);
      }
    }
  }

  @Test
  void aMasterWhoseReplicaIsGoneAcknowledgesOnWhatThereIs() throws Exception {
    RedisTestServer.uri();
    Path dir = Files.createTempDirectory("kampung-wait");
    try (RedisProcess master = RedisProcess.server(dir);
        RedisProcess replica =
            RedisProcess.server(dir, "--replicaof", "127.0.0.1", "" + master.port())) {
      awaitReplicas(master, 1);
      RedisSettings settings =
          new RedisSettings("redis://" + master.address(), 1_000, 4).withMinReplicasAcked(1, 300);
      try (RedisConnector.Connected redis = RedisConnector.open(settings);
          RedisBatcher batcher = redis.batcher("gone-test")) {
        replica.kill();
        awaitReplicas(master, 0);

        // As after a failover whose old master has not come back: waiting would stop accounting.
        for (int i = 1; i <= 3; i++) {
          assertThat(batcher.submit(p -> p.incrBy("kampung:test:gone", 1)).get(5, TimeUnit.SECONDS))
              .isEqualTo(i);
        }
      }
    }
  }

  @Test
  void withoutReplicaRuleABatchSendsNoWait() throws Exception {
    RedisSettings settings = new RedisSettings(RedisTestServer.uri(), 1_000, 4);
    assertThat(settings.minReplicasAcked()).isZero();
    try (RedisConnector.Connected redis = RedisConnector.open(settings);
        RedisBatcher batcher = redis.batcher("no-wait-test")) {
      // The test server has no replica: a WAIT 1 would time out and fail this.
      assertThat(batcher.submit(p -> p.incrBy("kampung:test:no-wait", 1)).get(5, TimeUnit.SECONDS))
          .isPositive();
    }
  }

  @Test
  void onAClusterEveryNodeWrittenToMustReachItsReplica() throws Exception {
    RedisTestServer.uri();
    try (TestCluster cluster = TestCluster.start()) {
      RedisSettings settings = cluster.settings();
      assertThat(settings.topology()).isEqualTo(RedisTopology.CLUSTER);
      List<String> keys = keysOnThreeMasters(cluster);
      try (RedisConnector.Connected redis =
              RedisConnector.open(settings.withMinReplicasAcked(1, 300));
          RedisBatcher batcher = redis.batcher("cluster-wait-test")) {
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (String key : keys) {
          all.add(batcher.submit(p -> p.incrBy(key, 3)));
        }
        for (CompletableFuture<Long> one : all) {
          assertThat(one.get(5, TimeUnit.SECONDS)).isEqualTo(3);
        }

        RedisProcess shard = cluster.masterOf(keys.get(1));
        RedisProcess itsReplica = cluster.replicaOf(shard);
        itsReplica.pause();

        assertThat(batcher.submit(p -> p.incrBy(keys.get(0), 1)).get(5, TimeUnit.SECONDS))
            .as("a shard whose replica is alive still acknowledges")
            .isEqualTo(4);
        assertThat(batcher.submit(p -> p.incrBy(keys.get(1), 1)))
            .failsWithin(Duration.ofSeconds(5))
            .withThrowableOfType(ExecutionException.class)
            .withCauseInstanceOf(ReplicasNotReachedException.class);
        itsReplica.resume();
      }
    }
  }

  private static List<String> keysOnThreeMasters(TestCluster cluster) {
    List<String> keys = new ArrayList<>();
    List<RedisProcess> masters = new ArrayList<>();
    for (int i = 0; keys.size() < 3; i++) {
      String key = "kampung:test:{w" + i + "}";
      RedisProcess master = cluster.masterOf(key);
      if (!masters.contains(master)) {
        masters.add(master);
        keys.add(key);
      }
    }
    return keys;
  }

  private static void awaitReplicas(RedisProcess master, int online) {
    Awaitility.await("master sees " + online + " replica(s) online")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              try (Jedis jedis = master.control()) {
                String info = jedis.info("replication");
                return info.contains("connected_slaves:" + online)
                    && (online == 0 || info.contains("state=online"));
              }
            });
  }
}
