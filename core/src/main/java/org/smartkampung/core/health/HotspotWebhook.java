package org.smartkampung.core.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an operator's endpoint of a {@link HotspotTransition}: one JSON POST, with a ready-made
 * Bahasa Indonesia {@code text} a Telegram or WhatsApp gateway can forward as it is
 * (docs/hotspot-health.md has recipes). A POST that fails (no connection, a timeout, a 5xx, 408 or
 * 429) is tried again after {@link #FIRST_RETRY_DELAY}, then twice as long each time, {@link
 * #ATTEMPTS} attempts in all; the waits run on a timer, never on the caller's thread (the watch
 * loop, a RADIUS worker). A 2xx ends the event: a delivered event is never posted again. A refusal
 * that repeating cannot change (another 4xx) is not retried. Each event that is finally not
 * delivered is logged once, with the hotspot's name.
 */
public final class HotspotWebhook {

  private static final Logger log = LoggerFactory.getLogger(HotspotWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Attempts per event, the first included. */
  public static final int ATTEMPTS = 5;

  /** The wait before the second attempt; each later wait doubles it (5 s, 10 s, 20 s, 40 s). */
  public static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(5);

  private final URI url;
  private final String chatId;
  private final HttpClient http;
  private final int attempts;
  private final Duration firstRetryDelay;

  /**
   * @param chatId sent as {@code chat_id} and {@code chatId} when not null
   */
  public HotspotWebhook(String url, String chatId) {
    this(url, chatId, ATTEMPTS, FIRST_RETRY_DELAY);
  }

  /**
   * As above, with {@code attempts} attempts per event (at least 1) and {@code firstRetryDelay}
   * before the second one (tests use short waits).
   */
  public HotspotWebhook(String url, String chatId, int attempts, Duration firstRetryDelay) {
    this.url = URI.create(url);
    this.chatId = chatId;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    this.attempts = Math.max(1, attempts);
    this.firstRetryDelay = firstRetryDelay;
  }

  /** The JSON body for a transition. */
  public static String body(HotspotTransition t, ZoneId zone, String chatId) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (chatId != null) {
      body.put("chat_id", chatId);
      body.put("chatId", chatId);
    }
    body.put("event", t.down() ? "hotspot_down" : "hotspot_up");
    body.put("hotspot", t.hotspot());
    body.put("village", t.villageId());
    body.put("villageName", t.villageName());
    body.put("kecamatan", t.kecamatan());
    body.put("lastSeen", t.lastSeen().toString());
    body.put("at", t.at().toString());
    String lastSeen = TIME.format(t.lastSeen().atZone(zone)) + " " + t.zoneLabel();
    String where =
        "Desa " + t.villageName() + (t.kecamatan().isEmpty() ? "" : ", Kec. " + t.kecamatan());
    body.put(
        "text",
        t.down()
            ? "Hotspot "
                + t.hotspot()
                + " ("
                + where
                + ") MATI: tidak ada kabar sejak "
                + lastSeen
                + "."
            : "Hotspot "
                + t.hotspot()
                + " ("
                + where
                + ") MENYALA lagi, terdengar "
                + lastSeen
                + ".");
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Posts the transition, retrying as the class says; completes when delivered or given up (never
   * exceptionally), without blocking the caller.
   */
  public CompletableFuture<Void> send(HotspotTransition t, ZoneId zone) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "smart-kampung-gateway")
            .POST(
                HttpRequest.BodyPublishers.ofString(body(t, zone, chatId), StandardCharsets.UTF_8))
            .build();
    CompletableFuture<Void> done = new CompletableFuture<>();
    attempt(request, t, 1, done);
    return done;
  }

  private void attempt(
      HttpRequest request, HotspotTransition t, int attempt, CompletableFuture<Void> done) {
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              String failure;
              boolean retryable;
              if (error != null) {
                failure = error.toString();
                retryable = true;
              } else if (response.statusCode() / 100 == 2) {
                done.complete(null);
                return;
              } else {
                int status = response.statusCode();
                failure = "HTTP " + status;
                retryable = status / 100 == 5 || status == 408 || status == 429;
              }
              if (retryable && attempt < attempts) {
                log.debug(
                    "hotspot webhook attempt {} for hotspot {} failed ({}), trying again",
                    attempt,
                    t.hotspot(),
                    failure);
                long delayMillis = firstRetryDelay.toMillis() << (attempt - 1);
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(request, t, attempt + 1, done));
                return;
              }
              log.warn(
                  "hotspot webhook to {} for hotspot {} ({}) not delivered after {} attempt(s): {}",
                  url.getHost(),
                  t.hotspot(),
                  t.down() ? "down" : "up",
                  attempt,
                  failure);
              done.complete(null);
            });
  }
}
