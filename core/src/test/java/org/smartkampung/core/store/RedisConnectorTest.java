package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.core.testing.RedisTopologies;
import org.smartkampung.core.testing.TestSentinelSet;

class RedisConnectorTest {

  @Test
  void aUriWithSeveralHostsIsRefusedInsteadOfReachingLocalhost() {
    RedisSettings settings = new RedisSettings("redis://10.99.0.1:7000,10.99.0.2:7000", 300, 2);

    assertThatThrownBy(() -> RedisConnector.open(settings))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("names several hosts")
        .hasMessageNotContaining("127.0.0.1");
  }

  @Test
  void unreachableSentinelsAreNamedWithTheMasterName() throws IOException {
    int dead = deadPort();
    RedisSettings settings = settings(RedisTopology.SENTINEL, "kampung", "127.0.0.1:" + dead);

    assertThatThrownBy(() -> RedisConnector.open(settings))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith(
            "Redis at Sentinel master 'kampung' via 127.0.0.1:" + dead + " is unreachable");
  }

  @Test
  void unreachableClusterSeedsAreNamed() throws IOException {
    int dead = deadPort();
    RedisSettings settings = settings(RedisTopology.CLUSTER, null, "127.0.0.1:" + dead);

    assertThatThrownBy(() -> RedisConnector.open(settings))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith("Redis at Cluster via 127.0.0.1:" + dead + " is unreachable");
  }

  @Test
  void aClusterIsReachedFromASingleSeedAndFollowsRedirections() {
    RedisSettings shared = RedisTopologies.settings(RedisTopology.CLUSTER);
    RedisSettings oneSeed =
        settings(RedisTopology.CLUSTER, null, shared.nodes().get(shared.nodes().size() - 1));

    try (RedisConnector.Connected redis = RedisConnector.open(oneSeed)) {
      // Keys in many slots: a single-node client would die here on MOVED.
      for (int i = 0; i < 50; i++) {
        redis.jedis().set("kampung:test:seed:{" + i + "}", "" + i);
      }
      for (int i = 0; i < 50; i++) {
        assertThat(redis.jedis().get("kampung:test:seed:{" + i + "}")).isEqualTo("" + i);
      }
    }
  }

  @Test
  void aSentinelSetWithPasswordsOnDataNodesAndSentinelsIsReached() throws IOException {
    RedisTestServer.uri();
    try (TestSentinelSet set = TestSentinelSet.start("rahasia-data", "rahasia-sentinel")) {
      RedisSettings open = set.settings();
      RedisSettings withAuth =
          new RedisSettings(
              RedisTopology.SENTINEL,
              null,
              open.masterName(),
              open.nodes(),
              null,
              "rahasia-data",
              null,
              null,
              "rahasia-sentinel",
              1_000,
              2,
              null,
              null);

      try (RedisConnector.Connected redis = RedisConnector.open(withAuth)) {
        redis.jedis().set("kampung:test:auth", "ok");
        assertThat(redis.jedis().get("kampung:test:auth")).isEqualTo("ok");
      }
      assertThatThrownBy(() -> RedisConnector.open(open))
          .as("without the passwords")
          .isInstanceOf(StoreUnavailableException.class);
    }
  }

  private static RedisSettings settings(RedisTopology topology, String master, String node) {
    return new RedisSettings(
        topology, null, master, List.of(node), null, null, null, null, null, 300, 2, null, null);
  }

  private static int deadPort() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    } // closed: nothing listens there now
  }
}
