package org.smartkampung.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook against a real local HTTP server that fails the first N times: the event arrives
 * exactly once, after N failed attempts; a server that keeps failing gets a bounded number of
 * attempts; a refusal that repeating cannot change is not repeated; the caller never waits.
 */
class HotspotWebhookRetryTest {

  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  private static final Duration SHORT = Duration.ofMillis(50);

  private HttpServer server;
  private final AtomicInteger attempts = new AtomicInteger();
  private final List<String> delivered = new CopyOnWriteArrayList<>();

  /** Answers {@code failStatus} to the first {@code failures} POSTs, then 200. */
  private String serve(int failures, int failStatus, CountDownLatch holdFirst) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int n = attempts.incrementAndGet();
          if (n == 1 && holdFirst != null) {
            try {
              holdFirst.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          int status = n <= failures ? failStatus : 200;
          if (status == 200) {
            delivered.add(body);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static HotspotTransition down() {
    Instant at = Instant.parse("2026-12-03T03:00:00Z");
    return new HotspotTransition(
        true, "kemiren-balai", "kemiren", "Kemiren", "Glagah", at.minusSeconds(1800), at, "WIB");
  }

  @Test
  void anEventThatFailsTwiceIsDeliveredExactlyOnceOnTheThirdAttempt() throws Exception {
    String url = serve(2, 503, null);
    HotspotWebhook webhook = new HotspotWebhook(url, "-100777", 5, SHORT);

    webhook.send(down(), WIB).get(10, TimeUnit.SECONDS);

    assertThat(attempts.get()).isEqualTo(3);
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0)).contains("\"event\":\"hotspot_down\"", "kemiren-balai");
  }

  @Test
  void aServerThatKeepsFailingGetsABoundedNumberOfAttempts() throws Exception {
    String url = serve(Integer.MAX_VALUE, 502, null);
    HotspotWebhook webhook = new HotspotWebhook(url, null, 4, SHORT);

    webhook.send(down(), WIB).get(10, TimeUnit.SECONDS);

    assertThat(attempts.get()).isEqualTo(4);
    assertThat(delivered).isEmpty();
  }

  @Test
  void aRefusalThatRepeatingCannotChangeIsNotRepeated() throws Exception {
    String url = serve(Integer.MAX_VALUE, 400, null);
    HotspotWebhook webhook = new HotspotWebhook(url, null, 5, SHORT);

    webhook.send(down(), WIB).get(10, TimeUnit.SECONDS);

    assertThat(attempts.get()).isEqualTo(1);
  }

  @Test
  void aClosedPortIsRetriedToo() throws Exception {
    String url = serve(0, 200, null);
    server.stop(0);
    HotspotWebhook webhook = new HotspotWebhook(url, null, 3, SHORT);
    CompletableFuture<Void> sent = webhook.send(down(), WIB);

    sent.get(10, TimeUnit.SECONDS);

    assertThat(delivered).isEmpty();
    assertThat(sent).isCompleted();
  }

  @Test
  void sendingReturnsBeforeTheServerAnswers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    String url = serve(1, 503, release);
    HotspotWebhook webhook = new HotspotWebhook(url, null, 3, SHORT);

    CompletableFuture<Void> sent = webhook.send(down(), WIB);

    assertThat(sent).isNotDone(); // the server holds the first attempt until released
    release.countDown();
    sent.get(10, TimeUnit.SECONDS);
    assertThat(delivered).hasSize(1);
  }
}
