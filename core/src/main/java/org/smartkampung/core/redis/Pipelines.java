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

  /** A new pipeline; the caller syncs and closes it. */
  AbstractPipeline open();

  /**
   * Queues {@code WAIT replicas timeoutMillis} behind the commands already in {@code pipeline}, on
   * every connection they use.
   *
   * @return each {@code WAIT}'s reply: how many replicas acknowledged in time
   */
  List<Response<Long>> awaitReplicas(AbstractPipeline pipeline, int replicas, long timeoutMillis);

  /** Called when a pipeline failed, so a Cluster can re-read its slot map at once. */
  default void failed(RuntimeException cause) {}

  /** Pipelines over one connection at a time: a standalone server or a Sentinel-managed master. */
  static Pipelines of(UnifiedJedis jedis) {
    return new Pipelines() {
      @Override
      public AbstractPipeline open() {
        return jedis.pipelined();
      }

      @Override
      public List<Response<Long>> awaitReplicas(
          AbstractPipeline pipeline, int replicas, long timeoutMillis) {
        // The sample key only routes on a Cluster; one connection needs no routing.
        return List.of(pipeline.waitReplicas("kampung:wait", replicas, timeoutMillis));
      }
    };
  }
}
