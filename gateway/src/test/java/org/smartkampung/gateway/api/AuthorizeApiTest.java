package org.smartkampung.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.gateway.client.ClientTable;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.firewall.Firewall;
import org.smartkampung.gateway.firewall.NftRuleset;
import org.smartkampung.gateway.neighbour.NeighbourTable;
import org.smartkampung.gateway.pipeline.Transport;
import org.smartkampung.gateway.radius.RadiusClient;

/** The API's gate: forged and stale calls are refused and counted before anything happens. */
class AuthorizeApiTest {

  private static final String KEY = "kunci-api-uji-0123456789";
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private Transport transport;
  private AuthorizeApi api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    // "echo" stands in for nft: these calls never get as far as the firewall.
    CommandRunner recording = new CommandRunner(List.of("echo"));
    Firewall firewall =
        new Firewall(
            new NftRuleset(
                "t", "cl0", null, "10.5.50.0/24", null, 8002, 53, List.of(), NftRuleset.WEB_PORTS),
            recording);
    RadiusClient radius =
        new RadiusClient(
            new InetSocketAddress("127.0.0.1", 9),
            new InetSocketAddress("127.0.0.1", 9),
            "s",
            new RadiusClient.NasIdentity("kemiren-gw", null, "kemiren-gw"),
            100,
            1);
    ClientTable clients =
        new ClientTable(
            new ClientTable.Parts(
                "kemiren-gw",
                "kemiren",
                new org.smartkampung.gateway.client.KernelEnforcer(firewall, null),
                radius,
                new NeighbourTable(dir.resolve("arp"), "cl0"),
                new EmbeddedSessionStore(dir.resolve("sessions")),
                dir.resolve("limits.json"),
                Clock.systemUTC(),
                metrics));
    transport = Transport.create(1);
    api =
        AuthorizeApi.start(
            transport,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "kemiren-gw",
            new GatewaySignature(KEY, Clock.systemUTC(), 120),
            clients,
            Executors.newSingleThreadExecutor(),
            metrics,
            new org.smartkampung.gateway.pipeline.PipelineErrors(
                "authorize-api", metrics, Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    api.close();
    transport.close();
  }

  private HttpResponse<String> post(Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/kampung/authorize"))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> login() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("gw", "kemiren-gw");
    p.put("ip", "10.5.50.9");
    p.put("mac", "02:00:00:00:00:09");
    p.put("username", "tok");
    p.put("secret", "rahasia");
    return p;
  }

  @Test
  void forgedCallIsRefusedAndCounted() throws Exception {
    Map<String, String> signed =
        new LinkedHashMap<>(
            new GatewaySignature(KEY, Clock.systemUTC(), 120).sign("authorize", login()));
    signed.put("ip", "10.5.50.10");
    HttpResponse<String> response = post(signed);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"result\":\"reject\"");
    assertThat(metrics.counter("kampung.gateway.api.refused", "reason", "bad_signature").count())
        .isEqualTo(1);
  }

  @Test
  void staleCallIsRefusedAndCounted() throws Exception {
    Clock tenMinutesAgo = Clock.fixed(Instant.now().minusSeconds(600), ZoneOffset.UTC);
    HttpResponse<String> response =
        post(new GatewaySignature(KEY, tenMinutesAgo, 120).sign("authorize", login()));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(metrics.counter("kampung.gateway.api.refused", "reason", "stale").count())
        .isEqualTo(1);
  }

  @Test
  void callSignedForAnotherGatewayIsRefused() throws Exception {
    Map<String, String> other = login();
    other.put("gw", "tamansari-gw");
    HttpResponse<String> response =
        post(new GatewaySignature(KEY, Clock.systemUTC(), 120).sign("authorize", other));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(metrics.counter("kampung.gateway.api.refused", "reason", "other-gateway").count())
        .isEqualTo(1);
  }

  @Test
  void validCallWithRadiusDownLeavesTheClientCaptive() throws Exception {
    HttpResponse<String> response =
        post(new GatewaySignature(KEY, Clock.systemUTC(), 120).sign("authorize", login()));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"result\":\"error\"").contains("Server login");
    assertThat(metrics.counter("kampung.gateway.authorize", "result", "radius-failed").count())
        .isEqualTo(1);
  }

  @Test
  void signedButMalformedAddressNeverReachesNft() throws Exception {
    Map<String, String> evil = login();
    evil.put("ip", "10.5.50.9 }\nflush ruleset\nadd element inet t clients_up { 10.5.50.9");
    HttpResponse<String> response =
        post(new GatewaySignature(KEY, Clock.systemUTC(), 120).sign("authorize", evil));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(metrics.counter("kampung.gateway.authorize", "result", "malformed").count())
        .isEqualTo(1);
  }
}
