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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an operator's endpoint of a {@link HotspotTransition}: one JSON POST, with a ready-made
 * Bahasa Indonesia {@code text} a Telegram or WhatsApp gateway can forward as it is
 * (docs/hotspot-health.md has recipes). A failed POST is logged, never retried: the next transition
 * and the console still tell.
 */
public final class HotspotWebhook {

  private static final Logger log = LoggerFactory.getLogger(HotspotWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final String chatId;
  private final HttpClient http;

  /**
   * @param chatId sent as {@code chat_id} and {@code chatId} when not null
   */
  public HotspotWebhook(String url, String chatId) {
    this.url = URI.create(url);
    this.chatId = chatId;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
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

  /** Posts the transition; completes when answered or failed (never exceptionally). */
  public CompletableFuture<Void> send(HotspotTransition t, ZoneId zone) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "smart-kampung-gateway")
            .POST(
                HttpRequest.BodyPublishers.ofString(body(t, zone, chatId), StandardCharsets.UTF_8))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error != null) {
                log.warn("hotspot webhook {} failed: {}", url.getHost(), error.toString());
              } else if (response.statusCode() / 100 != 2) {
                log.warn("hotspot webhook {} answered {}", url.getHost(), response.statusCode());
              }
              return null;
            });
  }
}
