package org.smartkampung.core.config;

import java.util.List;

/** The meaning checks of {@code store.redis}: which keys go with which topology, and addresses. */
final class RedisRules {

  private static final String P = "store.redis.";

  private final Problems problems;

  private RedisRules(Problems problems) {
    this.problems = problems;
  }

  static void check(RedisSettings redis, Problems problems) {
    new RedisRules(problems).all(redis);
  }

  private void all(RedisSettings redis) {
    RedisTopology topology = redis.topology();
    String name = ConfigShape.kebab(topology);
    if (topology == RedisTopology.STANDALONE) {
      RedisAddresses.uriProblem(redis.standaloneUri()).ifPresent(m -> problems.at(P + "uri", m));
      onlyFor("master-name", redis.masterName(), "sentinel");
      onlyFor("nodes", redis.nodes().isEmpty() ? null : redis.nodes(), "sentinel or cluster");
      String inUri =
          "sentinel or cluster (standalone: put them in uri, rediss://user:password@host)";
      onlyFor("user", redis.user(), inUri);
      onlyFor("password", redis.password(), inUri);
      onlyFor("tls", redis.tls() ? Boolean.TRUE : null, inUri);
    } else {
      if (redis.uri() != null) {
        problems.at(
            P + "uri",
            "uri is for topology: standalone; with topology: "
                + name
                + " list the "
                + (topology == RedisTopology.SENTINEL ? "Sentinels" : "cluster nodes")
                + " under nodes (host:port) and give user/password/tls as their own keys");
      }
      nodes(redis.nodes(), topology);
    }
    if (topology == RedisTopology.SENTINEL) {
      if (redis.masterName() == null || redis.masterName().isBlank()) {
        problems.at(
            P + "master-name",
            "missing required field: the name the Sentinels monitor the master under"
                + " (sentinel monitor <name> ...)");
      }
    } else {
      if (topology == RedisTopology.CLUSTER) {
        onlyFor("master-name", redis.masterName(), "sentinel");
      }
      onlyFor("sentinel-user", redis.sentinelUser(), "sentinel");
      onlyFor("sentinel-password", redis.sentinelPassword(), "sentinel");
    }
    atLeast("timeout-millis", redis.timeoutMillis(), 1);
    atLeast("pool-size", redis.poolSize(), 1);
    atLeast("min-replicas-acked", redis.minReplicasAcked(), 0);
    atLeast("wait-timeout-millis", redis.waitTimeoutMillis(), 1);
  }

  private void nodes(List<String> nodes, RedisTopology topology) {
    if (nodes.isEmpty()) {
      problems.at(
          P + "nodes",
          topology == RedisTopology.SENTINEL
              ? "missing required field: the Sentinels' host:port, e.g. [10.0.0.1:26379,"
                  + " 10.0.0.2:26379, 10.0.0.3:26379]"
              : "missing required field: some cluster nodes' host:port, e.g. [10.0.0.1:7000,"
                  + " 10.0.0.2:7000]");
      return;
    }
    for (int i = 0; i < nodes.size(); i++) {
      String node = nodes.get(i);
      if (RedisAddresses.node(node).isEmpty()) {
        problems.at(
            P + "nodes[" + i + "]",
            "'"
                + node
                + "' is not host:port, e.g. 10.0.0.1:"
                + (topology == RedisTopology.SENTINEL ? 26379 : 7000));
      }
    }
  }

  private void onlyFor(String key, Object value, String topologies) {
    if (value != null) {
      problems.at(P + key, key + " is only for topology: " + topologies);
    }
  }

  private void atLeast(String key, Number value, long min) {
    if (value != null && value.longValue() < min) {
      String rule = min == 0 ? "must not be negative" : "must be at least " + min;
      problems.at(P + key, rule + ", got " + value);
    }
  }
}
