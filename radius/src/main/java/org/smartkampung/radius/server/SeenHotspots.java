package org.smartkampung.radius.server;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.smartkampung.core.health.HotspotSightings;

/**
 * Notes every checked request (Access-Request, accounting including Accounting-On, Status-Server)
 * as a sighting of its hotspot before the handler runs, for the hotspot health watch. The sightings
 * given are expected to coalesce writes; a failure to note never fails the request.
 */
public final class SeenHotspots {

  private final HotspotSightings sightings;
  private final Clock clock;

  public SeenHotspots(HotspotSightings sightings, Clock clock) {
    this.sightings = sightings;
    this.clock = clock;
  }

  /** {@code handler}, noting a sighting first. */
  public RequestHandler noting(RequestHandler handler) {
    return new RequestHandler() {
      @Override
      public Optional<Reply> handle(InboundRequest request) {
        note(request);
        return handler.handle(request);
      }

      @Override
      public CompletionStage<Optional<Reply>> handleAsync(InboundRequest request) {
        note(request);
        return handler.handleAsync(request);
      }
    };
  }

  private void note(InboundRequest request) {
    try {
      sightings.seen(request.nasName(), clock.instant());
    } catch (RuntimeException e) {
      // The health record is never worth a RADIUS answer.
    }
  }
}
