package org.smartkampung.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.RedisTopology;
import redis.clients.jedis.Jedis;

/** A master, one replica and one Sentinel on loopback, started by a test and killed at close. */
public final class TestSentinelSet implements AutoCloseable {

  public static final String MASTER_NAME = "kampung-test";

  private final RedisProcess master;
  private final RedisProcess replica;
  private final RedisProcess sentinel;

  private TestSentinelSet(RedisProcess master, RedisProcess replica, RedisProcess sentinel) {
    this.master = master;
    this.replica = replica;
    this.sentinel = sentinel;
  }

  /** Starts the three and waits until the Sentinel knows the replica, so it can fail over. */
  public static TestSentinelSet start() throws IOException {
    return start(null, null);
  }

  /**
   * As {@link #start()}, with {@code password} on master and replica and {@code sentinelPassword}
   * on the Sentinel (either may be null).
   */
  public static TestSentinelSet start(String password, String sentinelPassword) throws IOException {
    Path dir = Files.createTempDirectory("kampung-sentinel");
    List<String> auth =
        password == null ? List.of() : List.of("--requirepass", password, "--masterauth", password);
    RedisProcess master = RedisProcess.server(dir, auth.toArray(String[]::new));
    List<String> replicaArgs = new ArrayList<>(auth);
    replicaArgs.addAll(List.of("--replicaof", "127.0.0.1", "" + master.port()));
    RedisProcess replica = RedisProcess.server(dir, replicaArgs.toArray(String[]::new));
    RedisProcess sentinel =
        RedisProcess.sentinel(dir, MASTER_NAME, master.port(), password, sentinelPassword);
    TestSentinelSet set = new TestSentinelSet(master, replica, sentinel);
    set.awaitReplicaKnown();
    return set;
  }

  private void awaitReplicaKnown() {
    Awaitility.await("replica in sync and known to the Sentinel")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> {
              try (Jedis m = master.control();
                  Jedis s = sentinel.control()) {
                return m.info("replication").contains("state=online")
                    && !s.sentinelReplicas(MASTER_NAME).isEmpty();
              }
            });
  }

  /** Settings for the store; {@code minReplicasAcked} 1, the Sentinel default. */
  public RedisSettings settings() {
    return settings(MASTER_NAME, List.of(sentinel.address()));
  }

  static RedisSettings settings(String masterName, List<String> sentinels) {
    return new RedisSettings(
        RedisTopology.SENTINEL,
        null,
        masterName,
        sentinels,
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

  /** The env var form: {@code master-name@host:port}. */
  public String envValue() {
    return MASTER_NAME + "@" + sentinel.address();
  }

  public RedisProcess master() {
    return master;
  }

  public RedisProcess replica() {
    return replica;
  }

  public RedisProcess sentinel() {
    return sentinel;
  }

  /** The port the Sentinel names as master now. */
  public int currentMasterPort() {
    try (Jedis s = sentinel.control()) {
      return Integer.parseInt(s.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
    }
  }

  @Override
  public void close() {
    sentinel.close();
    replica.close();
    master.close();
  }
}
