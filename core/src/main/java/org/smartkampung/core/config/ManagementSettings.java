package org.smartkampung.core.config;

/**
 * The management listener: Prometheus {@code /metrics}, {@code /healthz} and {@code /readyz} for
 * whoever keeps the server alive. On loopback by default, so villagers on the hotspot network never
 * reach it; a Prometheus on another host needs {@code bind-address} set to an address of the
 * management network (or a VPN).
 *
 * @param enabled whether {@code kampung run} starts it
 * @param bindAddress address to listen on (default {@code 127.0.0.1})
 * @param port TCP port (default 9180; 0 picks a free one)
 */
public record ManagementSettings(Boolean enabled, String bindAddress, Integer port) {

  public static final ManagementSettings DEFAULTS = new ManagementSettings(null, null, null);

  /** No management listener. */
  public static final ManagementSettings NONE = new ManagementSettings(false, null, null);

  public ManagementSettings {
    enabled = enabled == null || enabled;
    bindAddress = bindAddress == null ? "127.0.0.1" : bindAddress;
    port = port == null ? 9180 : port;
  }
}
