package org.smartkampung.radius.server;

import java.util.Optional;

/**
 * Acts on one checked request. Runs on a worker thread, may block on stores. Empty means "do not
 * answer" (the NAS will retransmit), for example when the store could not make a charge durable.
 */
@FunctionalInterface
public interface RequestHandler {
  Optional<Reply> handle(InboundRequest request);
}
