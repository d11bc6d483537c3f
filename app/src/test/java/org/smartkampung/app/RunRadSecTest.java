package org.smartkampung.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.metrics.KampungMetrics;

/**
 * {@code kampung run} with {@code radius.radsec} enabled on files made by {@code kampung pki}: the
 * start-up lines say where RadSec listens, and it does.
 */
class RunRadSecTest {

  @TempDir Path dir;

  @Test
  void theRadSecListenerIsPrintedAtStartUpAndListens() throws Exception {
    Path pki = dir.resolve("pki");
    assertThat(
            KampungCli.execute(
                "pki", "init", "--dir", pki.toString(), "--server-name", "127.0.0.1"))
        .isZero();
    ShippedConfigOnLoopback shipped = ShippedConfigOnLoopback.write(dir);
    int radSecPort = ShippedConfigOnLoopback.freeTcpPort();
    String yaml = Files.readString(shipped.file());
    String radsec =
        """
        radius:
          radsec:
            enabled: true
            port: %d
            certificate: %s/server.pem
            private-key: %s/server.key
            ca-certificates: %s/ca.pem
            crl: %s/crl.pem
        """
            .formatted(radSecPort, pki, pki, pki, pki);
    Files.writeString(
        shipped.file(), yaml.replaceFirst("(?m)^radius:\\n", radsec.replace("$", "\\$")));

    try (RunCommand.Kampung kampung =
        RunCommand.Kampung.start(
            ConfigLoader.load(shipped.file()),
            Clock.systemUTC(),
            KampungMetrics.createRegistry())) {
      assertThat(kampung.describe())
          .anyMatch(
              line ->
                  line.startsWith("RadSec (RADIUS over TLS) on tcp ")
                      && line.contains(":" + radSecPort + ","));
      try (Socket socket = new Socket("127.0.0.1", radSecPort)) {
        assertThat(socket.isConnected()).isTrue();
      }
    }
  }
}
