package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

  private static final String FILE = "kampung.yaml";
  private static final String BASE =
      """
      regency:
        id: banyuwangi
        name: Kabupaten Banyuwangi
      villages:
        - id: kemiren
          name: Kemiren
      """;

  private static final String GATEWAY =
      """
      gateway:
        enabled: true
        id: kemiren-gw
        village: kemiren
        client-interface: br-wifi
        upstream-interface: eth0
        client-subnet: 10.5.50.0/24
        portal-url: http://10.5.50.1:8080/hotspot/gateway
        signing-key: ${KAMPUNG_GATEWAY_KEY}
        radius-server: 127.0.0.1
        radius-secret: rahasia
        walled-garden: [banyuwangikab.go.id, 203.0.113.0/24]
      """;

  @Test
  void gatewayIsDisabledWithDefaultsWhenLeftOut() throws Exception {
    KampungConfig config = ConfigLoader.load(FILE, BASE, Map.of());
    assertThat(config.gateway().enabled()).isFalse();
    assertThat(config.gateway().dacPort()).isEqualTo(3799);
    assertThat(config.gateway().keepTableOnStop()).isFalse();
  }

  @Test
  void enabledGatewaySectionLoadsWithKeyFromEnvironment() throws Exception {
    KampungConfig config =
        ConfigLoader.load(
            FILE, BASE + GATEWAY, Map.of("KAMPUNG_GATEWAY_KEY", "0123456789abcdef0123"));
    GatewaySettings gw = config.gateway();
    assertThat(gw.enabled()).isTrue();
    assertThat(gw.signingKey()).isEqualTo("0123456789abcdef0123");
    assertThat(gw.walledGarden()).containsExactly("banyuwangikab.go.id", "203.0.113.0/24");
    assertThat(gw.httpPort()).isEqualTo(8002);
    assertThat(gw.radiusAuthPort()).isEqualTo(1812);
    assertThat(gw.toString()).doesNotContain("0123456789abcdef0123");
  }

  @Test
  void gardenPortsAreTheWebPortsUnlessConfigured() throws Exception {
    Map<String, String> env = Map.of("KAMPUNG_GATEWAY_KEY", "0123456789abcdef0123");
    assertThat(ConfigLoader.load(FILE, BASE + GATEWAY, env).gateway().gardenTcpPorts())
        .containsExactly(80, 443);
    String more = BASE + GATEWAY + "  garden-tcp-ports: [80, 443, 8443]\n";
    assertThat(ConfigLoader.load(FILE, more, env).gateway().gardenTcpPorts())
        .containsExactly(80, 443, 8443);
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.load(FILE, BASE + GATEWAY + "  garden-tcp-ports: [0]\n", env));
    assertThat(e.errors()).extracting(ConfigError::field).contains("gateway.garden-tcp-ports[0]");
  }

  @Test
  void badGatewayFieldsAreReportedWithTheirLines() {
    String yaml =
        BASE
            + GATEWAY
                .replace("village: kemiren", "village: kemirn")
                .replace("br-wifi", "br wifi")
                .replace("10.5.50.0/24", "10.5.50.0/40")
                .replace("${KAMPUNG_GATEWAY_KEY}", "pendek")
            + "  dac-port: 0\n  dns-prot: 53\n";
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(FILE, yaml, Map.of()));
    assertThat(e.errors())
        .extracting(ConfigError::line, ConfigError::field)
        .containsExactlyInAnyOrder(
            tuple(10, "gateway.village"),
            tuple(11, "gateway.client-interface"),
            tuple(13, "gateway.client-subnet"),
            tuple(15, "gateway.signing-key"),
            tuple(19, "gateway.dac-port"),
            tuple(20, "gateway.dns-prot"));
  }

  @Test
  void enabledGatewayNeedsItsRequiredFields() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.load(FILE, BASE + "gateway:\n  enabled: true\n", Map.of()));
    assertThat(e.errors())
        .extracting(ConfigError::field)
        .contains(
            "gateway.id",
            "gateway.village",
            "gateway.client-interface",
            "gateway.client-subnet",
            "gateway.portal-url",
            "gateway.signing-key",
            "gateway.radius-secret");
  }

  @Test
  void gatewayRadSecIsOffByDefaultAndItsFilesAreReportedWithFileAndLine() throws Exception {
    KampungConfig plain =
        ConfigLoader.load(
            FILE, BASE + GATEWAY, Map.of("KAMPUNG_GATEWAY_KEY", "0123456789abcdef0123"));
    assertThat(plain.gateway().radsec().enabled()).isFalse();
    assertThat(plain.gateway().radsec().port()).isEqualTo(2083);

    String yaml =
        BASE
            + GATEWAY
            + """
                radsec:
                  enabled: true
                  certificate: /nonexistent/kemiren-gw.pem
                  ca-certificates: /nonexistent/ca.pem
                  keepalive-seconds: 0
              """;
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    FILE, yaml, Map.of("KAMPUNG_GATEWAY_KEY", "0123456789abcdef0123")));
    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .containsExactlyInAnyOrder(
            FILE
                + ":21: gateway.radsec.certificate: cannot read file"
                + " '/nonexistent/kemiren-gw.pem' (make the files with: kampung pki init)",
            FILE + ":19: gateway.radsec.private-key: missing required field",
            FILE
                + ":22: gateway.radsec.ca-certificates: cannot read file '/nonexistent/ca.pem'"
                + " (make the files with: kampung pki init)",
            FILE + ":23: gateway.radsec.keepalive-seconds: must be at least 1, got 0");
  }

  @Test
  void upstreamDnsTakesOneResolverOrAListOfThem() throws Exception {
    Map<String, String> env = Map.of("KAMPUNG_GATEWAY_KEY", "0123456789abcdef0123");
    assertThat(ConfigLoader.load(FILE, BASE + GATEWAY, env).gateway().upstreamDns())
        .containsExactly("1.1.1.1");
    String one = BASE + GATEWAY + "  upstream-dns: 9.9.9.9\n";
    assertThat(ConfigLoader.load(FILE, one, env).gateway().upstreamDns())
        .containsExactly("9.9.9.9");
    String two = BASE + GATEWAY + "  upstream-dns: [10.5.0.53, \"9.9.9.9:5353\"]\n";
    assertThat(ConfigLoader.load(FILE, two, env).gateway().upstreamDns())
        .containsExactly("10.5.0.53", "9.9.9.9:5353");
  }

  @Test
  void aBadResolverIsReportedWithItsFileLineAndField() {
    Map<String, String> env = Map.of("KAMPUNG_GATEWAY_KEY", "0123456789abcdef0123");
    String yaml =
        BASE
            + GATEWAY
            + "  upstream-dns:\n    - 10.5.0.53\n    - \"9.9.9.9:99999\"\n    - dns resolver\n";
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(FILE, yaml, env));
    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .containsExactlyInAnyOrder(
            "kampung.yaml:21: gateway.upstream-dns[1]: '99999' is not a port (1-65535)",
            "kampung.yaml:22: gateway.upstream-dns[2]: 'dns resolver' is not a resolver address"
                + " (e.g. 1.1.1.1 or 10.0.0.53:5353)");
  }
}
