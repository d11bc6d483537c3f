package org.smartkampung.core.config;

import java.util.List;

/**
 * How to reach Redis.
 *
 * @param topology standalone (default), sentinel or cluster
 * @param uri standalone only: {@code redis://[user:password@]host:port[/db]}, {@code rediss://} for
 *     TLS; exactly one host
 * @param masterName sentinel only: the name the Sentinels monitor the master under
 * @param nodes sentinel: the Sentinels' {@code host:port}; cluster: some of the nodes' {@code
 *     host:port} (the rest are learnt from them)
 * @param user sentinel and cluster: ACL user of the data nodes, or null for the default user
 * @param password sentinel and cluster: password of the data nodes, or null
 * @param tls sentinel and cluster: TLS to the data nodes (and to the Sentinels)
 * @param sentinelUser ACL user of the Sentinels themselves, or null
 * @param sentinelPassword password of the Sentinels themselves, or null when they need none
 * @param timeoutMillis longest a single Redis call may take before the caller gets a typed failure
 * @param poolSize connections in the pool (per node on a cluster)
 * @param minReplicasAcked replicas that must hold an accounting record before it is acknowledged
 *     ({@code WAIT} once per pipeline); 0 sends no {@code WAIT}. Defaults to 0 on standalone, 1 on
 *     sentinel and cluster
 * @param waitTimeoutMillis longest {@code WAIT} blocks; when fewer replicas answered in that time
 *     the batch fails, so the NAS retries
 */
public record RedisSettings(
    RedisTopology topology,
    String uri,
    String masterName,
    List<String> nodes,
    String user,
    String password,
    Boolean tls,
    String sentinelUser,
    String sentinelPassword,
    Integer timeoutMillis,
    Integer poolSize,
    Integer minReplicasAcked,
    Integer waitTimeoutMillis) {

  public static final String DEFAULT_URI = "redis://127.0.0.1:6379";

  public static final RedisSettings DEFAULTS = new RedisSettings(null, null, null);

  public RedisSettings {
    topology = topology == null ? RedisTopology.STANDALONE : topology;
    // uri stays null when left out, so the rules can tell "not written" from the default.
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    // ${KAMPUNG_REDIS_PASSWORD:-} left empty means "no password", not an empty one.
    user = blankToNull(user);
    password = blankToNull(password);
    sentinelUser = blankToNull(sentinelUser);
    sentinelPassword = blankToNull(sentinelPassword);
    tls = tls != null && tls;
    timeoutMillis = timeoutMillis == null ? 500 : timeoutMillis;
    poolSize = poolSize == null ? 16 : poolSize;
    minReplicasAcked =
        minReplicasAcked != null ? minReplicasAcked : topology == RedisTopology.STANDALONE ? 0 : 1;
    waitTimeoutMillis = waitTimeoutMillis == null ? 500 : waitTimeoutMillis;
  }

  /** A standalone server at {@code uri}. */
  public RedisSettings(String uri, Integer timeoutMillis, Integer poolSize) {
    this(
        RedisTopology.STANDALONE,
        uri,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        timeoutMillis,
        poolSize,
        null,
        null);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** The standalone URI, or the default {@value #DEFAULT_URI} when none was written. */
  public String standaloneUri() {
    return uri == null ? DEFAULT_URI : uri;
  }

  /** The same settings with another replica acknowledgement rule. */
  public RedisSettings withMinReplicasAcked(int replicas, int timeoutMillis) {
    return new RedisSettings(
        topology,
        uri,
        masterName,
        nodes,
        user,
        password,
        tls,
        sentinelUser,
        sentinelPassword,
        this.timeoutMillis,
        poolSize,
        replicas,
        timeoutMillis);
  }

  /** Where the store is, for logs: the URI without its password, or the topology's nodes. */
  public String describe() {
    return switch (topology) {
      case STANDALONE -> standaloneUri().replaceFirst("//[^@/]*@", "//***@");
      case SENTINEL -> "Sentinel master '" + masterName + "' via " + String.join(",", nodes);
      case CLUSTER -> "Cluster via " + String.join(",", nodes);
    };
  }
}
