package org.smartkampung.core.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.ClusterCommandObjects;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Pipelines on a Redis Cluster that remember which nodes they wrote to, so {@code WAIT} goes to
 * each of those nodes on the very connection that carried the writes.
 */
public final class ClusterPipelines implements Pipelines {

  private static final Logger log = LoggerFactory.getLogger(ClusterPipelines.class);

  private static final int SLOTS = 16_384;

  /** For every hash slot, a short key in that slot: WAIT routes by a sample key. */
  private static final String[] SLOT_KEYS = slotKeys();

  /** A failed pipeline re-reads the slot map at most this often. */
  private static final long RENEW_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final ClusterConnectionProvider provider;
  private final RedisProtocol protocol;
  private final AtomicLong lastRenewNanos = new AtomicLong(System.nanoTime() - RENEW_EVERY_NANOS);

  /**
   * @param provider the connection provider the cluster client itself uses, so both share pools and
   *     slot map
   * @param protocol the client's protocol, or null for the default
   */
  public ClusterPipelines(ClusterConnectionProvider provider, RedisProtocol protocol) {
    this.provider = provider;
    // A client config without a protocol speaks RESP2 (no HELLO).
    this.protocol = protocol == null ? RedisProtocol.RESP2 : protocol;
  }

  @Override
  public AbstractPipeline open() {
    return new Tracking(provider, new ClusterCommandObjects(protocol));
  }

  @Override
  public List<Node> nodesWritten(AbstractPipeline pipeline) {
    List<Node> nodes = new ArrayList<>();
    ((Tracking) pipeline)
        .slotByNode.forEach((node, slot) -> nodes.add(new Node(node.toString(), SLOT_KEYS[slot])));
    return nodes;
  }

  @Override
  public int replicasInSync(Node node) {
    HostAndPort address = HostAndPort.from(node.id());
    try (Connection connection = provider.getConnection(address)) {
      return Pipelines.parseReplicasInSync(
          connection.executeCommand(
              new CommandObject<>(
                  new CommandArguments(Protocol.Command.INFO).add("replication"),
                  BuilderFactory.STRING)));
    }
  }

  @Override
  public void failed(RuntimeException cause) {
    long now = System.nanoTime();
    long last = lastRenewNanos.get();
    if (now - last >= RENEW_EVERY_NANOS && lastRenewNanos.compareAndSet(last, now)) {
      try {
        provider.renewSlotCache();
      } catch (RuntimeException e) {
        log.debug("Cluster slot map not renewed after a failed pipeline: {}", e.toString());
      }
    }
  }

  /** A cluster pipeline that notes one slot of every node it sends to. */
  private static final class Tracking extends ClusterPipeline {
    private final Map<HostAndPort, Integer> slotByNode = new LinkedHashMap<>();

    Tracking(ClusterConnectionProvider provider, ClusterCommandObjects commands) {
      super(provider, commands);
    }

    @Override
    protected HostAndPort getNodeKey(CommandArguments args) {
      HostAndPort node = super.getNodeKey(args);
      if (node != null) {
        slotByNode.putIfAbsent(node, args.getKeyHashSlots().iterator().next());
      }
      return node;
    }
  }

  private static String[] slotKeys() {
    String[] keys = new String[SLOTS];
    Map<Integer, String> found = new HashMap<>(SLOTS * 2);
    for (int i = 0; found.size() < SLOTS; i++) {
      String key = "kampung:wait:" + i;
      found.putIfAbsent(JedisClusterCRC16.getSlot(key), key);
    }
    found.forEach((slot, key) -> keys[slot] = key);
    return keys;
  }
}
