package org.smartkampung.portal.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.smartkampung.core.config.GatewaySettings;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.PortalSettings;
import org.smartkampung.core.config.Regency;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.ServiceLink;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.PortalServer;

/** A running portal on a free loopback port with in-memory stores, plus a small HTTP client. */
public final class PortalHarness implements AutoCloseable {

  /** 19:00 in Banyuwangi (WIB): the evening peak. */
  public static final Instant EVENING = Instant.parse("2026-11-28T12:00:00Z");

  public static final String PUBLIC_URL = "http://portal.test";
  public static final String UAM_SECRET = "uamrahasia";

  /** Our gateway's id and the key it shares with the portal in {@link #withGateway}. */
  public static final String GATEWAY_ID = "kemiren-gw";

  public static final String GATEWAY_KEY = "kunci-gateway-kemiren-0123456789";

  public final TestStores stores;
  public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Path dataDir;
  public final KampungConfig config;
  public final PortalServer server;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private PortalHarness(KampungConfig config) throws Exception {
    this.config = config;
    this.dataDir = Files.createTempDirectory("portal-test");
    this.stores = new TestStores(config, dataDir, Clock.fixed(EVENING, ZoneOffset.UTC));
    this.server =
        PortalServer.start(null, config, stores, Clock.fixed(EVENING, ZoneOffset.UTC), registry)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  public static PortalHarness start() throws Exception {
    return new PortalHarness(config(OpeningHours.ALWAYS, PUBLIC_URL));
  }

  public static PortalHarness start(OpeningHours hours) throws Exception {
    return new PortalHarness(config(hours, PUBLIC_URL));
  }

  /**
   * A portal whose public URL is its real loopback address, for browsers that must follow the NAS's
   * redirects back to it.
   */
  public static PortalHarness startReachable() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    return startOn(port);
  }

  /** A portal on this loopback port whose public URL is that address. */
  public static PortalHarness startOn(int port) throws Exception {
    KampungConfig c = config(OpeningHours.ALWAYS, "http://127.0.0.1:" + port);
    return new PortalHarness(
        new KampungConfig(
            c.regency(),
            c.store(),
            c.radius(),
            new PortalSettings(true, "127.0.0.1", port, "http://127.0.0.1:" + port),
            c.loginMethods(),
            c.policies(),
            c.villages(),
            // The simulated hotspots a browser reaches serve their login pages on loopback.
            c.hotspots().stream()
                .map(
                    h ->
                        new NasClientSettings(
                            h.name(),
                            h.address(),
                            h.secret(),
                            h.type(),
                            h.village(),
                            h.requireMessageAuthenticator(),
                            h.coaPort(),
                            h.uamSecret(),
                            "127.0.0.1"))
                .toList(),
            c.subscribers()));
  }

  public static PortalHarness start(KampungConfig config) throws Exception {
    return new PortalHarness(config);
  }

  /** Two villages, a MikroTik and a CoovaChilli hotspot in Kemiren. */
  public static KampungConfig config(OpeningHours hours, String publicUrl) {
    QuotaPolicy policy =
        new QuotaPolicy("standar", 20L, null, 500L, 120L, 2048L, 512L, 2, hours, null, null, null);
    Village kemiren =
        new Village(
            "kemiren",
            "Kemiren",
            "Glagah",
            null,
            new BandwidthPackage(50, 10, 1000, 2026, 12_000_000),
            "standar",
            false,
            List.of(
                new ServiceLink(
                    "Kartu Keluarga", "https://dukcapil.example.go.id/kk", "Urus KK baru"),
                new ServiceLink("KTP-el", "https://dukcapil.example.go.id/ktp", ""),
                new ServiceLink("Akta Kelahiran", "https://dukcapil.example.go.id/akta", ""),
                new ServiceLink("Surat Pernyataan Miskin", "https://desa.example.go.id/spm", ""),
                new ServiceLink("SKCK", "https://skck.example.go.id/", "Polres Banyuwangi")));
    Village tamansari =
        new Village("tamansari", "Tamansari", "Licin", null, null, "standar", false, List.of());
    return new KampungConfig(
        new Regency("banyuwangi", "Kabupaten Banyuwangi", null),
        null,
        null,
        new PortalSettings(true, "127.0.0.1", 0, publicUrl),
        null,
        List.of(policy),
        List.of(kemiren, tamansari),
        List.of(
            new NasClientSettings(
                "kemiren-mt",
                "10.5.50.1",
                "radius-secret",
                NasType.MIKROTIK,
                "kemiren",
                null,
                null),
            new NasClientSettings(
                "kemiren-chilli",
                "10.1.0.1",
                "radius-secret",
                NasType.COOVACHILLI,
                "kemiren",
                null,
                null,
                UAM_SECRET)),
        List.of());
  }

  /**
   * The config with a {@code gateway:} section for Kemiren's gateway (role disabled here: the
   * portal only needs its id, key and API address).
   */
  public static KampungConfig withGateway(KampungConfig c, int apiPort) {
    GatewaySettings gateway =
        new GatewaySettings(
            false,
            GATEWAY_ID,
            "kemiren",
            "br-wifi",
            null,
            "10.5.60.0/24",
            PUBLIC_URL,
            GATEWAY_KEY,
            null,
            null,
            null,
            null,
            "radius-secret",
            null,
            null,
            null,
            null,
            "127.0.0.1",
            apiPort,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return new KampungConfig(
        c.regency(),
        c.store(),
        c.radius(),
        c.portal(),
        gateway,
        c.loginMethods(),
        c.policies(),
        c.villages(),
        c.hotspots(),
        c.subscribers());
  }

  public String base() {
    return "http://127.0.0.1:" + server.port();
  }

  public HttpResponse<String> get(String pathAndQuery, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  public HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code a=b&c=d}, URL-encoded. */
  public static String encode(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }

  /** The signed form state of the first form on a page. */
  public static String state(String html) {
    return field(html, "s");
  }

  /** The value of a hidden input by name. */
  public static String field(String html, String name) {
    Matcher m =
        Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no field " + name + " in:\n" + html);
    }
    return m.group(1).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
  }

  /** Builds a map from alternating keys and values. */
  public static Map<String, String> form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    stores.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** How long tests wait for anything. */
  public static final Duration WAIT = Duration.ofSeconds(10);
}
