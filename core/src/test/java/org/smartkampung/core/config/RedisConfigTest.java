package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store.redis section: the three topologies, and mistakes reported as file:line: field. */
class RedisConfigTest {

  private static final String FILE = "config/kampung.yaml";

  /** Line 1-3 are fixed; the store section starts at line 4, so its keys sit on lines 5 onwards. */
  private static final String HEAD =
      """
      regency: {id: banyuwangi, name: Kabupaten Banyuwangi}
      policies: [{id: standar}]
      villages: [{id: kemiren, name: Kemiren, policy: standar}]
      store:
        type: redis
      """;

  private static KampungConfig load(String redis) throws ConfigException {
    return ConfigLoader.load(FILE, HEAD + "  redis:\n" + redis.indent(4), Map.of());
  }

  private static List<ConfigError> errorsOf(String redis) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(redis));
    assertThat(e).as("expected the config to be rejected").isNotNull();
    return e.errors();
  }

  private static ConfigError error(int line, String field, String message) {
    return new ConfigError(FILE, line, field, message);
  }

  @Test
  void aUriWithSeveralHostsIsAnErrorNamingFileLineAndField() {
    // Java's URI parser reads this without a host; the old connector then used 127.0.0.1:6379.
    assertThat(errorsOf("uri: redis://10.99.0.1:7000,10.99.0.2:7000\n"))
        .containsExactly(
            error(
                7,
                "store.redis.uri",
                "'redis://10.99.0.1:7000,10.99.0.2:7000' names several hosts; one uri is one"
                    + " server. For a Sentinel set write topology: sentinel with master-name and"
                    + " nodes; for a Cluster, topology: cluster with nodes"));
  }

  @Test
  void aUriWithSeveralHostsAndAPasswordDoesNotPrintThePassword() {
    assertThat(errorsOf("uri: redis://:rahasia@10.99.0.1:7000,10.99.0.2:7000\n"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).doesNotContain("rahasia").contains("***"));
  }

  @Test
  void aUriWithoutAHostOrWithABadDatabaseIsAnError() {
    assertThat(errorsOf("uri: redis://:6379\n"))
        .extracting(ConfigError::message)
        .containsExactly("'redis://:6379' has no usable host:port, e.g. redis://127.0.0.1:6379");
    assertThat(errorsOf("uri: redis://10.0.0.1:6379/satu\n"))
        .extracting(ConfigError::message)
        .containsExactly("database 'satu' must be a number, e.g. redis://127.0.0.1:6379/0");
  }

  @Test
  void standaloneKeepsItsUriAndSendsNoWaitByDefault() throws Exception {
    RedisSettings redis = load("uri: redis://10.0.0.5:6379/2\n").store().redis();

    assertThat(redis.topology()).isEqualTo(RedisTopology.STANDALONE);
    assertThat(redis.standaloneUri()).isEqualTo("redis://10.0.0.5:6379/2");
    assertThat(redis.minReplicasAcked()).isZero();
  }

  @Test
  void sentinelLoadsWithMasterNameNodesAndAuth() throws Exception {
    RedisSettings redis =
        load("""
                topology: sentinel
                master-name: kampung
                nodes: [10.0.0.1:26379, 10.0.0.2:26379, "[fd00::3]:26379"]
                password: rahasia
                sentinel-password: rahasia-sentinel
                tls: true
                """)
            .store()
            .redis();

    assertThat(redis.topology()).isEqualTo(RedisTopology.SENTINEL);
    assertThat(redis.masterName()).isEqualTo("kampung");
    assertThat(redis.nodes()).hasSize(3);
    assertThat(redis.tls()).isTrue();
    assertThat(redis.minReplicasAcked()).isEqualTo(1);
    assertThat(redis.describe()).doesNotContain("rahasia");
  }

  @Test
  void clusterLoadsWithSeedNodesAndItsOwnReplicaRule() throws Exception {
    RedisSettings redis =
        load("""
                topology: cluster
                nodes: [10.0.0.1:7000, 10.0.0.2:7000]
                min-replicas-acked: 0
                wait-timeout-millis: 200
                """)
            .store()
            .redis();

    assertThat(redis.topology()).isEqualTo(RedisTopology.CLUSTER);
    assertThat(redis.nodes()).containsExactly("10.0.0.1:7000", "10.0.0.2:7000");
    assertThat(redis.minReplicasAcked()).isZero();
    assertThat(redis.waitTimeoutMillis()).isEqualTo(200);
  }

  @Test
  void sentinelWithoutMasterNameOrNodesNamesBothAtTheRedisSection() {
    assertThat(errorsOf("topology: sentinel\n"))
        .extracting(ConfigError::line, ConfigError::field)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(6, "store.redis.master-name"),
            org.assertj.core.groups.Tuple.tuple(6, "store.redis.nodes"));
  }

  @Test
  void aBadNodeIsReportedOnItsOwnLine() {
    assertThat(errorsOf("topology: cluster\nnodes:\n  - 10.0.0.1:7000\n  - 10.0.0.2\n"))
        .containsExactly(
            error(10, "store.redis.nodes[1]", "'10.0.0.2' is not host:port, e.g. 10.0.0.1:7000"));
  }

  @Test
  void keysOfAnotherTopologyAreErrors() {
    assertThat(errorsOf("topology: cluster\nuri: redis://10.0.0.1:7000\nnodes: [10.0.0.1:7000]\n"))
        .extracting(ConfigError::line, ConfigError::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(8, "store.redis.uri"));
    assertThat(errorsOf("master-name: kampung\n"))
        .extracting(ConfigError::line, ConfigError::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(7, "store.redis.master-name"));
  }

  @Test
  void anUnknownTopologyIsAnError() {
    assertThat(errorsOf("topology: sentinal\n"))
        .extracting(ConfigError::line, ConfigError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                7,
                "expected one of standalone, sentinel, cluster, got 'sentinal'"
                    + " (did you mean 'sentinel'?)"));
  }

  @Test
  void negativeReplicaCountIsAnError() {
    assertThat(errorsOf("min-replicas-acked: -1\n"))
        .containsExactly(
            error(7, "store.redis.min-replicas-acked", "must not be negative, got -1"));
  }
}
