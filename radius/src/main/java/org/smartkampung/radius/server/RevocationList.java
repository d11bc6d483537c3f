package org.smartkampung.radius.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA's certificate revocation list (PEM or DER), re-read whenever the file changes, so {@code
 * kampung pki revoke} shuts a hotspot out at its next connection without a restart. A file that
 * cannot be read keeps the list read before (and is logged); with no file nothing is revoked.
 */
final class RevocationList {

  private static final Logger log = LoggerFactory.getLogger(RevocationList.class);

  private final Path file;
  private FileTime readAt;
  private X509CRL crl;

  /**
   * @param file the CRL file; null for none
   */
  RevocationList(Path file) {
    this.file = file;
  }

  /** Whether the certificate is on the list as it is on disk now. */
  synchronized boolean isRevoked(X509Certificate certificate) {
    if (file == null) {
      return false;
    }
    refresh();
    return crl != null && crl.isRevoked(certificate);
  }

  private void refresh() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(readAt)) {
        return;
      }
      try (InputStream in = Files.newInputStream(file)) {
        crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
      }
      readAt = modified;
      log.info("RadSec revocation list {} read: {} revoked", file, count());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      log.warn("cannot read the RadSec revocation list {}: {}", file, e.toString());
    }
  }

  private int count() {
    return crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
  }
}
