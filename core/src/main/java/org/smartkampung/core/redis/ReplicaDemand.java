package org.smartkampung.core.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many replicas each server's {@code WAIT} asks for: the configured number, or as many as are
 * in sync while fewer are (a promoted master whose old master has not come back yet). Without that,
 * one failover of a master with a single replica would stop accounting until an operator restored a
 * replica; with it, a write is acknowledged once it is on every replica there is. Lowered numbers
 * are re-checked with INFO every second, never by a WAIT that is sure to time out. Used by the
 * batcher's thread only.
 */
final class ReplicaDemand {

  private static final Logger log = LoggerFactory.getLogger(ReplicaDemand.class);

  static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private record Lowered(int replicas, long recheckAtNanos) {}

  private final int wanted;
  private final Pipelines pipelines;
  private final LongSupplier nanoTime;
  private final Map<String, Lowered> lowered = new HashMap<>();

  ReplicaDemand(int wanted, Pipelines pipelines, LongSupplier nanoTime) {
    this.wanted = wanted;
    this.pipelines = pipelines;
    this.nanoTime = nanoTime;
  }

  /** Replicas to ask {@code node} for now; 0 means send no WAIT to it. */
  int replicasFor(Pipelines.Node node) {
    Lowered low = lowered.get(node.id());
    if (low == null) {
      return wanted;
    }
    if (nanoTime.getAsLong() - low.recheckAtNanos() < 0) {
      return low.replicas();
    }
    int inSync;
    try {
      inSync = pipelines.replicasInSync(node);
    } catch (RuntimeException e) {
      return wanted; // cannot tell: ask for all, and let WAIT decide
    }
    return lowerTo(node, inSync);
  }

  /**
   * Whether {@code acked} replicas are enough after all: true when no more than that are in sync
   * (the shortfall is a missing or still loading replica, not a lagging one), and asks fewer from
   * now on.
   */
  boolean excuses(Pipelines.Node node, long acked) {
    int inSync;
    try {
      inSync = pipelines.replicasInSync(node);
    } catch (RuntimeException e) {
      return false;
    }
    if (acked < Math.min(wanted, inSync)) {
      return false;
    }
    lowerTo(node, inSync);
    return true;
  }

  private int lowerTo(Pipelines.Node node, int inSync) {
    if (inSync >= wanted) {
      if (lowered.remove(node.id()) != null) {
        log.info(
            "Redis {} has {} replica(s) again; accounting waits for {}", node.id(), inSync, wanted);
      }
      return wanted;
    }
    Lowered before =
        lowered.put(node.id(), new Lowered(inSync, nanoTime.getAsLong() + RECHECK_NANOS));
    if (before == null || before.replicas() != inSync) {
      log.warn(
          "Redis {} has only {} replica(s) in sync (want {}); accounting is acknowledged on what"
              + " there is until a replica returns",
          node.id(),
          inSync,
          wanted);
    }
    return inSync;
  }
}
