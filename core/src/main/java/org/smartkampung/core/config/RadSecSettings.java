package org.smartkampung.core.config;

/**
 * The RadSec listener (RADIUS over TLS, RFC 6614) of the RADIUS role: mutual TLS 1.2/1.3 on TCP,
 * hotspots known by their client certificate, the fixed shared secret {@code radsec}.
 *
 * @param enabled whether the listener is started (default false)
 * @param port TCP port (default 2083)
 * @param certificate PEM file of the server certificate (and its chain)
 * @param privateKey PEM file of the server's PKCS#8 private key
 * @param caCertificates PEM file of the CA(s) hotspot certificates must chain to
 * @param crl PEM or DER file of the CA's revocation list, re-read when it changes; null for none
 * @param maxInFlight requests one connection may have unanswered; further ones wait unread (default
 *     64)
 * @param idleTimeoutSeconds a connection with nothing received this long is closed; hotspots keep
 *     theirs open with Status-Server (default 120)
 */
public record RadSecSettings(
    Boolean enabled,
    Integer port,
    String certificate,
    String privateKey,
    String caCertificates,
    String crl,
    Integer maxInFlight,
    Integer idleTimeoutSeconds) {

  /** The port IANA gave RadSec. */
  public static final int DEFAULT_PORT = 2083;

  /** The shared secret RFC 6614 fixes for RADIUS inside TLS. */
  public static final String SHARED_SECRET = "radsec";

  public static final RadSecSettings DEFAULTS =
      new RadSecSettings(null, null, null, null, null, null, null, null);

  public RadSecSettings {
    enabled = enabled != null && enabled;
    port = port == null ? DEFAULT_PORT : port;
    maxInFlight = maxInFlight == null ? 64 : maxInFlight;
    idleTimeoutSeconds = idleTimeoutSeconds == null ? 120 : idleTimeoutSeconds;
  }
}
