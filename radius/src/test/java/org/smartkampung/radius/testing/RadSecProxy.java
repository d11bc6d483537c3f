package org.smartkampung.radius.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TEST FIXTURE: radsecproxy (Debian package radsecproxy) in the foreground as a hotspot's RadSec
 * client: it takes RADIUS over UDP on 127.0.0.1 (secret {@link #UDP_SECRET}) and carries it over
 * TLS with the certificate of one hotspot to our RadSec listener.
 */
public final class RadSecProxy implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/sbin/radsecproxy");
  public static final String UDP_SECRET = "radclient-rahasia";

  private final Process process;
  private final int udpPort;
  private final Path log;

  private RadSecProxy(Process process, int udpPort, Path log) {
    this.process = process;
    this.udpPort = udpPort;
    this.log = log;
  }

  /** Starts radsecproxy with {@code hotspot}'s certificate towards 127.0.0.1:{@code tlsPort}. */
  public static RadSecProxy start(RadSecFixture pki, String hotspot, int tlsPort, Path dir)
      throws IOException {
    ExternalTool.require("radsecproxy", BINARY);
    int udpPort;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      udpPort = probe.getLocalPort();
    }
    Path conf = dir.resolve("radsecproxy.conf");
    Path log = dir.resolve("radsecproxy.log");
    Files.writeString(
        conf,
        """
        ListenUDP 127.0.0.1:%d
        LogLevel 4
        LogDestination file://%s
        tls kampung {
            CACertificateFile %s
            CertificateFile %s
            CertificateKeyFile %s
            TlsVersion TLS1_2:TLS1_3
        }
        client radclient {
            host 127.0.0.1
            type udp
            secret %s
        }
        server kabupaten {
            host 127.0.0.1
            port %d
            type tls
            tls kampung
            secret radsec
            CertificateNameCheck off
            StatusServer on
        }
        realm * {
            server kabupaten
            accountingServer kabupaten
        }
        """
            .formatted(
                udpPort,
                log,
                pki.pki.caCertificate(),
                pki.pki.hotspotCertificate(hotspot),
                pki.pki.hotspotKey(hotspot),
                UDP_SECRET,
                tlsPort));
    Process process =
        new ProcessBuilder(BINARY.toString(), "-f", "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("radsecproxy.out").toFile())
            .start();
    return new RadSecProxy(process, udpPort, log);
  }

  /** The UDP port radclient sends to. */
  public int udpPort() {
    return udpPort;
  }

  /** What radsecproxy logged so far (for assertion messages). */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** radclient through the proxy: {@code command} auth, acct or status. */
  public ExternalTool.Run radclient(String command, String input) throws Exception {
    return ExternalTool.run(
        List.of(
            ExternalTool.RADCLIENT.toString(),
            "-x",
            "-r",
            "3",
            "-t",
            "2",
            "127.0.0.1:" + udpPort,
            command,
            UDP_SECRET),
        input);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
