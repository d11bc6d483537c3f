package org.smartkampung.core.config;

/**
 * The villager portal and admin console role.
 *
 * @param enabled whether {@code kampung run} starts it
 * @param bindAddress address to listen on
 * @param port HTTP port
 * @param publicUrl the address villagers' phones reach the portal at, used in redirects and the
 *     captive-portal API
 */
public record PortalSettings(Boolean enabled, String bindAddress, Integer port, String publicUrl) {

  public static final PortalSettings DEFAULTS = new PortalSettings(null, null, null, null);

  public PortalSettings {
    enabled = enabled == null || enabled;
    bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
    port = port == null ? 8080 : port;
    publicUrl = publicUrl == null ? "http://localhost:" + port : publicUrl;
  }
}
