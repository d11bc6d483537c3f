package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The portal's connection limits, the console's allowed networks and a hotspot's login host. */
class PortalHardeningConfigTest {

  private static final String FILE = "config/kampung.yaml";

  private static final String YAML =
      """
      regency:
        id: banyuwangi
        name: Kabupaten Banyuwangi
      portal:
        header-timeout-seconds: HEADER
        max-connections-per-source: 64
        admin:
          allowed-networks:
            - 10.9.0.0/24
            - NETWORK
      villages:
        - id: kemiren
          name: Kemiren
      hotspots:
        - name: balai
          address: 10.20.1.1
          secret: s3cret
          village: kemiren
          login-host: LOGIN_HOST
      """;

  private static String yaml(String header, String network, String loginHost) {
    return YAML.replace("HEADER", header)
        .replace("NETWORK", network)
        .replace("LOGIN_HOST", loginHost);
  }

  @Test
  void goodValuesAreRead() throws Exception {
    KampungConfig config = ConfigLoader.load(FILE, yaml("5", "127.0.0.1", "10.5.50.1"), Map.of());

    assertThat(config.portal().headerTimeoutSeconds()).isEqualTo(5);
    assertThat(config.portal().idleTimeoutSeconds()).isEqualTo(60);
    assertThat(config.portal().maxConnectionsPerSource()).isEqualTo(64);
    assertThat(config.portal().admin().allowedNetworks())
        .containsExactly("10.9.0.0/24", "127.0.0.1");
    assertThat(config.hotspots().get(0).effectiveLoginHost()).isEqualTo("10.5.50.1");
  }

  @Test
  void badValuesAreReportedWithFileLineAndField() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    FILE, yaml("0", "kantor-desa", "http://10.5.50.1/login"), Map.of()));

    assertThat(e).isNotNull();
    List<String> where = e.errors().stream().map(c -> c.line() + " " + c.field()).toList();
    assertThat(where)
        .contains(
            "5 portal.header-timeout-seconds",
            "10 portal.admin.allowed-networks[1]",
            "19 hotspots[0].login-host");
  }

  @Test
  void trustedProxiesAreReadAndABadOneIsNamedWithItsLine() throws Exception {
    String good =
        YAML.replace("  header-timeout-seconds: HEADER\n", "  trusted-proxies: [PROXY]\n");
    KampungConfig config =
        ConfigLoader.load(
            FILE,
            yaml("5", "127.0.0.1", "10.5.50.1")
                .replace(
                    "  header-timeout-seconds: 5\n",
                    "  trusted-proxies: [127.0.0.1, 10.8.0.0/16]\n"),
            Map.of());
    assertThat(config.portal().trustedProxies()).containsExactly("127.0.0.1", "10.8.0.0/16");
    assertThat(PortalSettings.DEFAULTS.trustedProxies()).as("none trusted by default").isEmpty();

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    FILE,
                    good.replace("PROXY", "nginx.lokal")
                        .replace("NETWORK", "127.0.0.1")
                        .replace("LOGIN_HOST", "10.5.50.1"),
                    Map.of()));
    assertThat(e).isNotNull();
    assertThat(e.errors().stream().map(c -> c.line() + " " + c.field()))
        .contains("5 portal.trusted-proxies[0]");
  }

  @Test
  void withoutALoginHostTheHotspotsAddressIsIt() throws Exception {
    KampungConfig config =
        ConfigLoader.load(
            FILE, yaml("5", "127.0.0.1", "x").replace("  login-host: x\n", ""), Map.of());

    assertThat(config.hotspots().get(0).loginHost()).isNull();
    assertThat(config.hotspots().get(0).effectiveLoginHost()).isEqualTo("10.20.1.1");
  }
}
