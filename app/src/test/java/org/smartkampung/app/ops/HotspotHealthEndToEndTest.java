package org.smartkampung.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.app.InProcessKampung;
import org.smartkampung.app.ShippedConfigOnLoopback;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.testing.MutableClock;

/**
 * The shipped config with a webhook to a local HTTP server, on a clock the test moves: the demo
 * hotspot says Status-Server at 19:00 WIB, falls silent, and 31 minutes later the watch posts
 * "hotspot_down"; an Access-Request from it brings a "hotspot_up" post.
 */
class HotspotHealthEndToEndTest {

  static final Instant EVENING = Instant.parse("2026-11-28T12:00:00Z"); // 19:00 WIB

  @TempDir Path dir;
  HttpServer hook;
  final BlockingQueue<String> posts = new LinkedBlockingQueue<>();
  final MutableClock clock = new MutableClock(EVENING);
  InProcessKampung kampung;
  ShippedConfigOnLoopback shipped;

  @BeforeEach
  void start() throws Exception {
    ManagementListenerTest.requireExternal(
        "radclient (freeradius-utils)", ManagementListenerTest.RADCLIENT);
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    hook.createContext(
        "/hook",
        exchange -> {
          String method = exchange.getRequestMethod();
          String type = exchange.getRequestHeaders().getFirst("Content-Type");
          posts.add(
              method
                  + " "
                  + type
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hook.start();
    shipped = ShippedConfigOnLoopback.write(dir);
    String shippedSection = "hotspot-health:\n  quiet-minutes: 15\n  down-minutes: 30\n";
    String yaml = Files.readString(shipped.file());
    assertThat(yaml).contains(shippedSection);
    yaml =
        yaml.replace(
            shippedSection,
            shippedSection
                + "  check-interval-seconds: 1\n"
                + "  webhook-chat-id: \"-100777\"\n"
                + "  webhook-url: http://127.0.0.1:"
                + hook.getAddress().getPort()
                + "/hook\n");
    Files.writeString(shipped.file(), yaml);
    kampung = InProcessKampung.start(ConfigLoader.load(shipped.file()), clock);
  }

  @AfterEach
  void stop() {
    if (kampung != null) {
      kampung.close();
    }
    if (hook != null) {
      hook.stop(0);
    }
  }

  @Test
  void aHotspotThatFallsSilentTurnsDownThenUpAgainAndTheWebhookHearsBoth() throws Exception {
    assertThat(kampung.describe())
        .anyMatch(l -> l.startsWith("Hotspot health: quiet after 15 min, down after 30 min"));
    String status =
        ManagementListenerTest.radclient(
            shipped.authPort(), "status", "Message-Authenticator = 0x00\n");
    assertThat(status).contains("Access-Accept");

    // 20 minutes of silence: quiet, not down; nothing is posted.
    clock.advance(Duration.ofMinutes(20));
    assertThat(posts.poll(3, TimeUnit.SECONDS)).isNull();

    clock.advance(Duration.ofMinutes(11));
    String down = posts.poll(15, TimeUnit.SECONDS);
    assertThat(down).startsWith("POST application/json");
    JsonNode downJson = json(down);
    assertThat(downJson.get("event").asText()).isEqualTo("hotspot_down");
    assertThat(downJson.get("chat_id").asText()).isEqualTo("-100777");
    assertThat(downJson.get("hotspot").asText()).isEqualTo("demo-loopback");
    assertThat(downJson.get("village").asText()).isEqualTo("kemiren");
    assertThat(downJson.get("lastSeen").asText()).isEqualTo(EVENING.toString());
    assertThat(downJson.get("text").asText())
        .isEqualTo(
            "Hotspot demo-loopback (Desa Kemiren, Kec. Glagah) MATI: tidak ada kabar sejak"
                + " 28-11-2026 19:00 WIB.");
    // Down is posted once, not at every check.
    assertThat(posts.poll(3, TimeUnit.SECONDS)).isNull();

    String accepted =
        ManagementListenerTest.radclient(
            shipped.authPort(),
            "auth",
            "User-Name = warga\nUser-Password = kampung123\nMessage-Authenticator = 0x00\n");
    assertThat(accepted).contains("Access-Accept");
    String up = posts.poll(15, TimeUnit.SECONDS);
    assertThat(up).isNotNull();
    JsonNode upJson = json(up);
    assertThat(upJson.get("event").asText()).isEqualTo("hotspot_up");
    assertThat(upJson.get("text").asText()).contains("MENYALA lagi").contains("19:31 WIB");
  }

  private static JsonNode json(String post) throws Exception {
    return new ObjectMapper().readTree(post.substring(post.indexOf('{')));
  }
}
