package org.smartkampung.app;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.smartkampung.radius.pki.RadSecPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kampung pki}: the small certificate authority RadSec needs (see docs/radsec.md). An
 * operator with a CA of their own does not need it.
 */
@Command(
    name = "pki",
    description = "RadSec certificates: a CA, the server's, one per hotspot, and revocations.",
    subcommands = {PkiCommand.Init.class, PkiCommand.Issue.class, PkiCommand.Revoke.class})
final class PkiCommand {

  abstract static class InDirectory implements Callable<Integer> {
    @Option(
        names = {"-d", "--dir"},
        description = "Directory of the CA and certificates (default: ${DEFAULT-VALUE}).",
        defaultValue = "config/pki")
    Path dir;

    RadSecPki pki() {
      return new RadSecPki(dir, Clock.systemUTC());
    }

    static int failed(Exception e) {
      System.err.println("kampung pki: " + e.getMessage());
      return e instanceof IOException ? ExitCodes.UNAVAILABLE : ExitCodes.USAGE;
    }
  }

  /** {@code kampung pki init --name Banyuwangi --server-name radius.banyuwangi.go.id}. */
  @Command(name = "init", description = "Make the CA, the server certificate and an empty CRL.")
  static final class Init extends InDirectory {
    @Option(names = "--name", defaultValue = "Smart Kampung", description = "Name of the CA.")
    String name;

    @Option(
        names = "--server-name",
        required = true,
        description = "Host name or IP address hotspots connect to (repeatable).")
    List<String> serverNames;

    @Override
    public Integer call() {
      RadSecPki pki = pki();
      try {
        pki.init(name, serverNames);
      } catch (IOException | RuntimeException e) {
        return failed(e);
      }
      System.out.println("CA:          " + pki.caCertificate());
      System.out.println("server:      " + pki.serverCertificate() + ", " + pki.serverKey());
      System.out.println("CRL:         " + pki.crl());
      System.out.println();
      System.out.println("In kampung.yaml:");
      System.out.println("radius:");
      System.out.println("  radsec:");
      System.out.println("    enabled: true");
      System.out.println("    certificate: " + pki.serverCertificate());
      System.out.println("    private-key: " + pki.serverKey());
      System.out.println("    ca-certificates: " + pki.caCertificate());
      System.out.println("    crl: " + pki.crl());
      return 0;
    }
  }

  /** {@code kampung pki issue kemiren-balai}. */
  @Command(name = "issue", description = "Issue (or re-issue) a hotspot's client certificate.")
  static final class Issue extends InDirectory {
    @Parameters(paramLabel = "HOTSPOT", description = "The hotspot's name in kampung.yaml.")
    String hotspot;

    @Override
    public Integer call() {
      RadSecPki.Issued issued;
      try {
        issued = pki().issue(hotspot);
      } catch (IOException | RuntimeException e) {
        return failed(e);
      }
      System.out.println("certificate: " + issued.certificate());
      System.out.println("private key: " + issued.privateKey());
      System.out.println("sha256:      " + issued.sha256Fingerprint());
      System.out.println();
      System.out.println("In kampung.yaml, on the hotspot " + hotspot + ":");
      System.out.println("    certificate: CN=" + hotspot);
      System.out.println("  (or, to pin this very certificate:");
      System.out.println("    certificate: sha256:" + issued.sha256Fingerprint() + ")");
      return 0;
    }
  }

  /** {@code kampung pki revoke kemiren-balai}. */
  @Command(name = "revoke", description = "Put a hotspot's certificate on the revocation list.")
  static final class Revoke extends InDirectory {
    @Parameters(paramLabel = "HOTSPOT", description = "The hotspot's name.")
    String hotspot;

    @Override
    public Integer call() {
      BigInteger serial;
      try {
        serial = pki().revoke(hotspot);
      } catch (IOException | RuntimeException e) {
        return failed(e);
      }
      System.out.println(
          "revoked " + hotspot + " (serial " + serial.toString(16) + "); the RADIUS server reads");
      System.out.println(pki().crl() + " again at the hotspot's next connection.");
      return 0;
    }
  }
}
