package org.smartkampung.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartkampung.gateway.testing.FreeRadius;
import org.smartkampung.gateway.testing.GatewayProcess;
import org.smartkampung.gateway.testing.NetnsLab;

/**
 * A village's bypass device (the kantor desa PC) behind our gateway on real kernel networking: the
 * gateway tries MAC login for a captive client's MAC, RADIUS accepts the bypass MAC (as the Kampung
 * RADIUS server does for a MAC on the village's bypass list; FreeRADIUS plays it here), and the PC
 * reaches the internet without ever seeing the sign-in page, while a device with another MAC
 * (joining first on the same port and address) is sent to the portal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayBypassEndToEndTest {

  private static final String KEY = "kunci-gateway-uji-0123456789";
  private static final String RADIUS_SECRET = "rahasia-radius-uji";
  private static final String CLIENT_IP = "10.78.0.2";
  private static final String GATEWAY_IP = "10.78.0.1";
  private static final String UPSTREAM_IP = "192.168.78.2";
  private static final String PORTAL = "http://" + GATEWAY_IP + ":8080/hotspot/gateway";
  private static final String KANTOR_MAC = "00:1a:2b:3c:4d:60";
  private static final String WARGA_MAC = "00:1a:2b:3c:4d:61";

  private Path tmp;
  private NetnsLab lab;
  private String client;
  private String gw;
  private Process gateway;
  private Path gatewayLog;

  @BeforeAll
  void buildNetwork() throws Exception {
    NetnsLab.requireRootAnd("ip", "nft", "tc", "curl", "freeradius", "radclient", "python3");
    lab = new NetnsLab();
    tmp = Files.createTempDirectory("kampung-gateway-bypass");
    try {
      client = lab.namespace("c");
      gw = lab.namespace("g");
      String upstream = lab.namespace("u");
      lab.link(client, "cg0", CLIENT_IP + "/24", gw, "gc0", GATEWAY_IP + "/24");
      lab.link(gw, "gu0", "192.168.78.1/24", upstream, "ug0", UPSTREAM_IP + "/24");
      lab.sh(client, "ip route add default via " + GATEWAY_IP);
      lab.sh(gw, "sysctl -qw net.ipv4.ip_forward=1");
      Path www = Files.createDirectories(tmp.resolve("www"));
      Files.writeString(www.resolve("index.html"), "<h1>upstream hidup</h1>\n");
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
      FreeRadius.start(
          lab,
          gw,
          Files.createDirectories(tmp.resolve("freeradius")),
          RADIUS_SECRET,
          """
          "%s" Cleartext-Password := "%s"
                 Session-Timeout = 3600, Acct-Interim-Interval = 60
          """
              .formatted(KANTOR_MAC, KANTOR_MAC));
      Files.writeString(tmp.resolve("kampung.yaml"), gatewayConfig(tmp.resolve("data")));
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

  private static String gatewayConfig(Path data) {
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
          client-interface: gc0
          upstream-interface: gu0
          client-subnet: 10.78.0.0/24
          portal-url: %s
          signing-key: %s
          radius-server: 127.0.0.1
          radius-secret: %s
          api-port: 8013
          poll-interval-seconds: 1
        """
        .formatted(data, PORTAL, KEY, RADIUS_SECRET);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (lab == null) {
      return;
    }
    lab.closeAfter(gateway, tmp);
  }

  /** Gives the client's port the MAC of another device, as if that device had joined. */
  private void becomeDevice(String mac) throws IOException {
    lab.sh(client, "ip link set cg0 address " + mac);
    lab.sh(gw, "ip neigh flush dev gc0");
    lab.sh(client, "ping -c 1 -W 2 " + GATEWAY_IP + " >/dev/null || true");
  }

  private String curl(String url) {
    return lab.curlStatus(client, 10, url);
  }

  @Test
  void aBypassMacReachesTheInternetWithoutLoginWhileAnotherMacIsRedirected() throws Exception {
    String page = "http://" + UPSTREAM_IP + "/";

    becomeDevice(WARGA_MAC);
    String warga = curl(page);
    assertThat(warga).as("an unlisted device is sent to the portal").startsWith("302 " + PORTAL);

    becomeDevice(KANTOR_MAC);
    String first = curl(page);
    assertThat(first)
        .as("the bypass device is sent back to the page it asked for, not to the portal")
        .isEqualTo("302 " + page);
    await("the bypass device online")
        .atMost(Duration.ofSeconds(10))
        .until(() -> curl(page).equals("200"));
    assertThat(GatewayProcess.read(gatewayLog)).contains("online as " + KANTOR_MAC);
  }
}
