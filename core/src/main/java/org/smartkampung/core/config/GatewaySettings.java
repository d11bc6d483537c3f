package org.smartkampung.core.config;

import java.util.List;

/**
 * The built-in hotspot gateway role: this Linux box is the NAS between villagers' Wi-Fi and the
 * village's upstream line. Disabled unless {@code enabled: true}; when enabled, {@code id}, {@code
 * village}, {@code client-interface}, {@code portal-url}, {@code signing-key} and {@code
 * radius-secret} are required.
 *
 * @param enabled whether {@code kampung run} starts it (default false)
 * @param id the gateway's name, sent as NAS-Identifier and in signed redirects
 * @param village id of the village whose clients this gateway serves
 * @param clientInterface network interface facing villagers' Wi-Fi, e.g. {@code br-wifi}
 * @param upstreamInterface network interface towards the internet; null when unknown (then no
 *     masquerading)
 * @param clientSubnet the villagers' IPv4 block, e.g. {@code 10.5.50.0/24}
 * @param portalUrl the portal address unauthenticated clients are sent to (with signed parameters)
 * @param signingKey key shared with the portal for HMAC-SHA256 signatures
 * @param signatureMaxAgeSeconds how old a signed call may be before it is refused (default 120)
 * @param radiusServer address of the RADIUS server (default 127.0.0.1)
 * @param radiusAuthPort its authentication port (default 1812)
 * @param radiusAcctPort its accounting port (default 1813)
 * @param radiusSecret the shared secret for that server
 * @param radiusTimeoutMillis wait for one reply before retransmitting (default 2000)
 * @param radiusRetries attempts per request (default 3)
 * @param nasIpAddress NAS-IP-Address sent in requests; null to leave it out
 * @param httpPort local TCP port redirected port-80 traffic lands on (default 8002)
 * @param apiBindAddress address of the signed authorize API (default 127.0.0.1)
 * @param apiPort TCP port of the signed authorize API (default 8003)
 * @param dnsPort UDP port of the DNS forwarder for clients (default 53)
 * @param upstreamDns resolvers the forwarder asks, each {@code host} or {@code host:port}, in order
 *     until one answers (default 1.1.1.1); one value stands for a list of one
 * @param walledGarden names (and IPv4 addresses or blocks) reachable before login; the portal's
 *     host is always added
 * @param dacPort UDP port for Disconnect-Request and CoA-Request (default 3799)
 * @param pollIntervalSeconds how often counters are read for idle, octet and interim checks
 *     (default 5)
 * @param masquerade whether to masquerade clients' traffic out of the upstream interface (default
 *     true)
 * @param shaping whether to shape with tc HTB (default true)
 * @param keepTableOnStop leave the nftables table in place on stop (default false)
 * @param tableName name of the gateway's own nftables table (default kampung_gateway)
 * @param gardenTcpPorts TCP ports open to walled-garden addresses before login (default 80, 443)
 * @param radsec RADIUS over TLS to the server instead of UDP; off by default
 */
public record GatewaySettings(
    Boolean enabled,
    String id,
    String village,
    String clientInterface,
    String upstreamInterface,
    String clientSubnet,
    String portalUrl,
    String signingKey,
    Integer signatureMaxAgeSeconds,
    String radiusServer,
    Integer radiusAuthPort,
    Integer radiusAcctPort,
    String radiusSecret,
    Integer radiusTimeoutMillis,
    Integer radiusRetries,
    String nasIpAddress,
    Integer httpPort,
    String apiBindAddress,
    Integer apiPort,
    Integer dnsPort,
    List<String> upstreamDns,
    List<String> walledGarden,
    Integer dacPort,
    Integer pollIntervalSeconds,
    Boolean masquerade,
    Boolean shaping,
    Boolean keepTableOnStop,
    String tableName,
    List<Integer> gardenTcpPorts,
    GatewayRadSecSettings radsec) {

  public static final GatewaySettings DEFAULTS =
      new GatewaySettings(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  public GatewaySettings {
    enabled = enabled != null && enabled;
    signatureMaxAgeSeconds = signatureMaxAgeSeconds == null ? 120 : signatureMaxAgeSeconds;
    radiusServer = radiusServer == null ? "127.0.0.1" : radiusServer;
    radiusAuthPort = radiusAuthPort == null ? 1812 : radiusAuthPort;
    radiusAcctPort = radiusAcctPort == null ? 1813 : radiusAcctPort;
    radiusTimeoutMillis = radiusTimeoutMillis == null ? 2000 : radiusTimeoutMillis;
    radiusRetries = radiusRetries == null ? 3 : radiusRetries;
    httpPort = httpPort == null ? 8002 : httpPort;
    apiBindAddress = apiBindAddress == null ? "127.0.0.1" : apiBindAddress;
    apiPort = apiPort == null ? 8003 : apiPort;
    dnsPort = dnsPort == null ? 53 : dnsPort;
    upstreamDns =
        upstreamDns == null || upstreamDns.isEmpty()
            ? List.of("1.1.1.1")
            : List.copyOf(upstreamDns);
    walledGarden = walledGarden == null ? List.of() : List.copyOf(walledGarden);
    dacPort = dacPort == null ? 3799 : dacPort;
    pollIntervalSeconds = pollIntervalSeconds == null ? 5 : pollIntervalSeconds;
    masquerade = masquerade == null || masquerade;
    shaping = shaping == null || shaping;
    keepTableOnStop = keepTableOnStop != null && keepTableOnStop;
    tableName = tableName == null ? "kampung_gateway" : tableName;
    gardenTcpPorts = gardenTcpPorts == null ? List.of(80, 443) : List.copyOf(gardenTcpPorts);
    radsec = radsec == null ? GatewayRadSecSettings.DEFAULTS : radsec;
  }

  /** These settings with {@code radsec} as the way to the RADIUS server. */
  public GatewaySettings withRadSec(GatewayRadSecSettings radsec) {
    return new GatewaySettings(
        enabled,
        id,
        village,
        clientInterface,
        upstreamInterface,
        clientSubnet,
        portalUrl,
        signingKey,
        signatureMaxAgeSeconds,
        radiusServer,
        radiusAuthPort,
        radiusAcctPort,
        radiusSecret,
        radiusTimeoutMillis,
        radiusRetries,
        nasIpAddress,
        httpPort,
        apiBindAddress,
        apiPort,
        dnsPort,
        upstreamDns,
        walledGarden,
        dacPort,
        pollIntervalSeconds,
        masquerade,
        shaping,
        keepTableOnStop,
        tableName,
        gardenTcpPorts,
        radsec);
  }

  @Override
  public String toString() {
    // Never print the keys.
    return "GatewaySettings[enabled="
        + enabled
        + ", id="
        + id
        + ", village="
        + village
        + ", clientInterface="
        + clientInterface
        + ", portalUrl="
        + portalUrl
        + "]";
  }
}
