package org.smartkampung.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.smartkampung.app.KampungCli;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.testing.NetnsLab;

/**
 * Our gateway behind a NAT (nft masquerade, as a CGNAT does) reaches the regency's server only by
 * RadSec: UDP for RADIUS and dynamic authorization is dropped in the NAT, and the server knows the
 * gateway by its certificate alone. Each side is {@code kampung run} in its own namespace. A
 * villager logs in over the TLS connection, the Accounting Start arrives over it, the console lists
 * the connection from the NAT's address, a kick from the admin API reaches the gateway over the
 * same connection and cuts the villager off; the server restarts, the gateway reconnects, and a
 * second login works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayOverRadSecEndToEndTest {

  private static final String KEY = "kunci-gateway-radsec-0123456789";
  private static final String CLIENT_IP = "10.81.0.2";
  private static final String GATEWAY_IP = "10.81.0.1";
  private static final String NAT_OUTSIDE_IP = "100.64.81.1";
  private static final String SERVER_IP = "100.64.81.2";
  private static final String PORTAL = "http://" + SERVER_IP + ":8080";
  // The internet the villager wants: another address than the portal's (which is walled garden).
  private static final String WEB_IP = "100.64.81.3";
  private static final String WEB = "http://" + WEB_IP + "/";
  private static final String API_PORT = "8003";
  private static final String OPERATOR = "operator";
  private static final String OPERATOR_PASSWORD = "rahasia-kabupaten-radsec";
  private static final String VILLAGER = "warga";
  private static final String VILLAGER_PASSWORD = "kampung-radsec-123";
  private static final PasswordHasher HASHER = new PasswordHasher(1_000);

  private Path tmp;
  private NetnsLab lab;
  private String client;
  private String gw;
  private String server;
  private String nat;
  private Process kampungServer;
  private Process kampungGateway;
  private Path serverConfig;
  private Path gatewayLog;
  private String clientMac;

  @BeforeAll
  void buildNetwork() throws Exception {
    NetnsLab.requireRootAnd("ip", "nft", "curl", "python3");
    lab = new NetnsLab();
    tmp = Files.createTempDirectory("kampung-radsec-e2e");
    try {
      client = lab.namespace("rc");
      gw = lab.namespace("rg");
      nat = lab.namespace("rn");
      server = lab.namespace("rs");
      lab.link(client, "cg0", CLIENT_IP + "/24", gw, "gc0", GATEWAY_IP + "/24");
      lab.link(gw, "gn0", "192.168.81.2/24", nat, "ng0", "192.168.81.1/24");
      lab.link(nat, "ns0", NAT_OUTSIDE_IP + "/24", server, "sn0", SERVER_IP + "/24");
      lab.sh(client, "ip route add default via " + GATEWAY_IP);
      lab.sh(gw, "ip route add default via 192.168.81.1 && sysctl -qw net.ipv4.ip_forward=1");
      // The NAT: masquerade out, and no UDP RADIUS or dynamic authorization either way.
      lab.sh(nat, "sysctl -qw net.ipv4.ip_forward=1");
      lab.sh(
          nat,
          "nft -f - <<'EOF'\n"
              + "table inet cgnat {\n"
              + "  chain forward_ {\n"
              + "    type filter hook forward priority 0;\n"
              + "    udp dport { 1812, 1813, 3799 } counter drop\n"
              + "    udp sport { 1812, 1813, 3799 } counter drop\n"
              + "  }\n"
              + "  chain post {\n"
              + "    type nat hook postrouting priority 100;\n"
              + "    oifname \"ns0\" masquerade\n"
              + "  }\n"
              + "}\n"
              + "EOF");
      // The server has no route back to the village network: only the NAT's address is reachable.

      Path www = Files.createDirectories(tmp.resolve("www"));
      Files.writeString(www.resolve("index.html"), "<h1>internet desa</h1>\n");
      lab.sh(server, "ip addr add " + WEB_IP + "/24 dev sn0");
      lab.spawn(
          server,
          List.of(
              "python3",
              "-m",
              "http.server",
              "80",
              "--bind",
              WEB_IP,
              "--directory",
              www.toString()),
          tmp.resolve("http.log"));

      Path pki = tmp.resolve("pki");
      assertThat(
              KampungCli.execute(
                  "pki", "init", "--dir", pki.toString(), "--server-name", SERVER_IP))
          .isZero();
      assertThat(KampungCli.execute("pki", "issue", "--dir", pki.toString(), "kemiren-gw"))
          .isZero();

      serverConfig = tmp.resolve("server.yaml");
      Files.writeString(serverConfig, serverConfig(tmp.resolve("server-data"), pki));
      KampungConfig loaded = ConfigLoader.load(serverConfig);
      try (AdminStores admin = AdminStoreFactory.open(loaded.store())) {
        admin
            .admins()
            .create(
                new AdminAccount(
                    OPERATOR,
                    AdminRole.KABUPATEN,
                    null,
                    HASHER.hash(OPERATOR_PASSWORD),
                    Clock.systemUTC().instant(),
                    Clock.systemUTC().instant()));
      }
      kampungServer = startKampung(server, serverConfig, tmp.resolve("server-1.log"));

      Path gatewayConfig = tmp.resolve("gateway.yaml");
      Files.writeString(gatewayConfig, gatewayConfig(tmp.resolve("gateway-data"), pki));
      gatewayLog = tmp.resolve("gateway.log");
      kampungGateway = startKampung(gw, gatewayConfig, gatewayLog);

      clientMac = lab.sh(client, "cat /sys/class/net/cg0/address").trim();
    } catch (Throwable t) {
      tearDown();
      throw t;
    }
  }

  private Process startKampung(String ns, Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        lab.spawn(
            ns,
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "org.smartkampung.app.KampungCli",
                "run",
                "-c",
                config.toString()),
            log);
    await("kampung run ready in " + ns)
        .atMost(Duration.ofSeconds(90))
        .until(() -> !p.isAlive() || Files.readString(log).contains("is running."));
    assertThat(p.isAlive()).as("kampung died:\n%s", Files.readString(log)).isTrue();
    return p;
  }

  private static final String VILLAGE =
      """
      regency:
        id: banyuwangi
        name: Kabupaten Banyuwangi
      login-methods:
        - click-through
      policies:
        - id: uji
          village-daily-gb: 1
          user-daily-mb: 100
          user-daily-minutes: 240
          max-devices-per-user: 1
          session-timeout-seconds: 3600
          idle-timeout-seconds: 600
          interim-interval-seconds: 2
      villages:
        - id: kemiren
          name: Kemiren
          policy: uji
          bandwidth-package:
            downlink-mbps: 50
            uplink-mbps: 20
            monthly-gb: 0
            budget-year: 2026
            budget-rupiah: 0
      """;

  /** The regency server: RADIUS (UDP and RadSec) and the console, the gateway known by its CN. */
  private static String serverConfig(Path data, Path pki) {
    return VILLAGE
        + """
        store:
          type: embedded
          data-dir: %s
        radius:
          enabled: true
          bind-address: %s
          radsec:
            enabled: true
            port: 2083
            certificate: %s/server.pem
            private-key: %s/server.key
            ca-certificates: %s/ca.pem
            crl: %s/crl.pem
        portal:
          enabled: true
          bind-address: %s
          port: 8080
          public-url: %s
        hotspots:
          - name: kemiren-gw
            certificate: CN=kemiren-gw
            secret: unused-over-radsec
            type: kampung-gateway
            village: kemiren
        subscribers:
          - username: %s
            village: kemiren
            password-hash: "%s"
            display-name: Warga Uji
        """
            .formatted(
                data,
                SERVER_IP,
                pki,
                pki,
                pki,
                pki,
                SERVER_IP,
                PORTAL,
                VILLAGER,
                HASHER.hash(VILLAGER_PASSWORD));
  }

  /** The village box: the gateway role only, RADIUS over RadSec with its certificate. */
  private static String gatewayConfig(Path data, Path pki) {
    return VILLAGE
        + """
        store:
          type: embedded
          data-dir: %s
        radius:
          enabled: false
        portal:
          enabled: false
        gateway:
          enabled: true
          id: kemiren-gw
          village: kemiren
          client-interface: gc0
          upstream-interface: gn0
          client-subnet: 10.81.0.0/24
          portal-url: %s/
          signing-key: %s
          radius-server: %s
          radius-secret: unused-over-radsec
          radius-timeout-millis: 3000
          upstream-dns: %s
          shaping: false
          poll-interval-seconds: 1
          radsec:
            enabled: true
            certificate: %s/hotspots/kemiren-gw.pem
            private-key: %s/hotspots/kemiren-gw.key
            ca-certificates: %s/ca.pem
            keepalive-seconds: 5
            reconnect-max-seconds: 2
        """
            .formatted(data, PORTAL, KEY, SERVER_IP, SERVER_IP, pki, pki, pki);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (lab == null) {
      return;
    }
    try {
      if (kampungGateway != null && kampungGateway.isAlive()) {
        NetnsLab.stop(kampungGateway, 20);
      }
    } finally {
      lab.closeAfter(kampungServer, tmp);
    }
  }

  // --- the village side ---

  /** The portal's signed call into the gateway's authorize API, made from the gateway's box. */
  private String login() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("gw", "kemiren-gw");
    params.put("ip", CLIENT_IP);
    params.put("mac", clientMac);
    params.put("username", VILLAGER);
    params.put("secret", VILLAGER_PASSWORD);
    String body =
        new GatewaySignature(KEY, Clock.systemUTC(), 120)
            .sign("authorize", params).entrySet().stream()
                .map(
                    e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    return lab.runner(gw)
        .run(
            List.of(
                "curl",
                "-s",
                "--max-time",
                "15",
                "--data-binary",
                body,
                "http://127.0.0.1:" + API_PORT + "/kampung/authorize"))
        .stdout();
  }

  /** What the villager's phone gets for a web page: 200 online, 302 to the portal when captive. */
  private String web() {
    return lab.curlStatus(client, 10, WEB);
  }

  private long radSecConnects() throws Exception {
    return Files.readString(gatewayLog)
        .lines()
        .filter(l -> l.contains("RadSec connected to"))
        .count();
  }

  // --- the console, played with curl in the server's namespace ---

  private Path cookies;

  private String curl(String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "curl",
                "-s",
                "--max-time",
                "15",
                "-b",
                cookies.toString(),
                "-c",
                cookies.toString()));
    command.addAll(List.of(args));
    CommandRunner.Result r = lab.runner(server).run(command);
    assertThat(r.exitCode()).as("curl %s: %s", command, r.stderr()).isZero();
    return r.stdout();
  }

  private static String field(String html, String name) {
    Matcher m =
        Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as("field %s in %s", name, html).isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  private void signIn() throws Exception {
    cookies = tmp.resolve("cookies-" + System.nanoTime());
    String token = field(curl(PORTAL + "/admin/masuk"), "csrf");
    curl(
        "-o",
        "/dev/null",
        "--data-urlencode",
        "csrf=" + token,
        "--data-urlencode",
        "username=" + OPERATOR,
        "--data-urlencode",
        "password=" + OPERATOR_PASSWORD,
        PORTAL + "/admin/masuk");
  }

  private static String json(String body, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(body);
    assertThat(m.find()).as("%s in %s", key, body).isTrue();
    return m.group(1);
  }

  // --- the behaviour ---

  @Test
  @Order(1)
  void aVillagerLogsInOverRadSecAndTheStartArrivesOverItWhileUdpIsDropped() throws Exception {
    // The phone's first page is intercepted (and the gateway learns its MAC from ARP).
    assertThat(web()).startsWith("302 " + PORTAL);

    assertThat(login()).contains("\"result\":\"accept\"");
    assertThat(web()).isEqualTo("200");

    signIn();
    await("the Accounting Start made a session on the server")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> curl(PORTAL + "/api/admin/v1/villages/kemiren/sessions").contains("kemiren-gw"));
    // Nothing went over UDP: the NAT dropped none, because nothing tried.
    assertThat(lab.sh(nat, "nft list chain inet cgnat forward_"))
        .contains("counter packets 0 bytes 0")
        .doesNotContainPattern("packets [1-9]");
  }

  @Test
  @Order(2)
  void theConsoleListsTheConnectionFromTheNatsAddressWithKicksOverIt() throws Exception {
    String page = curl(PORTAL + "/admin/kabupaten/hotspot");
    int row = page.indexOf("<tr id=\"radsec-kemiren-gw\"");
    assertThat(row).as(page).isNotNegative();
    assertThat(page.substring(row, page.indexOf("</tr>", row)))
        .contains(">tersambung<")
        .contains(NAT_OUTSIDE_IP)
        .contains("koneksi TLS");
  }

  @Test
  @Order(3)
  void aKickFromTheAdminApiReachesTheGatewayOverTheConnectionAndCutsTheVillagerOff()
      throws Exception {
    String sessions = curl(PORTAL + "/api/admin/v1/villages/kemiren/sessions");
    String sessionId = json(sessions, "id");
    String csrf = field(curl(PORTAL + "/admin/kabupaten/hotspot"), "csrf");

    String kick =
        curl(
            "-H",
            "Content-Type: application/json",
            "-H",
            "X-CSRF-Token: " + csrf,
            "--data-binary",
            "{\"session\":\"" + sessionId + "\"}",
            PORTAL + "/api/admin/v1/villages/kemiren/sessions/kick");
    String requestId = json(kick, "requestId");

    await("the kick's result")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !json(curl(PORTAL + "/api/admin/v1/villages/kemiren/kicks/" + requestId), "status")
                    .equals("PENDING"));
    String result = curl(PORTAL + "/api/admin/v1/villages/kemiren/kicks/" + requestId);
    assertThat(json(result, "status")).as(result).isEqualTo("DISCONNECTED");
    assertThat(json(result, "detail")).as(result).contains("RadSec");
    await("captive after the kick")
        .atMost(Duration.ofSeconds(10))
        .until(() -> web().startsWith("302 "));
    assertThat(Files.readString(gatewayLog)).contains("Disconnect-Request from RADIUS: ACK");
  }

  @Test
  @Order(4)
  void afterTheServerRestartsTheGatewayReconnectsAndASecondLoginWorks() throws Exception {
    long before = radSecConnects();
    assertThat(before).isEqualTo(1);
    assertThat(NetnsLab.stop(kampungServer, 20)).isTrue();
    kampungServer = startKampung(server, serverConfig, tmp.resolve("server-2.log"));

    await("the gateway reconnected")
        .atMost(Duration.ofSeconds(30))
        .until(() -> radSecConnects() > before);
    assertThat(login()).contains("\"result\":\"accept\"");
    assertThat(web()).isEqualTo("200");
  }
}
