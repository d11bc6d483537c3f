package org.smartkampung.core.redis;

import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens the pipelines {@link RedisBatcher} sends, and asks that what a pipeline wrote reached
 * replicas. {@code WAIT} counts the writes of the connection it is sent on, so it must travel in
 * the same pipeline as the writes: once on a single server, once per node written to on a Cluster.
 */
public interface Pipelines {

  /**
   * A server a pipeline wrote to.
   *
   * @param id tells servers apart (host:port on a Cluster)
   * @param sampleKey a key served by that server, which routes a {@code WAIT} to it
   */
  record Node(String id, String sampleKey) {}

  /** A new pipeline; the caller syncs and closes it. */
  AbstractPipeline open();

  /** The servers the commands queued so far in {@code pipeline} go to. */
  List<Node> nodesWritten(AbstractPipeline pipeline);

  /**
   * Queues {@code WAIT replicas timeoutMillis} behind the commands already in {@code pipeline}, on
   * its connection to {@code node}.
   *
   * @return how many replicas acknowledged in time
   */
  default Response<Long> awaitReplicas(
      AbstractPipeline pipeline, Node node, int replicas, long timeoutMillis) {
    return pipeline.waitReplicas(node.sampleKey(), replicas, timeoutMillis);
  }

  /** Replicas in sync with {@code node} now (INFO replication), outside any pipeline. */
  int replicasInSync(Node node);

  /** Called when a pipeline failed, so a Cluster can re-read its slot map at once. */
  default void failed(RuntimeException cause) {}

  /** Pipelines over one connection at a time: a standalone server or a Sentinel-managed master. */
  static Pipelines of(UnifiedJedis jedis) {
    // The sample key only routes on a Cluster; one server needs no routing.
    List<Node> master = List.of(new Node("master", "kampung:wait"));
    return new Pipelines() {
      @Override
      public AbstractPipeline open() {
        return jedis.pipelined();
      }

      @Override
      public List<Node> nodesWritten(AbstractPipeline pipeline) {
        return master;
      }

      @Override
      public int replicasInSync(Node node) {
        return parseReplicasInSync(jedis.info("replication"));
      }
    };
  }

  /**
   * Replicas in sync from an INFO replication reply: its {@code slaveN:...,state=online,...} lines.
   * A replica still loading its first copy (after a failover, the old master coming back) cannot
   * acknowledge anything yet, so it does not count.
   */
  static int parseReplicasInSync(String info) {
    int online = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("slave") && line.contains("state=online")) {
        online++;
      }
    }
    return online;
  }
}
