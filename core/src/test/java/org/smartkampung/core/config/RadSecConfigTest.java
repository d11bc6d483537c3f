package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** radius.radsec and hotspots' certificate: defaults, values, and file:line errors. */
class RadSecConfigTest {

  private static final String FILE = "config/kampung.yaml";

  private static final String HEAD =
      """
      regency:
        id: banyuwangi
        name: Kabupaten Banyuwangi
      villages:
        - id: kemiren
          name: Kemiren
      hotspots:
        - name: balai
          address: 10.20.1.1
          secret: s3cret
          village: kemiren
      """;

  @Test
  void leftOutRadSecIsOffOnPort2083() throws Exception {
    RadSecSettings radsec = ConfigLoader.load(FILE, HEAD, Map.of()).radius().radsec();

    assertThat(radsec.enabled()).isFalse();
    assertThat(radsec.port()).isEqualTo(2083);
    assertThat(radsec.maxInFlight()).isEqualTo(64);
    assertThat(radsec.idleTimeoutSeconds()).isEqualTo(120);
  }

  @Test
  void givenValuesAndAHotspotKnownOnlyByCertificateAreRead(@TempDir Path dir) throws Exception {
    for (String name : new String[] {"server.pem", "server.key", "ca.pem"}) {
      Files.writeString(dir.resolve(name), "x");
    }
    String yaml =
        HEAD
            + """
              - name: pos-ronda
                certificate: CN=pos-ronda
                village: kemiren
                secret: unused
            radius:
              radsec:
                enabled: true
                port: 12083
                certificate: %s/server.pem
                private-key: %s/server.key
                ca-certificates: %s/ca.pem
                max-in-flight: 8
                idle-timeout-seconds: 30
            """
                .formatted(dir, dir, dir);
    KampungConfig config = ConfigLoader.load(FILE, yaml, Map.of());

    RadSecSettings radsec = config.radius().radsec();
    assertThat(radsec.enabled()).isTrue();
    assertThat(radsec.port()).isEqualTo(12083);
    assertThat(radsec.maxInFlight()).isEqualTo(8);
    assertThat(config.nasClients().get(1).certificate()).isEqualTo("CN=pos-ronda");
    assertThat(config.nasClients().get(1).hasAddress()).isFalse();
  }

  @Test
  void badValuesAreReportedWithFileLineAndField() {
    String yaml =
        HEAD
            + """
              - name: pos-ronda
                certificate: sha256:12ab
                village: kemiren
                secret: unused
              - name: pasar
                certificate: pasar
                village: kemiren
                secret: unused
            radius:
              radsec:
                enabled: true
                port: 70000
                certificate: /nonexistent/server.pem
                ca-certificates: /nonexistent/ca.pem
                max-in-flight: 0
            """;
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(FILE, yaml, Map.of()));

    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .containsExactlyInAnyOrder(
            FILE
                + ":13: hotspots[1].certificate: 'sha256:12ab' is not a SHA-256 fingerprint"
                + " (sha256: and 64 hex digits)",
            FILE
                + ":17: hotspots[2].certificate: 'pasar' is neither sha256:<fingerprint> nor a"
                + " certificate subject (e.g. CN=kemiren-hs1)",
            FILE + ":23: radius.radsec.port: port 70000 is out of range 1-65535",
            FILE
                + ":24: radius.radsec.certificate: cannot read file '/nonexistent/server.pem'"
                + " (make the files with: kampung pki init)",
            FILE + ":21: radius.radsec.private-key: missing required field",
            FILE
                + ":25: radius.radsec.ca-certificates: cannot read file '/nonexistent/ca.pem'"
                + " (make the files with: kampung pki init)",
            FILE + ":26: radius.radsec.max-in-flight: must be at least 1, got 0");
  }
}
