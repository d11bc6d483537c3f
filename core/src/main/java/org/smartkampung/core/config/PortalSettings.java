package org.smartkampung.core.config;

import java.util.List;

/**
 * The villager portal and admin console role.
 *
 * @param enabled whether {@code kampung run} starts it
 * @param bindAddress address to listen on
 * @param port HTTP port
 * @param publicUrl the address villagers' phones reach the portal at, used in redirects and the
 *     captive-portal API
 * @param headerTimeoutSeconds how long a connection may take to send a whole request head (and
 *     between requests on a kept-alive connection) before it is closed: slow senders hold no socket
 *     for long
 * @param idleTimeoutSeconds a connection with no traffic at all for this long is closed
 * @param maxConnectionsPerSource open connections one source address may hold; more are closed at
 *     once. A NATing hotspot shows a whole village as one address, so this is generous
 * @param admin who may reach the admin console
 * @param signingKeyRotationHours how often the key that signs admin cookies, CSRF tokens and
 *     villager forms is replaced (the keys live in the store, shared by every instance); a value
 *     signed with the previous key is still accepted, so this must be at least the 8 hours an admin
 *     sign-in lasts
 * @param trustedProxies addresses and blocks of reverse proxies in front of the portal (nginx for
 *     HTTPS, see docs/DEPLOY-CENTRAL.md). A request from one of them is taken to come from the
 *     address it names in {@code X-Forwarded-For} (the nearest one it did not add itself), so
 *     sign-in limits, address-bound forms and the console's allowed networks see the villager or
 *     operator, not the proxy. Empty (the default) trusts no header: a client cannot claim another
 *     address
 */
public record PortalSettings(
    Boolean enabled,
    String bindAddress,
    Integer port,
    String publicUrl,
    Integer headerTimeoutSeconds,
    Integer idleTimeoutSeconds,
    Integer maxConnectionsPerSource,
    Admin admin,
    Integer signingKeyRotationHours,
    List<String> trustedProxies) {

  public static final PortalSettings DEFAULTS = new PortalSettings(null, null, null, null);

  /**
   * Who may reach {@code /admin} and {@code /api/admin}.
   *
   * @param allowedNetworks addresses and blocks ({@code 10.9.0.0/24}, {@code 127.0.0.1}) the
   *     console answers; empty means everyone (the console still needs a sign-in). Set it so
   *     villagers on the hotspot network cannot reach the console at all
   */
  public record Admin(List<String> allowedNetworks) {
    public Admin {
      allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    }
  }

  public PortalSettings {
    enabled = enabled == null || enabled;
    bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
    port = port == null ? 8080 : port;
    publicUrl = publicUrl == null ? "http://localhost:" + port : publicUrl;
    headerTimeoutSeconds = headerTimeoutSeconds == null ? 10 : headerTimeoutSeconds;
    idleTimeoutSeconds = idleTimeoutSeconds == null ? 60 : idleTimeoutSeconds;
    maxConnectionsPerSource = maxConnectionsPerSource == null ? 512 : maxConnectionsPerSource;
    admin = admin == null ? new Admin(null) : admin;
    signingKeyRotationHours = signingKeyRotationHours == null ? 24 : signingKeyRotationHours;
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }

  /** The portal with the default key rotation and no trusted proxy. */
  public PortalSettings(
      Boolean enabled,
      String bindAddress,
      Integer port,
      String publicUrl,
      Integer headerTimeoutSeconds,
      Integer idleTimeoutSeconds,
      Integer maxConnectionsPerSource,
      Admin admin) {
    this(
        enabled,
        bindAddress,
        port,
        publicUrl,
        headerTimeoutSeconds,
        idleTimeoutSeconds,
        maxConnectionsPerSource,
        admin,
        null,
        null);
  }

  /** The portal with the default connection limits and an open console. */
  public PortalSettings(Boolean enabled, String bindAddress, Integer port, String publicUrl) {
    this(enabled, bindAddress, port, publicUrl, null, null, null, null, null, null);
  }
}
