package org.smartkampung.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.testing.FreeRadius;
import org.smartkampung.gateway.testing.GatewayProcess;
import org.smartkampung.gateway.testing.NetnsLab;

/**
 * The gateway on real kernel networking: a client, the gateway (our gateway plus FreeRADIUS) and an
 * upstream web server, each in its own network namespace joined by veth pairs. The test plays the
 * portal: it calls the gateway's signed authorize API as the portal does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayEndToEndTest {

  private static final String KEY = "kunci-gateway-uji-0123456789";
  private static final String RADIUS_SECRET = "rahasia-radius-uji";
  private static final String CLIENT_IP = "10.77.0.2";
  private static final String GATEWAY_IP = "10.77.0.1";
  private static final String UPSTREAM_IP = "192.168.77.2";
  private static final String GARDEN_IP = "192.168.77.3";
  private static final String GARDEN_NAME = "layanan.desa.test";
  private static final String GARDEN_USER = "User-Name = \"walled-garden\"";
  // A name outside the walled garden (resolving it opens nothing).
  private static final String OTHER_NAME = "kabar.test";
  private static final String OTHER_IP = "192.0.2.80";
  // On the upstream link but not assigned to anyone: a resolver that never answers.
  private static final String DEAD_RESOLVER = "192.168.77.9";
  private static final String PORTAL = "http://" + GATEWAY_IP + ":8080/hotspot/gateway";
  private static final int API_PORT = 8003;
  private static final long SHAPED_DOWN_BITS_PER_SECOND = 8_000_000;
  private static final long QUOTA_BYTES = 2_000_000;

  private Path tmp;
  private NetnsLab lab;
  private String client;
  private String gw;
  private String upstream;
  private FreeRadius radius;
  private Process gateway;
  private Path gatewayLog;
  private String clientMac;
  private final GatewaySignature signature = new GatewaySignature(KEY, Clock.systemUTC(), 120);

  @BeforeAll
  void buildNetwork() throws Exception {
    NetnsLab.requireRootAnd(
        "ip",
        "nft",
        "tc",
        "curl",
        "freeradius",
        "radclient",
        "iperf3",
        "python3",
        "dnsmasq",
        "dig");
    lab = new NetnsLab();
    tmp = Files.createTempDirectory("kampung-gateway-e2e");
    try {
      client = lab.namespace("c");
      gw = lab.namespace("g");
      upstream = lab.namespace("u");
      lab.link(client, "cg0", CLIENT_IP + "/24", gw, "gc0", GATEWAY_IP + "/24");
      lab.link(gw, "gu0", "192.168.77.1/24", upstream, "ug0", UPSTREAM_IP + "/24");
      lab.sh(upstream, "ip addr add " + GARDEN_IP + "/24 dev ug0");
      lab.sh(client, "ip route add default via " + GATEWAY_IP);
      lab.sh(gw, "sysctl -qw net.ipv4.ip_forward=1");
      clientMac = lab.sh(client, "cat /sys/class/net/cg0/address").trim();

      Path www = Files.createDirectories(tmp.resolve("www"));
      Files.writeString(www.resolve("index.html"), "<h1>upstream hidup</h1>\n");
      lab.sh(upstream, "head -c 1000000 /dev/urandom > " + www.resolve("1mb.bin"));
      lab.sh(upstream, "head -c 6000000 /dev/urandom > " + www.resolve("6mb.bin"));
      lab.spawn(
          upstream,
          List.of(
              "python3",
              "-m",
              "http.server",
              "80",
              "--bind",
              "0.0.0.0",
              "--directory",
              www.toString()),
          tmp.resolve("http.log"));
      lab.spawn(upstream, List.of("iperf3", "-s", "-B", UPSTREAM_IP), tmp.resolve("iperf3.log"));
      lab.spawn(
          upstream,
          List.of(
              "dnsmasq",
              "--no-daemon",
              "--no-resolv",
              "--no-hosts",
              "--bind-interfaces",
              "--listen-address=" + UPSTREAM_IP,
              "--local-ttl=300",
              "--address=/" + GARDEN_NAME + "/" + GARDEN_IP,
              "--address=/" + OTHER_NAME + "/" + OTHER_IP),
          tmp.resolve("dnsmasq.log"));

      radius =
          FreeRadius.start(
              lab,
              gw,
              Files.createDirectories(tmp.resolve("freeradius")),
              RADIUS_SECRET,
              """
              warga1 Cleartext-Password := "sandi-warga1"
                     Session-Timeout = 3600, Idle-Timeout = 600, Acct-Interim-Interval = 2, \
              WISPr-Bandwidth-Max-Down = %d, WISPr-Bandwidth-Max-Up = 2000000, Class = "kls-warga1"

              kuota Cleartext-Password := "sandi-kuota"
                     Acct-Interim-Interval = 2, ChilliSpot-Max-Total-Octets = %d

              ditolak Cleartext-Password := "benar", Auth-Type := Reject
                     Reply-Message = "Kuota desa habis"
              """
                  .formatted(SHAPED_DOWN_BITS_PER_SECOND, QUOTA_BYTES));

      Files.writeString(tmp.resolve("kampung.yaml"), gatewayConfig(tmp.resolve("data")));
      startGateway("gateway.log");
    } catch (Throwable t) {
      tearDown();
      throw t;
    }
  }

  private void startGateway(String logName) throws IOException {
    gatewayLog = tmp.resolve(logName);
    gateway = GatewayProcess.start(lab, gw, tmp.resolve("kampung.yaml"), gatewayLog);
    assertThat(gateway.isAlive()).as("gateway died:\n%s", GatewayProcess.read(gatewayLog)).isTrue();
  }

  private static String gatewayConfig(Path data) {
    return """
        regency:
          id: banyuwangi
          name: Kabupaten Banyuwangi
        store:
          type: embedded
          data-dir: %s
          snapshot-interval-seconds: 1
        radius:
          enabled: false
        portal:
          enabled: false
        villages:
          - id: kemiren
            name: Kemiren
            bandwidth-package:
              downlink-mbps: 50
              uplink-mbps: 20
              monthly-gb: 0
              budget-year: 2026
              budget-rupiah: 0
        gateway:
          enabled: true
          id: kemiren-gw
          village: kemiren
          client-interface: gc0
          upstream-interface: gu0
          client-subnet: 10.77.0.0/24
          portal-url: %s
          signing-key: %s
          radius-server: 127.0.0.1
          radius-secret: %s
          api-port: %d
          upstream-dns: [%s, %s]
          walled-garden: [%s]
          poll-interval-seconds: 1
        """
        .formatted(
            data, PORTAL, KEY, RADIUS_SECRET, API_PORT, DEAD_RESOLVER, UPSTREAM_IP, GARDEN_NAME);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (lab == null) {
      return;
    }
    lab.closeAfter(gateway, tmp);
  }

  // --- helpers ---

  /** curl from the client: "<http code> <redirect url>", or "000 " when it could not connect. */
  private String curlFromClient(String... args) {
    return lab.curlStatus(client, 5, args);
  }

  private Map<String, String> redirectParams(String curlOutput) {
    String location = curlOutput.substring(curlOutput.indexOf(' ') + 1);
    assertThat(location).startsWith(PORTAL + "?");
    Map<String, String> params = new HashMap<>();
    new QueryStringDecoder(location).parameters().forEach((k, v) -> params.put(k, v.get(0)));
    return params;
  }

  /** Calls the authorize API as the portal would; returns "<http code> <json>". */
  private String authorize(String username, String secret, boolean forge) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("gw", "kemiren-gw");
    params.put("ip", CLIENT_IP);
    params.put("mac", clientMac);
    params.put("username", username);
    params.put("secret", secret);
    Map<String, String> signed = new LinkedHashMap<>(signature.sign("authorize", params));
    if (forge) {
      signed.put("username", "penyusup");
    }
    return GatewayProcess.postAuthorize(lab, gw, API_PORT, signed);
  }

  private boolean clientIsCaptive() {
    return curlFromClient("http://" + UPSTREAM_IP + "/").startsWith("302 ");
  }

  /** The villagers' accounting records of this type (not the walled garden's). */
  private List<String> accounting(String statusType) {
    return radius.accountingRecords().stream()
        .filter(r -> r.contains("Acct-Status-Type = " + statusType))
        .filter(r -> !r.contains(GARDEN_USER))
        .toList();
  }

  /** The walled garden pseudo-session's accounting records. */
  private List<String> gardenAccounting() {
    return radius.accountingRecords().stream().filter(r -> r.contains(GARDEN_USER)).toList();
  }

  /** Bytes the shaper's walled-garden class sent to clients. */
  private long gardenClassBytes() {
    Matcher m =
        Pattern.compile("Sent (\\d+) bytes")
            .matcher(lab.sh(gw, "tc -s class show dev gc0 classid 1:3"));
    assertThat(m.find()).as("the garden's tc class").isTrue();
    return Long.parseLong(m.group(1));
  }

  private static long attribute(String record, String name) {
    Matcher m = Pattern.compile(name + " = (\\d+)").matcher(record);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  // --- the behaviour ---

  @Test
  @Order(1)
  void unauthenticatedClientIsRedirectedToThePortalWithSignedParameters() {
    String out = curlFromClient("http://" + UPSTREAM_IP + "/halaman?x=1");
    assertThat(out).startsWith("302 ");
    Map<String, String> params = redirectParams(out);
    assertThat(params)
        .containsEntry("gw", "kemiren-gw")
        .containsEntry("ip", CLIENT_IP)
        .containsEntry("mac", clientMac)
        .containsEntry("url", "http://" + UPSTREAM_IP + "/halaman?x=1");
    assertThat(signature.verify("redirect", params)).isEqualTo(GatewaySignature.Verdict.VALID);
  }

  @Test
  @Order(2)
  void androidAndAppleProbesAreRedirectedToo() {
    String android =
        curlFromClient(
            "-H", "Host: connectivitycheck.gstatic.com", "http://" + UPSTREAM_IP + "/generate_204");
    String apple =
        curlFromClient(
            "-H", "Host: captive.apple.com", "http://" + UPSTREAM_IP + "/hotspot-detect.html");
    assertThat(android).startsWith("302 " + PORTAL);
    assertThat(apple).startsWith("302 " + PORTAL);
  }

  @Test
  @Order(3)
  void unauthenticatedHttpsIsRefusedAtOnceNotDropped() {
    CommandRunner.Result r =
        lab.runner(client)
            .run(List.of("curl", "-s", "--max-time", "5", "https://" + UPSTREAM_IP + "/"));
    // 7 = connection refused (our TCP reset); 28 would be a timeout (a silent drop).
    assertThat(r.exitCode()).isEqualTo(7);
  }

  @Test
  @Order(3)
  void dnsFailsOverToTheSecondResolverWhenTheFirstDoesNotAnswer() {
    // The first resolver in upstream-dns is an address nobody answers on: the first query waits
    // out its turn and gets its answer from the second; the dead one is not asked first again.
    String answer = lab.sh(client, "dig +short +time=6 +tries=1 @" + GATEWAY_IP + " " + OTHER_NAME);
    assertThat(answer.trim()).isEqualTo(OTHER_IP);
    assertThat(GatewayProcess.read(gatewayLog))
        .contains("resolver /" + DEAD_RESOLVER + ":53 did not answer (timeout)");
    String again =
        lab.sh(client, "dig +short +time=1 +tries=1 @" + GATEWAY_IP + " www." + OTHER_NAME);
    assertThat(again.trim()).isEqualTo(OTHER_IP);
  }

  @Test
  @Order(4)
  void walledGardenNameResolvedThroughTheGatewayIsReachableBeforeLogin() {
    assertThat(curlFromClient("http://" + GARDEN_IP + "/")).startsWith("302 ");
    // The client asks the gateway, the resolver DHCP gave it (other resolvers are refused).
    String answer =
        lab.sh(client, "dig +short +time=3 +tries=1 @" + GATEWAY_IP + " " + GARDEN_NAME);
    assertThat(answer.trim()).isEqualTo(GARDEN_IP);
    assertThat(lab.sh(gw, "nft list set inet kampung_gateway garden")).contains(GARDEN_IP);
    assertThat(curlFromClient("http://" + GARDEN_IP + "/")).isEqualTo("200");
    assertThat(curlFromClient("http://" + UPSTREAM_IP + "/")).startsWith("302 ");
  }

  @Test
  @Order(5)
  void gardenTrafficBeforeLoginIsShapedInTheVillageClassAndAccountedToTheVillageNotAVillager() {
    // Opens the garden address (again), whatever ran before.
    lab.sh(client, "dig +short +time=3 +tries=1 @" + GATEWAY_IP + " " + GARDEN_NAME);
    long before = gardenClassBytes();
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

    // Delivered through the garden's class under the village's class 1:1, not unshaped.
    assertThat(gardenClassBytes() - before).isBetween(1_000_000L, 1_100_000L);
    assertThat(lab.sh(gw, "tc class show dev gc0 classid 1:3")).contains("parent 1:1");
    // Reported as the garden pseudo-session of this hotspot: no villager, no device, no Class.
    await("the garden's Interim-Update with the download")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                gardenAccounting().stream()
                    .anyMatch(g -> attribute(g, "Acct-Output-Octets") >= 1_000_000));
    String interim =
        gardenAccounting().stream()
            .filter(g -> attribute(g, "Acct-Output-Octets") >= 1_000_000)
            .findFirst()
            .orElseThrow();
    assertThat(attribute(interim, "Acct-Output-Octets")).isLessThan(1_100_000L);
    assertThat(interim)
        .contains("Acct-Status-Type = Interim-Update")
        .contains("NAS-Identifier = \"kemiren-gw\"")
        .doesNotContain("Calling-Station-Id")
        .doesNotContain("Class =");
    assertThat(gardenAccounting()).anyMatch(g -> g.contains("Acct-Status-Type = Start"));
    assertThat(accounting("Start")).as("no villager's session").isEmpty();
  }

  @Test
  @Order(5)
  void forgedAuthorizeIsRefusedAndTheClientStaysCaptive() {
    assertThat(authorize("warga1", "sandi-warga1", true)).startsWith("403 ");
    assertThat(clientIsCaptive()).isTrue();
  }

  @Test
  @Order(6)
  void rejectedLoginCarriesTheReplyMessageAndStaysCaptive() {
    String out = authorize("ditolak", "benar", false);
    assertThat(out).startsWith("403 ").contains("Kuota desa habis");
    assertThat(clientIsCaptive()).isTrue();
  }

  @Test
  @Order(7)
  void afterAuthorizeTheUpstreamIsReachableAndBytesAppearInInterimAccounting() {
    assertThat(authorize("warga1", "sandi-warga1", false)).startsWith("200 ").contains("accept");
    assertThat(curlFromClient("http://" + UPSTREAM_IP + "/")).isEqualTo("200");
    assertThat(curlFromClient("http://" + UPSTREAM_IP + "/1mb.bin")).isEqualTo("200");
    await("Interim-Update counting the 1 MB download")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                accounting("Interim-Update").stream()
                    .anyMatch(
                        r ->
                            r.contains("warga1")
                                && attribute(r, "Acct-Output-Octets") >= 1_000_000));
    String start = accounting("Start").get(0);
    assertThat(start)
        .contains("User-Name = \"warga1\"")
        .contains("Framed-IP-Address = " + CLIENT_IP)
        .contains("NAS-Identifier = \"kemiren-gw\"")
        .contains("Class = 0x6b6c732d776172676131");
  }

  @Test
  @Order(8)
  void shapedClientDownloadsWithinTenPercentOfItsRate() throws IOException {
    String json = lab.sh(client, "iperf3 -c " + UPSTREAM_IP + " -R -t 6 -O 1 -J");
    Matcher m =
        Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*\"bits_per_second\"\\s*:\\s*([0-9.e+]+)")
            .matcher(json);
    assertThat(m.find()).as(json).isTrue();
    double bitsPerSecond = Double.parseDouble(m.group(1));
    assertThat(bitsPerSecond)
        .isBetween(SHAPED_DOWN_BITS_PER_SECOND * 0.9, SHAPED_DOWN_BITS_PER_SECOND * 1.1);
  }

  @Test
  @Order(9)
  void coaRequestChangesTheClientsRate() {
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
                    "coa",
                    RADIUS_SECRET),
                "Framed-IP-Address = "
                    + CLIENT_IP
                    + "\nWISPr-Bandwidth-Max-Down = 4000000\nMessage-Authenticator = 0x00\n");
    assertThat(r.stdout()).contains("CoA-ACK");
    assertThat(lab.sh(gw, "tc class show dev gc0")).contains("rate 4Mbit ceil 4Mbit");
    assertThat(clientIsCaptive()).isFalse();
  }

  @Test
  @Order(10)
  void disconnectWithAWrongSecretIsDroppedAndChangesNothing() {
    CommandRunner.Result r =
        lab.runner(gw)
            .run(
                List.of(
                    "radclient",
                    "-r",
                    "1",
                    "-t",
                    "2",
                    "127.0.0.1:3799",
                    "disconnect",
                    "falsch-secret"),
                "Framed-IP-Address = " + CLIENT_IP + "\nMessage-Authenticator = 0x00\n");
    assertThat(r.stdout() + r.stderr()).doesNotContain("Disconnect-ACK");
    assertThat(clientIsCaptive()).isFalse();
  }

  @Test
  @Order(11)
  void disconnectRequestMakesTheClientCaptiveAndSendsStop() {
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
                    RADIUS_SECRET),
                "Framed-IP-Address = " + CLIENT_IP + "\nMessage-Authenticator = 0x00\n");
    assertThat(r.stdout()).contains("Disconnect-ACK");
    assertThat(clientIsCaptive()).isTrue();
    await("Stop with Admin-Reset")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                accounting("Stop").stream()
                    .anyMatch(s -> s.contains("warga1") && s.contains("Admin-Reset")));
  }

  @Test
  @Order(12)
  void disconnectForAnUnknownSessionIsNaked() {
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
                    RADIUS_SECRET),
                "Framed-IP-Address = 10.77.0.99\nMessage-Authenticator = 0x00\n");
    assertThat(r.stdout()).contains("Disconnect-NAK");
  }

  @Test
  @Order(13)
  void octetLimitReachedMakesTheClientCaptiveAgain() {
    assertThat(authorize("kuota", "sandi-kuota", false)).startsWith("200 ");
    assertThat(clientIsCaptive()).isFalse();
    // 6 MB is three times the limit: the gateway cuts the download off.
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
    await("captive after the octet limit")
        .atMost(Duration.ofSeconds(15))
        .until(this::clientIsCaptive);
    await("Stop for kuota")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                accounting("Stop").stream()
                    .anyMatch(s -> s.contains("\"kuota\"") && s.contains("Session-Timeout")));
    String stop =
        accounting("Stop").stream().filter(s -> s.contains("\"kuota\"")).findFirst().orElseThrow();
    assertThat(attribute(stop, "Acct-Output-Octets") + attribute(stop, "Acct-Input-Octets"))
        .isGreaterThanOrEqualTo(QUOTA_BYTES);
  }

  @Test
  @Order(14)
  void sessionsSurviveAGatewayRestartAndStopRemovesTheTable() throws Exception {
    assertThat(authorize("warga1", "sandi-warga1", false)).startsWith("200 ");
    assertThat(clientIsCaptive()).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> accounting("Start").size() == 3);

    assertThat(NetnsLab.stop(gateway, 20)).isTrue();
    assertThat(lab.sh(gw, "nft list tables")).doesNotContain("kampung_gateway\n");
    assertThat(lab.sh(gw, "tc qdisc show dev gc0")).doesNotContain("htb");

    startGateway("gateway-restarted.log");
    assertThat(curlFromClient("http://" + UPSTREAM_IP + "/")).isEqualTo("200");
    assertThat(accounting("Start")).hasSize(3); // the same session goes on: no new Start
    assertThat(lab.sh(gw, "tc class show dev gc0")).contains("rate 8Mbit");

    assertThat(NetnsLab.stop(gateway, 20)).isTrue();
    assertThat(lab.sh(gw, "nft list tables")).doesNotContain("kampung_gateway\n");
  }

  @Test
  @Order(15)
  void aGatewayKilledMidSessionComesBackWithTheCountersOfItsLastInterim() throws Exception {
    startGateway("gateway-before-crash.log");
    long countedBefore = latestOutputOctets();
    assertThat(curlFromClient("http://" + UPSTREAM_IP + "/1mb.bin")).isEqualTo("200");
    await("an Interim-Update counting the download")
        .atMost(Duration.ofSeconds(20))
        .until(() -> latestOutputOctets() >= countedBefore + 1_000_000);
    long beforeCrash = latestOutputOctets();
    // The session store writes its snapshot every second here (5 s by default).
    await().pollDelay(Duration.ofMillis(2500)).until(() -> true);

    gateway.destroyForcibly(); // a power cut: no clean stop, nothing saved on the way out
    assertThat(gateway.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    int interimsSoFar = accounting("Interim-Update").size();

    startGateway("gateway-after-crash.log");
    assertThat(curlFromClient("http://" + UPSTREAM_IP + "/")).isEqualTo("200");
    await("an Interim-Update after the restart")
        .atMost(Duration.ofSeconds(20))
        .until(() -> accounting("Interim-Update").size() > interimsSoFar);
    // Cumulative counters go on from the last Interim, not from the last clean stop.
    assertThat(latestOutputOctets()).isGreaterThanOrEqualTo(beforeCrash);
    assertThat(NetnsLab.stop(gateway, 20)).isTrue();
  }

  /** What the session of the last Start reported downloaded in its newest Interim-Update. */
  private long latestOutputOctets() {
    List<String> starts = accounting("Start");
    Matcher id =
        Pattern.compile("Acct-Session-Id = \"([^\"]+)\"").matcher(starts.get(starts.size() - 1));
    assertThat(id.find()).isTrue();
    String session = "Acct-Session-Id = \"" + id.group(1) + "\"";
    List<String> interims =
        accounting("Interim-Update").stream().filter(r -> r.contains(session)).toList();
    return interims.isEmpty()
        ? 0
        : attribute(interims.get(interims.size() - 1), "Acct-Output-Octets");
  }
}
