package org.smartkampung.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.config.ManagementSettings;

/**
 * The management listener: {@code GET /metrics} (Prometheus text format), {@code GET /healthz} (the
 * process answers) and {@code GET /readyz} (the store answers and every role is up; 503 otherwise).
 * The JDK's own HTTP server on two threads of its own: a scrape never waits behind villagers, and
 * nothing here needs a framework.
 */
final class ManagementServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads;

  private ManagementServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Binds {@code settings}' address and port and starts answering.
   *
   * @param ready whether the store and roles are ready; called on every {@code /readyz}
   * @throws UncheckedIOException when the port cannot be bound
   */
  static ManagementServer start(
      ManagementSettings settings, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    HttpServer server;
    try {
      server =
          HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "kampung-management");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext("/metrics", ex -> answer(ex, 200, PROMETHEUS_TEXT, registry.scrape()));
    server.createContext("/healthz", ex -> answer(ex, 200, "text/plain", "ok\n"));
    server.createContext(
        "/readyz",
        ex -> {
          boolean ok;
          try {
            ok = ready.getAsBoolean();
          } catch (RuntimeException e) {
            ok = false;
          }
          answer(ex, ok ? 200 : 503, "text/plain", ok ? "ready\n" : "not ready\n");
        });
    server.createContext("/", ex -> answer(ex, 404, "text/plain", "not found\n"));
    server.start();
    return new ManagementServer(server, threads);
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean known = path.equals("/metrics") || path.equals("/healthz") || path.equals("/readyz");
      if (!known && status != 404) {
        status = 404;
        body = "not found\n";
      }
      if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        status = 405;
        body = "method not allowed\n";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException | RuntimeException e) {
      log.debug("management request failed: {}", e.toString());
    }
  }

  /** The bound port. */
  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
