package org.smartkampung.portal;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.smartkampung.core.config.PortalSettings;

/**
 * Keeps slow or greedy clients from holding the portal's sockets: a connection must deliver a whole
 * request head within the header timeout (again after every response on a kept-alive connection),
 * and one source address may hold only so many connections at once. Thread-safe.
 */
final class ConnectionLimits {

  private final Vertx vertx;
  private final long headerTimeoutMillis;
  private final int maxPerSource;
  private final MeterRegistry registry;
  private final Map<String, Integer> perSource = new ConcurrentHashMap<>();
  private final Map<HttpConnection, Deadline> deadlines = new ConcurrentHashMap<>();

  ConnectionLimits(Vertx vertx, PortalSettings settings, MeterRegistry registry) {
    this.vertx = vertx;
    this.headerTimeoutMillis = settings.headerTimeoutSeconds() * 1000L;
    this.maxPerSource = settings.maxConnectionsPerSource();
    this.registry = registry;
  }

  /** The server's connection handler: counts the source and starts the header clock. */
  void accept(HttpConnection connection) {
    String source =
        connection.remoteAddress() == null ? "" : connection.remoteAddress().hostAddress();
    int open = perSource.merge(source, 1, Integer::sum);
    if (open > maxPerSource) {
      leave(source);
      refused("per_source");
      connection.close();
      return;
    }
    Deadline deadline = new Deadline(connection);
    deadlines.put(connection, deadline);
    connection.closeHandler(
        v -> {
          deadline.cancel();
          deadlines.remove(connection);
          leave(source);
        });
    deadline.arm();
  }

  /** Wraps the request handler: a request head arrived, so the clock stops until it is answered. */
  Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> handler) {
    return request -> {
      Deadline deadline = deadlines.get(request.connection());
      if (deadline != null) {
        deadline.cancel();
        request.response().endHandler(v -> deadline.arm());
      }
      handler.handle(request);
    };
  }

  /** Open connections of the source (for tests and metrics). */
  int open(String source) {
    return perSource.getOrDefault(source, 0);
  }

  private void leave(String source) {
    perSource.computeIfPresent(source, (k, n) -> n <= 1 ? null : n - 1);
  }

  private void refused(String reason) {
    registry.counter("kampung.portal.connections.closed", "reason", reason).increment();
  }

  /** The header timer of one connection. */
  private final class Deadline {
    private final HttpConnection connection;
    private long timer = -1;

    Deadline(HttpConnection connection) {
      this.connection = connection;
    }

    synchronized void arm() {
      cancel();
      timer =
          vertx.setTimer(
              headerTimeoutMillis,
              id -> {
                refused("header_timeout");
                connection.close();
              });
    }

    synchronized void cancel() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
