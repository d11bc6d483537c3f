package org.smartkampung.radius.server;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Acts on one checked request. Runs on a worker thread, may block on stores. Empty means "do not
 * answer" (the NAS will retransmit), for example when the store could not make a charge durable.
 */
@FunctionalInterface
public interface RequestHandler {
  Optional<Reply> handle(InboundRequest request);

  /**
   * Called by the dispatcher on a worker thread. A handler whose store pipelines its writes
   * completes later, on the store's thread, and frees the worker meanwhile. The default answers
   * with {@link #handle}.
   */
  default CompletionStage<Optional<Reply>> handleAsync(InboundRequest request) {
    return CompletableFuture.completedFuture(handle(request));
  }
}
