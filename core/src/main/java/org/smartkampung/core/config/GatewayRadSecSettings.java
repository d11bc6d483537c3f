package org.smartkampung.core.config;

/**
 * The gateway's RADIUS over TLS (RadSec, RFC 6614) to the regency server: one TLS connection kept
 * up, requests and the server's Disconnect/CoA on it, so a village box behind CGNAT needs no VPN
 * and no open port. Off by default (then RADIUS goes over UDP).
 *
 * @param enabled whether {@code gateway.radius-*} requests go over RadSec (default false)
 * @param server host of the RadSec listener; null means {@code gateway.radius-server}
 * @param port its TCP port (default 2083)
 * @param certificate PEM file of the gateway's client certificate ({@code kampung pki issue})
 * @param privateKey PEM file of its PKCS#8 private key
 * @param caCertificates PEM file of the CA(s) the server's certificate must chain to
 * @param keepaliveSeconds a Status-Server goes out after this long without traffic (default 30)
 * @param reconnectMaxSeconds the longest wait between reconnect attempts (default 60)
 */
public record GatewayRadSecSettings(
    Boolean enabled,
    String server,
    Integer port,
    String certificate,
    String privateKey,
    String caCertificates,
    Integer keepaliveSeconds,
    Integer reconnectMaxSeconds) {

  public static final GatewayRadSecSettings DEFAULTS =
      new GatewayRadSecSettings(null, null, null, null, null, null, null, null);

  public GatewayRadSecSettings {
    enabled = enabled != null && enabled;
    port = port == null ? RadSecSettings.DEFAULT_PORT : port;
    keepaliveSeconds = keepaliveSeconds == null ? 30 : keepaliveSeconds;
    reconnectMaxSeconds = reconnectMaxSeconds == null ? 60 : reconnectMaxSeconds;
  }
}
