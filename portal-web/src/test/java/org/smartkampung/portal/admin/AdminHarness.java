package org.smartkampung.portal.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.portal.PortalServer;
import org.smartkampung.portal.testing.PortalHarness;
import org.smartkampung.portal.testing.TestStores;

/**
 * A portal with the admin console on a free loopback port, the real embedded stores in a temporary
 * directory, a kabupaten operator {@code admin} and a desa admin {@code budi} of Kemiren.
 */
final class AdminHarness implements AutoCloseable {

  static final String ADMIN_PASSWORD = "rahasia-kabupaten";
  static final String BUDI_PASSWORD = "rahasia-kemiren";
  static final PasswordHasher HASHER = new PasswordHasher(1_000);

  final Path dataDir;
  final KampungConfig config;
  final TestStores stores;
  final AdminStores admin;
  final LiveConfig live;
  final ConfigLimitsSource limits;
  final PortalServer server;

  /** The hotspots the console is told are connected over RadSec now. */
  final java.util.List<org.smartkampung.core.nas.RadSecLinks.Link> radSecLinks =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Stands at {@link PortalHarness#EVENING}; tests may move it to charge other hours. */
  final MutableClock clock = new MutableClock(PortalHarness.EVENING);

  AdminHarness() throws Exception {
    this(java.util.List.of());
  }

  /** A console answering only sources in {@code adminNetworks} (everyone when empty). */
  AdminHarness(java.util.List<String> adminNetworks) throws Exception {
    this(adminNetworks, java.util.List.of());
  }

  /** As above, behind reverse proxies at {@code trustedProxies}. */
  AdminHarness(java.util.List<String> adminNetworks, java.util.List<String> trustedProxies)
      throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    KampungConfig c = PortalHarness.config(null, "http://127.0.0.1:" + port);
    this.config =
        new KampungConfig(
            c.regency(),
            c.store(),
            c.radius(),
            new org.smartkampung.core.config.PortalSettings(
                true,
                "127.0.0.1",
                port,
                "http://127.0.0.1:" + port,
                null,
                null,
                null,
                new org.smartkampung.core.config.PortalSettings.Admin(adminNetworks),
                null,
                trustedProxies),
            c.loginMethods(),
            c.policies(),
            c.villages(),
            c.hotspots(),
            c.subscribers());
    this.dataDir = Files.createTempDirectory("admin-test");
    this.stores = new TestStores(config, dataDir, clock);
    this.admin = AdminStoreFactory.embedded(dataDir);
    this.live =
        new LiveConfig(
            config, admin.villageSettings(), admin.registry(), clock, Duration.ofSeconds(5));
    this.limits = new ConfigLimitsSource(config);
    live.onChange(limits::update);
    admin
        .admins()
        .create(
            new AdminAccount(
                "admin",
                AdminRole.KABUPATEN,
                null,
                HASHER.hash(ADMIN_PASSWORD),
                clock.instant(),
                clock.instant()));
    admin
        .admins()
        .create(
            new AdminAccount(
                "budi",
                AdminRole.DESA,
                "kemiren",
                HASHER.hash(BUDI_PASSWORD),
                clock.instant(),
                clock.instant()));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.server =
        PortalServer.start(
                null,
                config,
                stores,
                clock,
                new SimpleMeterRegistry(),
                key,
                new AdminSetup(live, admin, HASHER, () -> java.util.List.copyOf(radSecLinks)))
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A browser-like client with its own cookie jar. */
  Client client() {
    return new Client();
  }

  /**
   * Charges {@code mb} megabytes to Kemiren's "sari" at a Jakarta local time, then back to EVENING.
   */
  void chargeAt(String jakartaLocal, long mb) {
    clock.set(LocalDateTime.parse(jakartaLocal).atZone(ZoneId.of("Asia/Jakarta")).toInstant());
    stores.ledger().charge(new SessionKey("kemiren", "sari", "aa:01", "s1"), mb * 1_000_000, 0, 0);
    clock.set(PortalHarness.EVENING);
  }

  final class Client {
    final CookieManager cookies = new CookieManager();
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(String path) {
      return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
      return send(
          HttpRequest.newBuilder(URI.create(base() + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(PortalHarness.encode(form)))
              .build());
    }

    HttpResponse<String> json(String method, String path, String body, String csrf) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base() + path))
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(body));
      if (csrf != null) {
        b.header("X-CSRF-Token", csrf);
      }
      return send(b.build());
    }

    /** Signs in through the form; returns the response of the POST. */
    HttpResponse<String> signIn(String username, String password) {
      String token = PortalHarness.field(get("/admin/masuk").body(), "csrf");
      return post(
          "/admin/masuk",
          PortalHarness.form("csrf", token, "username", username, "password", password));
    }

    /** The CSRF token on a console page. */
    String csrf(String page) {
      return PortalHarness.field(get(page).body(), "csrf");
    }

    private HttpResponse<String> send(HttpRequest request) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    stores.close();
    admin.close();
  }
}
