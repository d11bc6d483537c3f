package org.smartkampung.core.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * Sends commands that many threads queue as Redis pipelines. Each of a few lanes sends one pipeline
 * at a time on a connection of its own: whatever was queued on a lane while its pipeline was on the
 * wire goes out together in the next. Under load one round trip serves many callers (accounting at
 * thousands of records a second) and the lanes keep several round trips in flight, so the server is
 * not bound by one pipeline's latency; alone, a command waits only for its own round trip and two
 * thread hand-offs.
 *
 * <p>When replicas must acknowledge, every pipeline ends with {@code WAIT}: its commands complete
 * only after that many replicas hold them (or every replica in sync, while fewer are), and all fail
 * when fewer did in time (the NAS then retries, and charges are idempotent), so a failover loses
 * nothing that was acknowledged.
 *
 * <p>Commands from one thread are sent in the order they were queued. Results complete on the
 * batcher's own thread, so what callers chain onto them must not block: hand blocking work to an
 * executor. A full queue or a closed batcher fails the command at once instead of waiting.
 */
public final class RedisBatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisBatcher.class);

  /** Most commands in one pipeline; more wait for the next one. */
  public static final int MAX_BATCH = 512;

  /** Commands that may wait on one lane before new ones are refused. */
  public static final int QUEUE_CAPACITY = 16_384;

  /** Lanes when none are asked for: enough to hide a round trip, few enough for a small box. */
  public static final int DEFAULT_LANES = 2;

  private record Queued<T>(
      Function<AbstractPipeline, Response<T>> command, CompletableFuture<T> result) {

    void start(AbstractPipeline pipeline, List<Response<?>> responses) {
      try {
        responses.add(command.apply(pipeline));
      } catch (RuntimeException e) {
        responses.add(null);
        result.completeExceptionally(e);
      }
    }

    @SuppressWarnings("unchecked")
    void finish(Response<?> response, Pipelines pipelines) {
      if (response == null) {
        return; // failed while being queued into the pipeline
      }
      try {
        result.complete(((Response<T>) response).get());
      } catch (RuntimeException e) {
        if (e instanceof JedisRedirectionException) {
          pipelines.failed(e); // a Cluster slot moved: learn where before the NAS retries
        }
        result.completeExceptionally(e);
      }
    }
  }

  private final Pipelines pipelines;
  private final int minReplicasAcked;
  private final long waitTimeoutMillis;
  private final Lane[] lanes;
  private volatile boolean closed;

  /**
   * Starts the sending threads, sending no {@code WAIT}.
   *
   * @param jedis the pooled client; each pipeline borrows one connection and gives it back
   * @param name names the threads, for thread dumps
   */
  public RedisBatcher(UnifiedJedis jedis, String name) {
    this(Pipelines.of(Objects.requireNonNull(jedis, "jedis")), 0, 0, DEFAULT_LANES, name);
  }

  /**
   * Starts the sending threads.
   *
   * @param pipelines opens the pipelines, on the client every store shares
   * @param minReplicasAcked replicas that must hold a pipeline's writes before its commands
   *     complete (fewer while fewer are in sync); 0 for none (no {@code WAIT} is sent)
   * @param waitTimeoutMillis longest {@code WAIT} blocks before the pipeline's commands fail
   * @param lanes pipelines in flight at once, each with its thread and a pooled connection
   * @param name names the threads, for thread dumps
   */
  public RedisBatcher(
      Pipelines pipelines, int minReplicasAcked, long waitTimeoutMillis, int lanes, String name) {
    if (minReplicasAcked < 0 || (minReplicasAcked > 0 && waitTimeoutMillis < 1)) {
      throw new IllegalArgumentException(
          "replicas " + minReplicasAcked + ", wait " + waitTimeoutMillis + " ms");
    }
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes " + lanes);
    }
    this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
    this.minReplicasAcked = minReplicasAcked;
    this.waitTimeoutMillis = waitTimeoutMillis;
    this.lanes = new Lane[lanes];
    for (int i = 0; i < lanes; i++) {
      this.lanes[i] = new Lane(lanes == 1 ? name : name + "-" + i);
    }
  }

  /**
   * Queues a command for the next pipeline.
   *
   * @param command adds one or more commands to the pipeline and returns the response whose value
   *     completes the result
   * @return completes with the response's value, or exceptionally with Redis's error, a connection
   *     failure, or {@link IllegalStateException} when the queue is full or the batcher closed
   */
  public <T> CompletableFuture<T> submit(Function<AbstractPipeline, Response<T>> command) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("Redis batcher is closed"));
    } else if (!laneOf(Thread.currentThread()).queue.offer(new Queued<>(command, result))) {
      result.completeExceptionally(
          new IllegalStateException("Redis batcher queue is full (" + QUEUE_CAPACITY + ")"));
    }
    return result;
  }

  /**
   * One thread's commands always take the same lane, so they are sent in the order queued: a lane's
   * own thread (a caller chaining onto a result) stays on it, other threads spread by id.
   */
  private Lane laneOf(Thread thread) {
    for (Lane lane : lanes) {
      if (lane.sender == thread) {
        return lane;
      }
    }
    return lanes[(int) Math.floorMod(thread.getId(), (long) lanes.length)];
  }

  /** A queue and the thread that sends it, one pipeline at a time. */
  private final class Lane {
    private final BlockingQueue<Queued<?>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ReplicaDemand replicas =
        minReplicasAcked > 0
            ? new ReplicaDemand(minReplicasAcked, pipelines, System::nanoTime)
            : null;
    private final Thread sender;

    Lane(String name) {
      sender = new Thread(this::run, "redis-batcher-" + name);
      sender.setDaemon(true);
      sender.start();
    }

    private void run() {
      List<Queued<?>> batch = new ArrayList<>(MAX_BATCH);
      List<Response<?>> responses = new ArrayList<>(MAX_BATCH);
      while (!closed || !queue.isEmpty()) {
        try {
          Queued<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
          send(batch, responses);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (RuntimeException e) {
          log.error("Redis batcher failed a batch of {}", batch.size(), e);
          batch.forEach(q -> q.result().completeExceptionally(e));
        } finally {
          batch.clear();
          responses.clear();
        }
      }
      IllegalStateException gone = new IllegalStateException("Redis batcher is closed");
      for (Queued<?> left; (left = queue.poll()) != null; ) {
        left.result().completeExceptionally(gone);
      }
    }

    private void send(List<Queued<?>> batch, List<Response<?>> responses) {
      List<Pipelines.Node> waited = new ArrayList<>();
      List<Response<Long>> waits = new ArrayList<>();
      try (AbstractPipeline pipeline = pipelines.open()) {
        for (Queued<?> queued : batch) {
          queued.start(pipeline, responses);
        }
        if (replicas != null) {
          for (Pipelines.Node node : pipelines.nodesWritten(pipeline)) {
            int asked = replicas.replicasFor(node);
            if (asked > 0) {
              waited.add(node);
              waits.add(pipelines.awaitReplicas(pipeline, node, asked, waitTimeoutMillis));
            }
          }
        }
        pipeline.sync();
      } catch (RuntimeException e) {
        // The connection broke or timed out: nobody in this pipeline knows what Redis did.
        pipelines.failed(e);
        batch.forEach(q -> q.result().completeExceptionally(e));
        return;
      }
      RuntimeException unreplicated = unreplicated(waited, waits);
      for (int i = 0; i < batch.size(); i++) {
        if (unreplicated != null) {
          batch.get(i).result().completeExceptionally(unreplicated);
        } else {
          batch.get(i).finish(responses.get(i), pipelines);
        }
      }
    }

    /** Why the pipeline's writes are not yet safe on enough replicas, or null when they are. */
    private RuntimeException unreplicated(List<Pipelines.Node> nodes, List<Response<Long>> waits) {
      for (int i = 0; i < waits.size(); i++) {
        long acked;
        try {
          acked = waits.get(i).get();
        } catch (RuntimeException e) {
          pipelines.failed(e);
          return e;
        }
        if (acked < minReplicasAcked && !replicas.excuses(nodes.get(i), acked)) {
          return new ReplicasNotReachedException(
              "written to the master but only "
                  + acked
                  + " of "
                  + minReplicasAcked
                  + " replicas acknowledged within "
                  + waitTimeoutMillis
                  + " ms");
        }
      }
      return null;
    }
  }

  /** Sends what is queued, then stops; waits at most a few seconds for that. */
  @Override
  public void close() {
    closed = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Lane lane : lanes) {
      try {
        lane.sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (lane.sender.isAlive()) {
        lane.sender.interrupt();
      }
    }
  }
}
