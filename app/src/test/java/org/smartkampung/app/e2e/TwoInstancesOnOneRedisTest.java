package org.smartkampung.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.app.InProcessKampung;
import org.smartkampung.app.ShippedConfigOnLoopback;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.codec.RadiusDictionary;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.PortalSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.testing.RedisTopologies;
import org.smartkampung.portal.testing.HeadlessChromium;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * Two {@code kampung run} wirings (A and B, each with its own RADIUS and portal ports and its own
 * Redis connections) on one Redis Sentinel set or Cluster, as behind a balancer: a console sign-in
 * at A works at B (a real HTTP client carrying the cookie, and Chromium), a villager's form from A
 * is accepted at B, a sign-in throttle reached at A holds at B, and a hotspot added or a quota
 * raised in the console at A takes effect at B's RADIUS within one second.
 */
@ParameterizedClass
@EnumSource(
    value = RedisTopology.class,
    names = {"SENTINEL", "CLUSTER"})
class TwoInstancesOnOneRedisTest {

  private static final Duration AT_ONCE = Duration.ofSeconds(1);
  private static final String PASSWORD = "rahasia-kabupaten";
  private static HeadlessChromium browser;

  private final RedisTopology topology;
  private final String operator = "op" + UUID.randomUUID().toString().substring(0, 8);
  private final String desaAdmin = "desa" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir Path dir;
  private TestNasDynamicAuth nas;
  private Instance a;
  private Instance b;

  TwoInstancesOnOneRedisTest(RedisTopology topology) {
    this.topology = topology;
  }

  @BeforeAll
  static void launch() throws Exception {
    browser = HeadlessChromium.launch();
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  /** One {@code kampung run}: its config and its ports. */
  private record Instance(
      KampungConfig config, InProcessKampung running, int authPort, int acctPort) {
    String url() {
      return config.portal().publicUrl();
    }
  }

  @BeforeEach
  void start() throws Exception {
    RedisSettings redis = RedisTopologies.settings(topology);
    nas = new TestNasDynamicAuth(KampungUnderTest.MIKROTIK_SECRET);
    a = instance(dir.resolve("a"), redis);
    b = instance(dir.resolve("b"), redis);
  }

  @AfterEach
  void stop() {
    if (b != null) {
      b.running().close();
    }
    if (a != null) {
      a.running().close();
    }
    nas.close();
  }

  private Instance instance(Path dataDir, RedisSettings redis) throws Exception {
    int portalPort = KampungUnderTest.freePort();
    int authPort = ShippedConfigOnLoopback.freeUdpPort();
    KampungConfig base =
        ConsoleKampung.config(
            dataDir, portalPort, authPort, ShippedConfigOnLoopback.freeUdpPort(), nas.port());
    KampungConfig config =
        new KampungConfig(
            base.regency(),
            new StoreSettings(StoreType.REDIS, dataDir, null, null, redis),
            new RadiusSettings(true, "127.0.0.1", authPort, base.radius().acctPort(), 30, null),
            new PortalSettings(true, "127.0.0.1", portalPort, "http://127.0.0.1:" + portalPort),
            base.gateway(),
            base.loginMethods(),
            base.policies(),
            base.villages(),
            base.hotspots(),
            base.subscribers());
    try (AdminStores admin = AdminStoreFactory.open(config.store())) {
      Instant now = Instant.now();
      String hash = ConsoleKampung.HASHER.hash(PASSWORD);
      admin.admins().create(new AdminAccount(operator, AdminRole.KABUPATEN, null, hash, now, now));
      admin.admins().create(new AdminAccount(desaAdmin, AdminRole.DESA, "kemiren", hash, now, now));
    }
    return new Instance(
        config,
        InProcessKampung.start(config, Clock.systemUTC()),
        authPort,
        config.radius().acctPort());
  }

  @Test
  void anAdminSignedInAtAUsesTheConsoleAtBAndSigningOutAtBEndsItAtA() {
    Browser admin = new Browser();
    assertThat(admin.signIn(a, operator, PASSWORD).statusCode()).isEqualTo(303);

    HttpResponse<String> me = admin.get(b, "/api/admin/v1/me");
    assertThat(me.statusCode()).isEqualTo(200);
    String csrfFromA =
        new JsonObject(admin.get(a, "/api/admin/v1/me").body()).getString("csrfToken");
    assertThat(admin.get(b, "/admin/kabupaten").statusCode()).isEqualTo(200);

    // A form of A's page posted to B: the sign-out, with A's CSRF token.
    assertThat(admin.post(b, "/admin/keluar", Map.of("csrf", csrfFromA)).statusCode())
        .isEqualTo(303);
    assertThat(admin.get(a, "/api/admin/v1/me").statusCode()).isIn(302, 303, 401);
  }

  @Test
  void aBrowserSignedInAtAContinuesAtB() {
    Page page = browser.desktop();
    page.navigate(a.url() + "/admin");
    page.locator("#username").fill(operator);
    page.locator("#password").fill(PASSWORD);
    page.locator("form[action='/admin/masuk'] button[type=submit]").click();
    assertThat(page).not().hasURL(Pattern.compile(".*/admin/masuk$"));

    page.navigate(b.url() + "/admin/kabupaten");
    assertThat(page)
        .hasURL(Pattern.compile(".*:" + b.config().portal().port() + "/admin/kabupaten$"));
    HeadlessChromium.shot(page, "two-instances-" + topology + "-console-at-b");
    page.context().close();
  }

  @Test
  void aVillagerFormLoadedFromAIsAcceptedAtB() {
    Browser phone = new Browser();
    String landing =
        phone
            .get(
                a,
                "/?"
                    + PortalHarness.encode(
                        PortalHarness.form(
                            "nasid",
                            KampungUnderTest.MIKROTIK,
                            "link-login-only",
                            "http://127.0.0.1:9/login",
                            "link-orig",
                            "http://example.com/berita",
                            "mac",
                            SimulatedMikrotik.MAC,
                            "ip",
                            SimulatedMikrotik.CLIENT_IP,
                            "chap-id",
                            SimulatedMikrotik.octal(new byte[] {SimulatedMikrotik.CHAP_ID}),
                            "chap-challenge",
                            SimulatedMikrotik.octal(SimulatedMikrotik.CHALLENGE))))
            .body();
    assertThat(landing).contains("Kemiren");

    HttpResponse<String> atB =
        phone.post(b, "/masuk/gratis", Map.of("s", PortalHarness.state(landing), "setuju", "on"));

    assertThat(atB.body()).doesNotContain("kedaluwarsa").contains("http://127.0.0.1:9/login");
  }

  @Test
  void aSignInThrottleReachedAtAHoldsAtB() {
    Browser guesser = new Browser();
    int refusedAtA = 0;
    for (int i = 0; i < 10 && refusedAtA == 0; i++) {
      int status = guesser.signIn(a, desaAdmin, "salah-" + i).statusCode();
      if (status == 429) {
        refusedAtA = i;
      } else {
        assertThat(status).isEqualTo(401);
      }
    }
    assertThat(refusedAtA).as("A throttles the guesses").isPositive();

    HttpResponse<String> rightPasswordAtB = guesser.signIn(b, desaAdmin, PASSWORD);
    assertThat(rightPasswordAtB.statusCode()).isEqualTo(429);
  }

  @Test
  void aHotspotAddedInTheConsoleAtAAnswersAtBWithinOneSecond() throws Exception {
    String address =
        "127.0."
            + ThreadLocalRandom.current().nextInt(10, 250)
            + "."
            + ThreadLocalRandom.current().nextInt(2, 250);
    String secret = "sangat-rahasia-" + UUID.randomUUID();
    try (DatagramSocket hotspot = new DatagramSocket(new InetSocketAddress(address, 0))) {
      assertThat(answered(hotspot, secret, b.authPort())).as("B does not know it yet").isFalse();
      Browser admin = new Browser();
      admin.signIn(a, operator, PASSWORD);
      String csrf = new JsonObject(admin.get(a, "/api/admin/v1/me").body()).getString("csrfToken");
      HttpResponse<String> added =
          admin.json(
              a,
              "POST",
              "/api/admin/v1/kabupaten/nas-clients",
              new JsonObject()
                  .put("name", "kemiren-pos-" + UUID.randomUUID().toString().substring(0, 6))
                  .put("address", address)
                  .put("secret", secret)
                  .put("type", "mikrotik")
                  .put("village", "kemiren")
                  .put("requireMessageAuthenticator", "yes")
                  .encode(),
              csrf);
      assertThat(added.statusCode()).as(added.body()).isIn(200, 201);

      await().atMost(AT_ONCE).until(() -> answered(hotspot, secret, b.authPort()));
    }
  }

  @Test
  void aQuotaRaisedInTheConsoleAtAIsInBsNextAccessAcceptWithinOneSecond() throws Exception {
    Console console = new Console(a);
    String villager = console.newSubscriber();
    assertThat(radclientAccept(b, villager)).containsKey("Mikrotik-Total-Limit");

    long raisedMb = console.raiseVillageQuota();

    await()
        .atMost(AT_ONCE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> totalLimitMb(radclientAccept(b, villager)) == raisedMb);
  }

  @Test
  void aDeviceBlockedInTheConsoleAtAIsRefusedByBWithinOneSecond() throws Exception {
    Console console = new Console(a);
    String villager = console.newSubscriber();
    assertThat(radclientAccept(b, villager)).containsKey("Mikrotik-Total-Limit");
    try {
      assertThat(console.listDevice(SimulatedMikrotik.MAC, "blokir").statusCode()).isEqualTo(303);

      await()
          .atMost(AT_ONCE)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> radclientAccept(b, villager).isEmpty());
    } finally {
      console.unlistDevice(SimulatedMikrotik.MAC);
    }
    await()
        .atMost(AT_ONCE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> radclientAccept(b, villager).containsKey("Mikrotik-Total-Limit"));
  }

  @Test
  void aSubscriberLimitRaisedAtAIsInBsNextAccessAcceptWithinOneSecond() throws Exception {
    Console console = new Console(a);
    String villager = console.newSubscriber();
    console.setSubscriberDailyMb(villager, 100);
    assertThat(totalLimitMb(radclientAccept(b, villager))).isEqualTo(100);

    console.setSubscriberDailyMb(villager, 300);

    await()
        .atMost(AT_ONCE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> totalLimitMb(radclientAccept(b, villager)) == 300);
  }

  @Test
  void anInterimAtBAfterTheQuotaWasRaisedAtAIsChargedWithoutADisconnect() throws Exception {
    Console console = new Console(a);
    String villager = console.newSubscriber();
    String probe = console.newSubscriber();
    assertThat(radclientAccept(b, villager)).containsKey("Mikrotik-Total-Limit");
    assertThat(radclientAccept(b, probe)).containsKey("Mikrotik-Total-Limit");
    String sessionId = "S" + UUID.randomUUID().toString().substring(0, 8);
    try (NasRadiusClient mikrotikToB =
        new NasRadiusClient(
            KampungUnderTest.MIKROTIK_ADDRESS,
            KampungUnderTest.MIKROTIK_SECRET,
            b.authPort(),
            b.acctPort())) {
      mikrotikToB.accountingRequest(1, session(mikrotikToB, villager, sessionId, 0));
      mikrotikToB.accountingRequest(3, session(mikrotikToB, villager, sessionId, 400_000_000L));

      long raisedMb = console.raiseVillageQuota();
      await()
          .atMost(AT_ONCE)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> totalLimitMb(radclientAccept(b, probe)) == raisedMb);
      // Over the old 500 MB a day, under the raised quota.
      mikrotikToB.accountingRequest(3, session(mikrotikToB, villager, sessionId, 550_000_000L));

      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(3))
          .until(
              () ->
                  nas.received.stream()
                      .noneMatch(
                          r ->
                              r.code() == RadiusCode.DISCONNECT_REQUEST
                                  && sessionId.equals(r.acctSessionId())));
      assertThat(mikrotikToB.accountingAnswered).containsExactly(1, 3, 3);
    }
  }

  @Test
  void accountingForTheSameSessionsAlternatingBetweenAAndBIsChargedExactlyOnce() throws Exception {
    Console console = new Console(a);
    String villager = console.newSubscriber();
    assertThat(radclientAccept(a, villager)).containsKey("Mikrotik-Total-Limit");
    String first = "S" + UUID.randomUUID().toString().substring(0, 8);
    String second = "S" + UUID.randomUUID().toString().substring(0, 8);
    try (NasRadiusClient toA =
            new NasRadiusClient(
                KampungUnderTest.MIKROTIK_ADDRESS,
                KampungUnderTest.MIKROTIK_SECRET,
                a.authPort(),
                a.acctPort());
        NasRadiusClient toB =
            new NasRadiusClient(
                KampungUnderTest.MIKROTIK_ADDRESS,
                KampungUnderTest.MIKROTIK_SECRET,
                b.authPort(),
                b.acctPort())) {
      for (String id : List.of(first, second)) {
        toA.accountingRequest(1, session(toA, villager, id, 0));
        toB.accountingRequest(3, session(toB, villager, id, 100_000_000L));
        // The NAS gave up on B and sent the same Interim to A.
        toA.accountingRequest(3, session(toA, villager, id, 100_000_000L));
        toA.accountingRequest(3, session(toA, villager, id, 250_000_000L));
        // A copy of the first Interim, delivered late at B.
        toB.accountingRequest(3, session(toB, villager, id, 100_000_000L));
        toB.accountingRequest(2, session(toB, villager, id, 300_000_000L));
        // The same Stop, retried at A.
        List<org.tinyradius.attribute.RadiusAttribute> retried =
            new java.util.ArrayList<>(session(toA, villager, id, 300_000_000L));
        retried.add(toA.attributes.unsigned("Acct-Delay-Time", 5));
        toA.accountingRequest(2, retried);
      }
    }
    try (var stores =
        org.smartkampung.core.store.StoreFactory.open(
            a.config(),
            new org.smartkampung.core.limits.ConfigLimitsSource(a.config()),
            Clock.systemUTC(),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
      var usage = stores.ledger().check("kemiren", villager, "x").orThrow();
      assertThat(usage.userDayBytes()).isEqualTo(600_000_000L);
      assertThat(usage.userDevices()).isZero();
    }
  }

  private static List<org.tinyradius.attribute.RadiusAttribute> session(
      NasRadiusClient client, String user, String sessionId, long downloadBytes) {
    return List.of(
        client.attributes.text("User-Name", user),
        client.attributes.text("Acct-Session-Id", sessionId),
        client.attributes.text("NAS-Identifier", KampungUnderTest.MIKROTIK),
        client.attributes.text("Calling-Station-Id", SimulatedMikrotik.MAC),
        client.attributes.unsigned("Acct-Output-Octets", downloadBytes),
        client.attributes.unsigned("Acct-Input-Octets", 0),
        client.attributes.unsigned("Acct-Session-Time", 600));
  }

  private static long totalLimitMb(Map<String, String> accept) {
    String limit = accept.get("Mikrotik-Total-Limit");
    return limit == null ? -1 : Long.parseLong(limit) / 1_000_000L;
  }

  /** The kabupaten operator signed in at one instance, using the JSON API. */
  private final class Console {
    private final Browser client = new Browser();
    private final Instance at;
    private final String csrf;

    Console(Instance at) {
      this.at = at;
      assertThat(client.signIn(at, operator, PASSWORD).statusCode()).isEqualTo(303);
      this.csrf = new JsonObject(client.get(at, "/api/admin/v1/me").body()).getString("csrfToken");
    }

    /** A new subscriber of Kemiren with the password {@link #PASSWORD}. */
    String newSubscriber() {
      String username = "warga-" + UUID.randomUUID().toString().substring(0, 8);
      HttpResponse<String> made =
          client.json(
              at,
              "POST",
              "/api/admin/v1/villages/kemiren/subscribers",
              new JsonObject().put("username", username).put("password", PASSWORD).encode(),
              csrf);
      assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
      return username;
    }

    void setSubscriberDailyMb(String username, long mb) {
      HttpResponse<String> saved =
          client.json(
              at,
              "PUT",
              "/api/admin/v1/villages/kemiren/subscribers/" + username,
              new JsonObject()
                  .put("override", new JsonObject().put("userDailyMb", Long.toString(mb)))
                  .encode(),
              csrf);
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    /** Raises Kemiren's daily quota per villager to a new value above 600 MB; returns it. */
    /** Puts a MAC on Kemiren's block ({@code blokir}) or bypass ({@code lewati}) list. */
    HttpResponse<String> listDevice(String mac, String list) {
      return client.post(
          at,
          "/admin/desa/kemiren/perangkat",
          Map.of("csrf", csrf, "mac", mac, "note", "uji", "list", list));
    }

    void unlistDevice(String mac) {
      client.post(at, "/admin/desa/kemiren/perangkat/hapus", Map.of("csrf", csrf, "mac", mac));
    }

    long raiseVillageQuota() {
      JsonObject settings =
          new JsonObject(client.get(at, "/api/admin/v1/villages/kemiren/settings").body());
      long current =
          settings.getValue("userDailyMb") == null
              ? 500
              : Long.parseLong(settings.getValue("userDailyMb").toString());
      long raisedMb = Math.max(600, current) + ThreadLocalRandom.current().nextInt(1, 400);
      settings.put("userDailyMb", Long.toString(raisedMb));
      HttpResponse<String> saved =
          client.json(
              at, "PUT", "/api/admin/v1/villages/kemiren/settings", settings.encode(), csrf);
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
      return raisedMb;
    }
  }

  /**
   * Whether B answers an Access-Request from this hotspot within 200 ms (unknown ones are dropped).
   */
  private static boolean answered(DatagramSocket hotspot, String secret, int port)
      throws IOException {
    Attributes attributes = new Attributes(RadiusDictionary.load());
    byte[] request =
        PacketCodec.encodeRequest(
            RadiusCode.ACCESS_REQUEST,
            ThreadLocalRandom.current().nextInt(256),
            List.of(attributes.text("User-Name", "tamu")),
            secret.getBytes(StandardCharsets.UTF_8),
            true);
    hotspot.send(
        new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
    hotspot.setSoTimeout(200);
    byte[] buffer = new byte[4096];
    try {
      hotspot.receive(new DatagramPacket(buffer, buffer.length));
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** A subscriber's PAP Access-Request through FreeRADIUS's radclient, from the MikroTik. */
  private static Map<String, String> radclientAccept(Instance at, String user) throws Exception {
    String input =
        "User-Name = \""
            + user
            + "\"\nUser-Password = \""
            + PASSWORD
            + "\"\nCalling-Station-Id = \""
            + SimulatedMikrotik.MAC
            + "\"\nNAS-Identifier = \""
            + KampungUnderTest.MIKROTIK
            + "\"\nMessage-Authenticator = 0x00\n";
    Process process =
        new ProcessBuilder(
                List.of(
                    AdminEndToEndTest.RADCLIENT.toString(),
                    "-x",
                    "-t",
                    "2",
                    "-r",
                    "1",
                    "127.0.0.1:" + at.authPort(),
                    "auth",
                    KampungUnderTest.MIKROTIK_SECRET))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    int accept = output.indexOf("Received Access-Accept");
    if (accept < 0) {
      return attributes;
    }
    Matcher m =
        Pattern.compile("^\\s+([A-Za-z0-9-]+) = (.*)$", Pattern.MULTILINE)
            .matcher(output.substring(accept));
    while (m.find()) {
      attributes.put(m.group(1), m.group(2).trim().replace("\"", ""));
    }
    return attributes;
  }

  /** A client that keeps its cookies across both instances, as a browser behind a balancer. */
  private static final class Browser {
    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> signIn(Instance at, String username, String password) {
      String token = PortalHarness.field(get(at, "/admin/masuk").body(), "csrf");
      return post(
          at, "/admin/masuk", Map.of("csrf", token, "username", username, "password", password));
    }

    HttpResponse<String> get(Instance at, String path) {
      return send(HttpRequest.newBuilder(URI.create(at.url() + path)).GET().build());
    }

    HttpResponse<String> post(Instance at, String path, Map<String, String> form) {
      StringBuilder body = new StringBuilder();
      form.forEach(
          (k, v) ->
              body.append(body.length() == 0 ? "" : "&")
                  .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      return send(
          HttpRequest.newBuilder(URI.create(at.url() + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
              .build());
    }

    HttpResponse<String> json(Instance at, String method, String path, String body, String csrf) {
      return send(
          HttpRequest.newBuilder(URI.create(at.url() + path))
              .header("Content-Type", "application/json")
              .header("X-CSRF-Token", csrf)
              .method(method, HttpRequest.BodyPublishers.ofString(body))
              .build());
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
  }
}
