package org.smartkampung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.GatewaySettings;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.testing.NetnsLab;

/** The files an operator copies from {@code config/gateway/} are valid as shipped. */
class OperatorFilesTest {

  private static final Path DIR = Path.of("../config/gateway");

  @Test
  void exampleGatewayConfigLoads() throws Exception {
    Path file = DIR.resolve("kampung-gateway.example.yaml");
    KampungConfig config =
        ConfigLoader.load(
            file.toString(),
            Files.readString(file),
            Map.of(
                "KAMPUNG_GATEWAY_KEY", "kunci-contoh-yang-panjang-sekali",
                "KAMPUNG_RADIUS_SECRET", "rahasia-contoh"));
    GatewaySettings gw = config.gateway();
    assertThat(gw.enabled()).isTrue();
    assertThat(config.hotspots()).anyMatch(h -> h.name().equals(gw.id()));
    assertThat(config.village(gw.village())).isPresent();
  }

  @Test
  void shippedDefaultLeavesTheGatewayOff() throws Exception {
    Path file = Path.of("../config/kampung.yaml");
    assertThat(
            ConfigLoader.load(file.toString(), Files.readString(file), Map.of())
                .gateway()
                .enabled())
        .isFalse();
  }

  @Test
  void dnsmasqLinesPassDnsmasqsOwnCheck() {
    NetnsLab.requireCommands("dnsmasq");
    CommandRunner.Result r =
        CommandRunner.local()
            .run(
                List.of("dnsmasq", "--test", "--conf-file=" + DIR.resolve("dnsmasq-kampung.conf")));
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout() + r.stderr()).contains("syntax check OK");
  }

  @Test
  void systemdUnitRunsTheRunCommandWithForwardingOnlyWhileUp() throws Exception {
    String unit = Files.readString(DIR.resolve("kampung.service"));
    assertThat(unit)
        .contains(
            "ExecStart=/usr/bin/java -Xmx256m -jar /opt/kampung/kampung.jar run --config /etc/kampung/kampung.yaml")
        .contains("AmbientCapabilities=CAP_NET_ADMIN CAP_NET_BIND_SERVICE")
        .contains("ExecStopPost=+/usr/sbin/sysctl -qw net.ipv4.ip_forward=0");
  }
}
