package org.smartkampung.core.nas;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * How a hotspot entry names its RadSec client certificate: {@code sha256:<64 hex digits>} (colons
 * allowed, as {@code openssl x509 -fingerprint -sha256} prints it) or a subject distinguished name
 * such as {@code CN=kemiren-hs1,O=Kabupaten Banyuwangi}. A fingerprint pins one certificate; a
 * subject follows re-issued certificates of the same CA.
 */
public final class HotspotCertificate {

  private static final String SHA256 = "sha256:";

  private HotspotCertificate() {}

  /** What is wrong with a configured value, or empty when it is a fingerprint or subject. */
  public static Optional<String> problem(String configured) {
    if (configured == null || configured.isBlank()) {
      return Optional.of("must not be empty");
    }
    String text = configured.trim();
    if (text.regionMatches(true, 0, SHA256, 0, SHA256.length())) {
      String hex = text.substring(SHA256.length()).replace(":", "");
      if (!hex.matches("[0-9a-fA-F]{64}")) {
        return Optional.of(
            "'" + text + "' is not a SHA-256 fingerprint (sha256: and 64 hex digits)");
      }
      return Optional.empty();
    }
    try {
      new X500Principal(text);
      return text.contains("=") ? Optional.empty() : Optional.of(notSubject(text));
    } catch (IllegalArgumentException e) {
      return Optional.of(notSubject(text));
    }
  }

  private static String notSubject(String text) {
    return "'"
        + text
        + "' is neither sha256:<fingerprint> nor a certificate subject (e.g. CN=kemiren-hs1)";
  }

  /** Whether {@code certificate} is the one {@code configured} names. */
  public static boolean matches(String configured, X509Certificate certificate) {
    if (configured == null || problem(configured).isPresent()) {
      return false;
    }
    String text = configured.trim();
    if (text.regionMatches(true, 0, SHA256, 0, SHA256.length())) {
      String hex = text.substring(SHA256.length()).replace(":", "").toLowerCase(Locale.ROOT);
      return MessageDigest.isEqual(
          hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          fingerprint(certificate).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return new X500Principal(text).equals(certificate.getSubjectX500Principal());
  }

  /** The SHA-256 fingerprint of the certificate's DER encoding, as lowercase hex. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }
}
