package org.smartkampung.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.testing.NetnsLab;

/**
 * Our gateway, our RADIUS server and our portal together, as {@code kampung run} starts them in the
 * gateway's network namespace, between a client namespace and an upstream web server. The client
 * does what a phone's browser does with curl: follows the interceptor's 302 to the portal, posts
 * the click-through form, lands on the status page, and is online. Then: the bytes it downloads
 * reach the village's usage through Interim-Update accounting while it is still online; a
 * Disconnect-Request makes it captive; and when its daily quota runs out it is captive again and
 * the portal explains why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayThroughPortalEndToEndTest {

  private static final String SECRET = "rahasia-radius-e2e";
  private static final String KEY = "kunci-gateway-e2e-0123456789";
  private static final String CLIENT_IP = "10.78.0.2";
  private static final String GATEWAY_IP = "10.78.0.1";
  private static final String UPSTREAM_IP = "192.168.78.2";
  private static final String PORTAL = "http://" + GATEWAY_IP + ":8080";
  // A public-service site in the walled garden, reachable before login.
  private static final String GARDEN_IP = "192.168.78.3";

  private Path tmp;
  private NetnsLab lab;
  private String client;
  private String gw;
  private Process kampung;
  private Path kampungLog;

  @BeforeAll
  void buildNetwork() throws Exception {
    NetnsLab.requireRootAnd("ip", "nft", "tc", "curl", "radclient", "python3");
    lab = new NetnsLab();
    tmp = Files.createTempDirectory("kampung-portal-gateway-e2e");
    try {
      client = lab.namespace("c");
      gw = lab.namespace("g");
      String upstream = lab.namespace("u");
      lab.link(client, "cg0", CLIENT_IP + "/24", gw, "gc0", GATEWAY_IP + "/24");
      lab.link(gw, "gu0", "192.168.78.1/24", upstream, "ug0", UPSTREAM_IP + "/24");
      lab.sh(upstream, "ip addr add " + GARDEN_IP + "/24 dev ug0");
      lab.sh(client, "ip route add default via " + GATEWAY_IP);
      lab.sh(gw, "sysctl -qw net.ipv4.ip_forward=1");

      Path www = Files.createDirectories(tmp.resolve("www"));
      Files.writeString(www.resolve("index.html"), "<h1>upstream hidup</h1>\n");
      lab.sh(upstream, "head -c 1000000 /dev/urandom > " + www.resolve("1mb.bin"));
      lab.sh(upstream, "head -c 6000000 /dev/urandom > " + www.resolve("6mb.bin"));
      lab.spawn(
          upstream,
          List.of("python3", "-m", "http.server", "80", "--directory", www.toString()),
          tmp.resolve("http.log"));

      Path config = tmp.resolve("kampung.yaml");
      Files.writeString(config, config(tmp.resolve("data")));
      kampungLog = tmp.resolve("kampung.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      kampung =
          lab.spawn(
              gw,
              List.of(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  "org.smartkampung.app.KampungCli",
                  "run",
                  "-c",
                  config.toString()),
              kampungLog);
      await("kampung run ready")
          .atMost(Duration.ofSeconds(90))
          .until(() -> !kampung.isAlive() || Files.readString(kampungLog).contains("is running."));
      assertThat(kampung.isAlive()).as("kampung died:\n%s", Files.readString(kampungLog)).isTrue();
    } catch (Throwable t) {
      tearDown();
      throw t;
    }
  }

  /** Kemiren: 3 MB a villager a day, 1 GB for the village, usage reported every 2 seconds. */
  private static String config(Path data) {
    return """
        regency:
          id: banyuwangi
          name: Kabupaten Banyuwangi
        store:
          type: embedded
          data-dir: %s
        radius:
          enabled: true
          bind-address: 127.0.0.1
        portal:
          enabled: true
          bind-address: 0.0.0.0
          port: 8080
          public-url: %s
        login-methods:
          - click-through
        policies:
          - id: uji
            village-daily-gb: 1
            user-daily-mb: 3
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
        hotspots:
          - name: kemiren-gw
            address: 127.0.0.1
            secret: %s
            type: kampung-gateway
            village: kemiren
        gateway:
          enabled: true
          id: kemiren-gw
          village: kemiren
          client-interface: gc0
          upstream-interface: gu0
          client-subnet: 10.78.0.0/24
          portal-url: %s/
          signing-key: %s
          radius-server: 127.0.0.1
          radius-secret: %s
          upstream-dns: %s
          walled-garden: [%s]
          shaping: false
          poll-interval-seconds: 1
        """
        .formatted(data, PORTAL, SECRET, PORTAL, KEY, SECRET, UPSTREAM_IP, GARDEN_IP);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (lab == null) {
      return;
    }
    lab.closeAfter(kampung, tmp);
  }

  // --- a browser, played with curl from the client namespace ---

  /** "<http code> <redirect url>" of one request, without following it. */
  private String head(String... args) {
    return lab.curlStatus(client, 10, args);
  }

  private String page(String url) {
    CommandRunner.Result r = lab.runner(client).run(List.of("curl", "-s", "--max-time", "10", url));
    assertThat(r.exitCode()).as("curl %s: %s", url, r.stderr()).isZero();
    return r.stdout();
  }

  private boolean captive() {
    return head("http://" + UPSTREAM_IP + "/").startsWith("302 " + PORTAL);
  }

  /**
   * From "I opened a web page" to the page the portal answers the click-through with: follows the
   * interceptor's 302, reads the signed form state, posts the form. Returns "<code> <location>"
   * and the body.
   */
  private String[] clickThrough() {
    String redirect = head("http://" + UPSTREAM_IP + "/berita");
    assertThat(redirect).startsWith("302 " + PORTAL);
    String landing = page(redirect.substring(4));
    assertThat(landing).contains("Kemiren");
    CommandRunner.Result r =
        lab.runner(client)
            .run(
                List.of(
                    "curl",
                    "-s",
                    "--max-time",
                    "20",
                    "-w",
                    "\n%{http_code} %{redirect_url}",
                    "--data-urlencode",
                    "s=" + field(landing, "s"),
                    "--data-urlencode",
                    "setuju=on",
                    PORTAL + "/masuk/gratis"));
    String out = r.stdout();
    int last = out.lastIndexOf('\n');
    return new String[] {out.substring(last + 1).trim(), out.substring(0, last)};
  }

  private static String field(String html, String name) {
    Matcher m =
        Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as("field %s in %s", name, html).isTrue();
    return m.group(1).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
  }

  private static String dd(String html, String id) {
    Matcher m = Pattern.compile("<dd id=\"" + id + "\">([^<]*)</dd>").matcher(html);
    assertThat(m.find()).as("%s in %s", id, html).isTrue();
    return m.group(1);
  }

  private String statusUrl;

  // --- the behaviour ---

  @Test
  @Order(0)
  void androidAndAppleProbesAreSentToThePortalsLandingPage() {
    String android =
        head(
            "-H", "Host: connectivitycheck.gstatic.com", "http://" + UPSTREAM_IP + "/generate_204");
    String apple =
        head("-H", "Host: captive.apple.com", "http://" + UPSTREAM_IP + "/hotspot-detect.html");

    assertThat(android).startsWith("302 " + PORTAL + "/?");
    assertThat(apple).startsWith("302 " + PORTAL + "/?");
    assertThat(page(apple.substring(4))).contains("Kemiren").contains("action=\"/masuk/gratis\"");
  }

  @Test
  @Order(1)
  void aCaptiveClientLogsInThroughThePortalAndLandsOnTheStatusPage() {
    assertThat(captive()).isTrue();

    String[] answer = clickThrough();

    assertThat(answer[0]).as(answer[1]).startsWith("303 " + PORTAL + "/status?s=");
    statusUrl = answer[0].substring(4);
    String status = page(statusUrl);
    assertThat(status).contains("Anda sedang terhubung");
    assertThat(dd(status, "user-bytes")).isEqualTo("3 MB");
    assertThat(dd(status, "village-bytes")).isEqualTo("1 GB");
    assertThat(head("http://" + UPSTREAM_IP + "/")).isEqualTo("200");
  }

  @Test
  @Order(2)
  void downloadedBytesReachTheVillageUsageThroughInterimAccountingWhileOnline() {
    assertThat(head("http://" + UPSTREAM_IP + "/1mb.bin")).isEqualTo("200");

    // Still online, so no Stop has been sent: only Interim-Update can have carried the bytes.
    await("usage from Interim-Update on the status page")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !dd(page(statusUrl), "village-bytes").equals("1 GB"));
    String status = page(statusUrl);
    assertThat(dd(status, "user-bytes")).isNotEqualTo("3 MB");
    assertThat(dd(status, "village-bytes")).endsWith(" MB");
    assertThat(captive()).isFalse();
  }

  @Test
  @Order(3)
  void aDisconnectRequestMakesTheClientCaptiveAgain() {
    CommandRunner.Result r =
        lab.runner(gw)
            .run(
                List.of(
                    "radclient",
                    "-x",
                    "-r",
                    "2",
                    "-t",
                    "3",
                    "127.0.0.1:3799",
                    "disconnect",
                    SECRET),
                "Framed-IP-Address = " + CLIENT_IP + "\nMessage-Authenticator = 0x00\n");

    assertThat(r.stdout()).contains("Disconnect-ACK");
    assertThat(captive()).isTrue();
  }

  @Test
  @Order(4)
  void whenTheDailyQuotaRunsOutTheClientIsCaptiveAndThePortalSaysWhy() throws IOException {
    String[] again = clickThrough();
    assertThat(again[0]).as(again[1]).startsWith("303 " + PORTAL + "/status?s=");
    assertThat(captive()).isFalse();

    // 6 MB is more than the 2 MB or so left today: the gateway cuts the download off.
    lab.runner(client)
        .run(
            List.of(
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "--max-time",
                "15",
                "http://" + UPSTREAM_IP + "/6mb.bin"));

    await("captive after the quota ran out").atMost(Duration.ofSeconds(20)).until(this::captive);
    // The Stop that books the last bytes may arrive just after the cut-off.
    await("the portal explains the spent quota")
        .atMost(Duration.ofSeconds(10))
        .until(() -> clickThrough()[1].contains("Kuota Anda hari ini sudah habis"));
    assertThat(captive()).as(Files.readString(kampungLog)).isTrue();
  }

  /** The village's bytes today as the management endpoint's Prometheus gauge shows them. */
  private long villageBytesToday() {
    String metrics = lab.sh(gw, "curl -s --max-time 5 http://127.0.0.1:9180/metrics");
    Matcher m =
        Pattern.compile(
                "kampung_village_bytes\\{[^}]*period=\"day\"[^}]*village=\"kemiren\"[^}]*\\}"
                    + " ([0-9.eE+]+)")
            .matcher(metrics);
    assertThat(m.find()).as("the village's gauge in %s", metrics).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  @Test
  @Order(5)
  void gardenTrafficOfACaptiveClientIsCountedAsTheVillagesUsage() {
    assertThat(captive()).isTrue();
    // The gauge shows what the ledger answered last, and a Stop does not move it: a first garden
    // page makes the garden's accounting bring it up to date, so the download's part can be seen.
    long stale = villageBytesToday();
    assertThat(head("http://" + GARDEN_IP + "/")).isEqualTo("200");
    await("the garden's first record")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> villageBytesToday() > stale);
    long before = villageBytesToday();

    CommandRunner.Result r =
        lab.runner(client)
            .run(
                List.of(
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{size_download}",
                    "--max-time",
                    "10",
                    "http://" + GARDEN_IP + "/1mb.bin"));
    assertThat(r.stdout().trim()).isEqualTo("1000000");

    // Charged to the village through the gateway's garden pseudo-session (headers included).
    await("the garden download in the village's usage")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> villageBytesToday() - before >= 1_000_000);
    assertThat(villageBytesToday() - before).isLessThan(1_150_000);
    assertThat(captive()).isTrue();
  }
}
