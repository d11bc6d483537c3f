package org.smartkampung.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
 * The gateway tried as an attacker on the village Wi-Fi (or on the WAN) would (issue 13), on real
 * kernel networking: a client and an intruder on one Wi-Fi bridge of the gateway, the gateway (with
 * FreeRADIUS), and an upstream with a web server, a resolver and a UDP streamer. Each test is one
 * finding; each fails on a gateway that lets the attack through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayAttackEndToEndTest {

  private static final String KEY = "kunci-gateway-uji-0123456789";
  private static final String RADIUS_SECRET = "rahasia-radius-uji";
  private static final String GATEWAY_IP = "10.79.0.1";
  private static final String CLIENT_IP = "10.79.0.2";
  private static final String CLIENT_MAC = "02:00:00:79:00:02";
  private static final String INTRUDER_IP = "10.79.0.3";
  private static final String INTRUDER_MAC = "02:00:00:79:00:03";
  private static final String WAN_IP = "192.168.79.1";
  private static final String UPSTREAM_IP = "192.168.79.2";
  private static final String GARDEN_IP = "192.168.79.3";
  private static final String GARDEN_NAME = "layanan.desa.test";
  // A garden name the resolver never answers: its query stays open for forged answers.
  private static final String SLOW_GARDEN_NAME = "lambat.desa.test";
  private static final String PORTAL = "http://" + GATEWAY_IP + ":8080/hotspot/gateway";
  private static final int API_PORT = 8003;
  private static final int STREAM_PORT = 5001;
  private static final long QUOTA_BYTES = 3_000_000;
  private static final long MAX_OVERSHOOT_BYTES = 64 * 1024;

  private Path tmp;
  private NetnsLab lab;
  private String client;
  private String intruder;
  private String gw;
  private String upstream;
  private FreeRadius radius;
  private Process gateway;
  private Path gatewayLog;
  private Path dnsLog;
  private final GatewaySignature signature = new GatewaySignature(KEY, Clock.systemUTC(), 120);

  @BeforeAll
  void buildNetwork() throws Exception {
    NetnsLab.requireRootAnd(
        "ip", "nft", "tc", "curl", "freeradius", "radclient", "python3", "dnsmasq", "dig");
    lab = new NetnsLab();
    tmp = Files.createTempDirectory("kampung-gateway-attack");
    try {
      client = lab.namespace("c");
      intruder = lab.namespace("i");
      gw = lab.namespace("g");
      upstream = lab.namespace("u");
      // The Wi-Fi: a bridge on the gateway with the client's and the intruder's links as ports.
      lab.sh(gw, "ip link add gbr0 type bridge && ip link set gbr0 up");
      bridgePort(client, "cg0", CLIENT_IP, CLIENT_MAC, "gc0");
      bridgePort(intruder, "ci0", INTRUDER_IP, INTRUDER_MAC, "gi0");
      lab.sh(gw, "ip addr add " + GATEWAY_IP + "/24 dev gbr0");
      lab.link(gw, "gu0", WAN_IP + "/24", upstream, "ug0", UPSTREAM_IP + "/24");
      lab.sh(upstream, "ip addr add " + GARDEN_IP + "/24 dev ug0");
      lab.sh(client, "ip route add default via " + GATEWAY_IP);
      lab.sh(intruder, "ip route add default via " + GATEWAY_IP);
      lab.sh(gw, "sysctl -qw net.ipv4.ip_forward=1");
      // br_netfilter is loaded (built into this kernel); the gateway wants it off for its bridge.
      assertThat(lab.sh(gw, "cat /proc/sys/net/bridge/bridge-nf-call-iptables").trim())
          .isEqualTo("1");
      lab.sh(gw, "sysctl -qw net.bridge.bridge-nf-call-iptables=0");
      // IPv6 everywhere, forwarding on: only the gateway's guard keeps the client off it.
      lab.sh(
          client, "ip -6 addr add fd79::2/64 dev cg0 nodad && ip -6 route add default via fd79::1");
      lab.sh(
          gw,
          "ip -6 addr add fd79::1/64 dev gbr0 nodad && ip -6 addr add fd80::1/64 dev gu0 nodad");
      lab.sh(gw, "sysctl -qw net.ipv6.conf.all.forwarding=1");
      lab.sh(
          upstream,
          "ip -6 addr add fd80::2/64 dev ug0 nodad && ip -6 route add fd79::/64 via fd80::1");

      Path www = Files.createDirectories(tmp.resolve("www"));
      Files.writeString(www.resolve("index.html"), "<h1>upstream hidup</h1>\n");
      lab.sh(upstream, "head -c 20000000 /dev/urandom > " + www.resolve("20mb.bin"));
      web(List.of("80", "--bind", "0.0.0.0"), www, "http.log");
      web(List.of("2222", "--bind", GARDEN_IP), www, "http-2222.log");
      web(List.of("8080", "--bind", "fd80::2"), www, "http-ipv6.log");
      lab.spawn(
          upstream,
          List.of("python3", script("udp_stream.py"), "serve", "" + STREAM_PORT),
          tmp.resolve("stream.log"));
      dnsLog = tmp.resolve("dnsmasq-queries.log");
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
              "--log-queries",
              "--log-facility=" + dnsLog,
              "--address=/" + GARDEN_NAME + "/" + GARDEN_IP,
              "--address=/kontrol.test/" + GARDEN_IP,
              "--txt-record=" + GARDEN_NAME + ",rahasia-txt",
              "--txt-record=kabar.tunnel.test,data-rahasia",
              // Forwarded to an address nobody answers for: the query stays open.
              "--server=/" + SLOW_GARDEN_NAME + "/192.168.79.250"),
          tmp.resolve("dnsmasq.log"));

      radius =
          FreeRadius.start(
              lab,
              gw,
              Files.createDirectories(tmp.resolve("freeradius")),
              RADIUS_SECRET,
              """
              warga Cleartext-Password := "sandi-warga"
                     Session-Timeout = 3600, Acct-Interim-Interval = 60, \
              WISPr-Bandwidth-Max-Down = 20000000, WISPr-Bandwidth-Max-Up = 20000000

              lambat Cleartext-Password := "sandi-lambat"
                     Acct-Interim-Interval = 60, \
              WISPr-Bandwidth-Max-Down = 2000000, WISPr-Bandwidth-Max-Up = 2000000

              kuota Cleartext-Password := "sandi-kuota"
                     Acct-Interim-Interval = 60, ChilliSpot-Max-Total-Octets = %d, \
              WISPr-Bandwidth-Max-Down = 50000000, WISPr-Bandwidth-Max-Up = 20000000
              """
                  .formatted(QUOTA_BYTES));

      Files.writeString(tmp.resolve("kampung.yaml"), gatewayConfig(tmp.resolve("data"), "gbr0"));
      gatewayLog = tmp.resolve("gateway.log");
      gateway = GatewayProcess.start(lab, gw, tmp.resolve("kampung.yaml"), gatewayLog);
      assertThat(gateway.isAlive())
          .as("gateway died:\n%s", GatewayProcess.read(gatewayLog))
          .isTrue();
    } catch (Throwable t) {
      tearDown();
      throw t;
    }
  }

  /** A device on the Wi-Fi: a veth pair from {@code ns} to a port of the gateway's bridge. */
  private void bridgePort(String ns, String dev, String ip, String mac, String port) {
    lab.sh(gw, "ip link add " + port + " type veth peer name " + dev + " netns " + ns);
    lab.sh(gw, "ip link set " + port + " master gbr0 && ip link set " + port + " up");
    lab.sh(ns, "ip link set " + dev + " address " + mac + " && ip link set " + dev + " up");
    lab.sh(ns, "ip addr add " + ip + "/24 dev " + dev);
  }

  private void web(List<String> portAndBind, Path www, String log) throws IOException {
    List<String> command = new ArrayList<>(List.of("python3", "-m", "http.server"));
    command.addAll(portAndBind);
    command.addAll(List.of("--directory", www.toString()));
    lab.spawn(upstream, command, tmp.resolve(log));
  }

  private static String gatewayConfig(Path data, String clientInterface) {
    return """
        regency:
          id: banyuwangi
          name: Kabupaten Banyuwangi
        store:
          type: embedded
          data-dir: %s
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
          client-interface: %s
          upstream-interface: gu0
          client-subnet: 10.79.0.0/24
          portal-url: %s
          signing-key: %s
          radius-server: 127.0.0.1
          radius-secret: %s
          api-port: %d
          upstream-dns: %s
          walled-garden: [%s, %s]
          poll-interval-seconds: 1
        """
        .formatted(
            data,
            clientInterface,
            PORTAL,
            KEY,
            RADIUS_SECRET,
            API_PORT,
            UPSTREAM_IP,
            GARDEN_NAME,
            SLOW_GARDEN_NAME);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (lab != null) {
      lab.closeAfter(gateway, tmp);
    }
  }

  // --- helpers ---

  private static String script(String name) {
    try {
      return Path.of(GatewayAttackEndToEndTest.class.getResource("/netns/" + name).toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private String curl(String ns, String... args) {
    return lab.curlStatus(ns, 4, args);
  }

  /** dig from {@code ns}: the status line's code and the answers, e.g. "NOERROR 1.2.3.4". */
  private String dig(String ns, String server, String type, String name) {
    String out = lab.exec(ns, "dig", "+time=2", "+tries=1", "@" + server, type, name).stdout();
    Matcher status = Pattern.compile("status: ([A-Z]+)").matcher(out);
    String answers =
        lab.exec(ns, "dig", "+short", "+time=2", "+tries=1", "@" + server, type, name)
            .stdout()
            .trim();
    return (status.find() ? status.group(1) : "NO-ANSWER") + " " + answers;
  }

  private String gardenSet() {
    return lab.sh(gw, "nft list set inet kampung_gateway garden");
  }

  private String authorize(String ip, String mac, String username, String secret) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("gw", "kemiren-gw");
    params.put("ip", ip);
    params.put("mac", mac);
    params.put("username", username);
    params.put("secret", secret);
    return GatewayProcess.authorize(lab, gw, API_PORT, signature, params);
  }

  private String disconnect(String ip) {
    return lab.runner(gw)
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
            "Framed-IP-Address = " + ip + "\nMessage-Authenticator = 0x00\n")
        .stdout();
  }

  private static void waitFor(Duration duration) {
    await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
  }

  // --- DNS ---

  @Test
  @Order(1)
  void forgedAnswersFromTheClientSideOpenNothing() {
    assertThat(curl(client, "http://" + UPSTREAM_IP + "/")).startsWith("302 ");
    lab.sh(
        client,
        "python3 "
            + script("dns_forge.py")
            + " "
            + GATEWAY_IP
            + " 16962 "
            + SLOW_GARDEN_NAME
            + " "
            + UPSTREAM_IP
            + " "
            + GATEWAY_IP);
    assertThat(gardenSet()).doesNotContain(UPSTREAM_IP);
    assertThat(curl(client, "http://" + UPSTREAM_IP + "/")).startsWith("302 ");
  }

  @Test
  @Order(2)
  void forgedAnswersFromTheWanOpenNothing() {
    // The client asks; an attacker on the WAN sprays answers at the gateway's WAN address.
    lab.sh(
        client,
        "python3 "
            + script("dns_forge.py")
            + " - 17219 "
            + SLOW_GARDEN_NAME
            + " 0.0.0.0 "
            + GATEWAY_IP);
    lab.sh(
        upstream,
        "python3 "
            + script("dns_forge.py")
            + " "
            + WAN_IP
            + " 17219 "
            + SLOW_GARDEN_NAME
            + " "
            + UPSTREAM_IP);
    assertThat(gardenSet()).doesNotContain(UPSTREAM_IP);
    assertThat(curl(client, "http://" + UPSTREAM_IP + "/")).startsWith("302 ");
  }

  @Test
  @Order(3)
  void theForwarderAndTheInterceptorDoNotAnswerTheWan() {
    assertThat(dig(upstream, WAN_IP, "A", GARDEN_NAME)).startsWith("NO-ANSWER");
    assertThat(dig(upstream, GATEWAY_IP, "A", GARDEN_NAME)).startsWith("NO-ANSWER");
    lab.sh(upstream, "ip route add 10.79.0.0/24 via " + WAN_IP);
    try {
      assertThat(curl(upstream, "http://" + GATEWAY_IP + ":8002/")).startsWith("000");
      assertThat(dig(upstream, GATEWAY_IP, "A", GARDEN_NAME)).startsWith("NO-ANSWER");
    } finally {
      lab.sh(upstream, "ip route del 10.79.0.0/24");
    }
  }

  @Test
  @Order(4)
  void txtTunnellingBeforeLoginFails() {
    for (int i = 0; i < 10; i++) {
      assertThat(dig(client, GATEWAY_IP, "TXT", randomLabel(40) + ".t.tunnel.test"))
          .startsWith("REFUSED");
      // Data can ride in A questions too: hex-encoded labels never leave the gateway.
      String hex = HexFormat.of().formatHex(("pesan-" + i + "-rahasia").getBytes(UTF_8));
      assertThat(dig(client, GATEWAY_IP, "A", hex.substring(0, 24) + ".t.tunnel.test"))
          .startsWith("REFUSED");
    }
    assertThat(dig(client, GATEWAY_IP, "TXT", "kabar.tunnel.test")).isEqualTo("REFUSED ");
    assertThat(dig(client, GATEWAY_IP, "TXT", GARDEN_NAME)).isEqualTo("REFUSED ");
    // A question that may pass reaches the resolver; once it is in its log, none of the others is.
    assertThat(dig(client, GATEWAY_IP, "A", "kontrol.test")).isEqualTo("NOERROR " + GARDEN_IP);
    await("the resolver logged the control question")
        .atMost(Duration.ofSeconds(10))
        .until(() -> GatewayProcess.read(dnsLog).contains("kontrol.test"));
    assertThat(GatewayProcess.read(dnsLog))
        .doesNotContain("tunnel.test")
        .doesNotContain("query[TXT]");
  }

  @Test
  @Order(5)
  void dnsToAnotherResolverIsRefusedBeforeLogin() {
    assertThat(dig(client, UPSTREAM_IP, "A", GARDEN_NAME)).startsWith("NO-ANSWER");
    assertThat(dig(client, GATEWAY_IP, "A", GARDEN_NAME)).isEqualTo("NOERROR " + GARDEN_IP);
  }

  @Test
  @Order(6)
  void junkDatagramsToTheDnsAndDacPortsLogOneLineNotAStackTraceEach() {
    lab.sh(client, "python3 " + script("junk.py") + " " + GATEWAY_IP + " 53 400");
    // The DAC listens for the RADIUS server only (here on the gateway itself).
    lab.sh(gw, "python3 " + script("junk.py") + " 127.0.0.1 3799 400");
    assertThat(dig(client, GATEWAY_IP, "A", GARDEN_NAME)).isEqualTo("NOERROR " + GARDEN_IP);
    String log = GatewayProcess.read(gatewayLog);
    assertThat(log.lines().filter(l -> l.startsWith("\tat ")).count()).isZero();
    assertThat(log.lines().filter(l -> l.contains("dns: ")).count()).isLessThanOrEqualTo(1);
    assertThat(log.lines().filter(l -> l.contains("dropped dynamic-authorization packet")).count())
        .isLessThanOrEqualTo(1);
  }

  // --- the walled garden ---

  @Test
  @Order(7)
  void gardenAddressesOpenOnlyTheirWebPortsNotPort2222OrPing() {
    assertThat(dig(client, GATEWAY_IP, "A", GARDEN_NAME)).isEqualTo("NOERROR " + GARDEN_IP);
    assertThat(curl(client, "http://" + GARDEN_IP + "/")).isEqualTo("200");
    assertThat(curl(client, "http://" + GARDEN_IP + ":2222/")).startsWith("000");
    assertThat(lab.exec(client, "python3", script("ping.py"), GARDEN_IP).ok()).isFalse();
  }

  // --- sessions ---

  @Test
  @Order(8)
  void anAddressTakenOverByAnotherDeviceGetsNothingAndIsLogged() {
    assertThat(authorize(CLIENT_IP, CLIENT_MAC, "warga", "sandi-warga")).startsWith("200 ");
    assertThat(curl(client, "http://" + UPSTREAM_IP + "/")).isEqualTo("200");
    assertThat(lab.exec(client, "python3", script("ping.py"), UPSTREAM_IP).ok()).isTrue();

    lab.sh(intruder, "ip addr flush dev ci0 && ip addr add " + CLIENT_IP + "/24 dev ci0");
    lab.sh(intruder, "ip route add default via " + GATEWAY_IP);
    try {
      assertThat(curl(intruder, "http://" + UPSTREAM_IP + "/")).isNotEqualTo("200");
      assertThat(lab.exec(intruder, "python3", script("ping.py"), UPSTREAM_IP).ok()).isFalse();
      await("the takeover logged")
          .atMost(Duration.ofSeconds(10))
          .until(() -> GatewayProcess.read(gatewayLog).contains("used by device " + INTRUDER_MAC));
    } finally {
      lab.sh(intruder, "ip addr flush dev ci0 && ip addr add " + INTRUDER_IP + "/24 dev ci0");
      lab.sh(intruder, "ip route add default via " + GATEWAY_IP);
      lab.sh(gw, "ip neigh flush dev gbr0");
    }
    assertThat(curl(client, "http://" + UPSTREAM_IP + "/")).isEqualTo("200");
  }

  @Test
  @Order(9)
  void afterACutOffAUdpStreamDeliversNothingAfterOneSecond() {
    Path count = tmp.resolve("stream-count");
    lab.runner(client)
        .run(
            List.of(
                "sh",
                "-c",
                "python3 "
                    + script("udp_stream.py")
                    + " receive "
                    + UPSTREAM_IP
                    + " "
                    + STREAM_PORT
                    + " 8000000 15 15 "
                    + count
                    + " >/dev/null 2>&1 &"));
    await("the stream flowing")
        .atMost(Duration.ofSeconds(10))
        .until(() -> received(count) > 500_000);
    assertThat(disconnect(CLIENT_IP)).contains("Disconnect-ACK");
    waitFor(Duration.ofSeconds(1));
    long oneSecondAfter = received(count);
    waitFor(Duration.ofSeconds(3));
    assertThat(received(count)).isEqualTo(oneSecondAfter);
  }

  private static long received(Path countFile) {
    String text = GatewayProcess.read(countFile).trim();
    return text.isEmpty() ? 0 : Long.parseLong(text);
  }

  @Test
  @Order(10)
  void quotaOvershootIsAtMost64KbAt50Mbits() {
    assertThat(authorize(CLIENT_IP, CLIENT_MAC, "kuota", "sandi-kuota")).startsWith("200 ");
    CommandRunner.Result r =
        lab.runner(client)
            .run(
                List.of(
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    "--max-time",
                    "6",
                    "-w",
                    "%{size_download}",
                    "http://" + UPSTREAM_IP + "/20mb.bin"));
    long downloaded = Long.parseLong(r.stdout().trim());
    assertThat(downloaded).isBetween(QUOTA_BYTES / 2, QUOTA_BYTES + MAX_OVERSHOOT_BYTES);
    await("captive after the octet limit")
        .atMost(Duration.ofSeconds(10))
        .until(() -> curl(client, "http://" + UPSTREAM_IP + "/").startsWith("302 "));
  }

  @Test
  @Order(11)
  void bytesTheShaperDropsAreNotBilled() {
    assertThat(authorize(CLIENT_IP, CLIENT_MAC, "lambat", "sandi-lambat")).startsWith("200 ");
    Path count = tmp.resolve("flood-count");
    long rxBefore = clientRxBytes();
    // 20 Mbit/s for 3 s at a client shaped to 2 Mbit/s; listen until the queue has drained.
    lab.sh(
        client,
        "python3 "
            + script("udp_stream.py")
            + " receive "
            + UPSTREAM_IP
            + " "
            + STREAM_PORT
            + " 20000000 3 10 "
            + count);
    assertThat(received(count)).isGreaterThan(200_000);
    assertThat(disconnect(CLIENT_IP)).contains("Disconnect-ACK");
    // What reached the client's network card (a busy receiver may still drop some in its socket).
    long delivered = clientRxBytes() - rxBefore;
    await("Stop for lambat").atMost(Duration.ofSeconds(10)).until(() -> stop("lambat") != null);
    long billed = octets(stop("lambat"), "Acct-Output-Octets");
    // Before, the bytes that arrived at the gateway were billed: about five times as many here.
    assertThat(billed)
        .isBetween(delivered * 9 / 10 - MAX_OVERSHOOT_BYTES, delivered + MAX_OVERSHOOT_BYTES);
  }

  private long clientRxBytes() {
    return Long.parseLong(lab.sh(client, "cat /sys/class/net/cg0/statistics/rx_bytes").trim());
  }

  private String stop(String user) {
    return radius.accountingRecords().stream()
        .filter(r -> r.contains("Acct-Status-Type = Stop") && r.contains("\"" + user + "\""))
        .findFirst()
        .orElse(null);
  }

  private static long octets(String record, String name) {
    Matcher m = Pattern.compile(name + " = (\\d+)").matcher(record);
    assertThat(m.find()).as(record).isTrue();
    return Long.parseLong(m.group(1));
  }

  // --- br_netfilter ---

  @Test
  @Order(15)
  void withBrNetfilterActiveOnItsBridgeTheGatewayRefusesToStartNamingTheSysctl() throws Exception {
    lab.sh(gw, "sysctl -qw net.bridge.bridge-nf-call-iptables=1");
    try {
      Path log = tmp.resolve("gateway-br-netfilter.log");
      Path config = tmp.resolve("kampung-br-netfilter.yaml");
      Files.writeString(config, gatewayConfig(tmp.resolve("data-br-netfilter"), "gbr0"));
      Process refused = GatewayProcess.start(lab, gw, config, log);
      assertThat(refused.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(refused.exitValue()).isNotZero();
      assertThat(GatewayProcess.read(log)).contains("net.bridge.bridge-nf-call-iptables=0");
    } finally {
      lab.sh(gw, "sysctl -qw net.bridge.bridge-nf-call-iptables=0");
    }
    // The running gateway is unharmed: the refused one touched nothing.
    assertThat(curl(intruder, "http://" + UPSTREAM_IP + "/")).startsWith("302 ");
  }

  // --- IPv6, last: it stops the gateway ---

  @Test
  @Order(20)
  void anIpv6ClientIsBlockedAndStaysBlockedAfterTheGatewayStops() throws Exception {
    String url = "http://[fd80::2]:8080/";
    assertThat(curl(client, "-6", url)).startsWith("000");
    assertThat(NetnsLab.stop(gateway, 20)).isTrue();
    assertThat(lab.sh(gw, "nft list tables")).doesNotContain("kampung_gateway\n");
    assertThat(curl(client, "-6", url)).startsWith("000");
    // The lab itself forwards IPv6: without the guard the client gets through.
    lab.sh(gw, "nft delete table inet kampung_gateway_ipv6");
    assertThat(curl(client, "-6", url)).isEqualTo("200");
  }

  private static String randomLabel(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
