package org.smartkampung.gateway.firewall;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text of the {@code nft -f} batches that make up the gateway's table. Pure: builds text, runs
 * nothing. Every batch is applied atomically by nft, so the firewall is never half-changed.
 *
 * <p>A client is let through by its address <em>and</em> its MAC ({@code clients_up}, keyed {@code
 * ipv4_addr . ether_addr}, counts what it sends); {@code clients_down} (keyed by address: the
 * destination MAC is not known yet when forwarding) counts what it receives. Its byte limits are
 * nft quota objects, so the kernel stops it at the byte. There is no "established connections pass"
 * rule: a revoked client's running streams are dropped at once. Before login only TCP to the
 * walled-garden ports of garden addresses passes (marked, counted and shaped in the village's
 * class); DNS must go to the gateway's own forwarder.
 *
 * @param table name of the gateway's table (family inet)
 * @param clientInterface interface facing the villagers
 * @param upstreamInterface interface towards the internet; null for no masquerading
 * @param clientSubnet the villagers' IPv4 block
 * @param listenAddress the gateway's address on the client side, where the interceptor and the DNS
 *     forwarder listen; null to leave their ports unguarded (tests without an interface)
 * @param httpPort local port of the HTTP interceptor
 * @param dnsPort local port of the DNS forwarder
 * @param protectedPorts local TCP/UDP ports clients must never reach (authorize API, DAC)
 * @param gardenTcpPorts the TCP ports open to walled-garden addresses before login
 */
public record NftRuleset(
    String table,
    String clientInterface,
    String upstreamInterface,
    String clientSubnet,
    String listenAddress,
    int httpPort,
    int dnsPort,
    List<Integer> protectedPorts,
    List<Integer> gardenTcpPorts) {

  public static final String CLIENTS_UP = "clients_up";
  public static final String CLIENTS_DOWN = "clients_down";
  public static final String GARDEN = "garden";
  public static final String GARDEN_STATIC = "garden_static";

  /** Bytes unauthenticated clients sent to walled-garden addresses (after the upload shaper). */
  public static final String GARDEN_UP_BYTES = "garden_up_bytes";

  /** Bytes walled-garden addresses sent back (before the download shaper). */
  public static final String GARDEN_DOWN_BYTES = "garden_down_bytes";

  /**
   * The tc class ({@code major:minor}) the walled garden's replies are put in on the client
   * interface: the shaper counts there what it delivered of them, inside the village's class.
   */
  public static final String GARDEN_TC_CLASS = "1:3";

  public static final String TAKEN_OVER = "taken_over";

  /** The ports a garden address is open on unless configured otherwise: HTTP and HTTPS. */
  public static final List<Integer> WEB_PORTS = List.of(80, 443);

  /** Conntrack mark of walled-garden connections, so their replies pass and nothing else does. */
  static final String GARDEN_MARK = "0x6b67";

  private static final Pattern SESSION_KEY = Pattern.compile("[0-9a-zA-Z]{1,32}");

  /** The quota maps: name, key of the client packet they apply to, and the quota object prefix. */
  private enum QuotaMap {
    TOTAL_UP("quota_total_up", true, "qt_"),
    TOTAL_DOWN("quota_total_down", false, "qt_"),
    UP("quota_up", true, "qu_"),
    DOWN("quota_down", false, "qd_");

    final String set;
    final boolean fromClient;
    final String prefix;

    QuotaMap(String set, boolean fromClient, String prefix) {
      this.set = set;
      this.fromClient = fromClient;
      this.prefix = prefix;
    }
  }

  /**
   * Bytes a client may still move before the kernel stops it; 0 = no such limit.
   *
   * @param totalBytes both ways together
   * @param upBytes sent by the client
   * @param downBytes received by the client
   */
  public record ByteQuota(long totalBytes, long upBytes, long downBytes) {
    public static final ByteQuota NONE = new ByteQuota(0, 0, 0);
  }

  /**
   * An authenticated client.
   *
   * @param ip its IPv4 address
   * @param mac its MAC, lowercase with colons
   * @param timeoutSeconds seconds until nft forgets it (0 = never)
   * @param sessionKey names its quota objects (letters and digits: the Acct-Session-Id)
   * @param quota what it may still move
   */
  public record Client(
      String ip, String mac, long timeoutSeconds, String sessionKey, ByteQuota quota) {
    public Client {
      if (!SESSION_KEY.matcher(sessionKey).matches()) {
        throw new IllegalArgumentException("session key must be letters and digits");
      }
    }
  }

  public NftRuleset {
    protectedPorts = List.copyOf(protectedPorts);
    gardenTcpPorts = List.copyOf(gardenTcpPorts);
  }

  /**
   * The batch that (re)creates the whole table with these clients and static garden entries. The
   * leading {@code table}/{@code delete table} pair makes it work whether or not the table exists.
   */
  public String create(Collection<Client> clients, Collection<String> staticGarden) {
    String c = quoted(clientInterface);
    StringBuilder b = new StringBuilder();
    b.append("table inet ").append(table).append('\n');
    b.append("delete table inet ").append(table).append('\n');
    b.append("table inet ").append(table).append(" {\n");
    b.append("  set " + CLIENTS_UP + " { type ipv4_addr . ether_addr; flags timeout; counter; }\n");
    b.append("  set " + CLIENTS_DOWN + " { type ipv4_addr; flags timeout; counter; }\n");
    for (QuotaMap q : QuotaMap.values()) {
      b.append("  map ")
          .append(q.set)
          .append(" { type ")
          .append(q.fromClient ? "ipv4_addr . ether_addr" : "ipv4_addr")
          .append(" : quota; }\n");
    }
    b.append("  set ").append(GARDEN).append(" { type ipv4_addr; flags timeout; }\n");
    b.append("  set ").append(GARDEN_STATIC).append(" { type ipv4_addr; flags interval; ");
    if (!staticGarden.isEmpty()) {
      b.append("elements = { ").append(String.join(", ", staticGarden)).append(" }; ");
    }
    b.append("}\n");
    b.append("  counter ").append(GARDEN_UP_BYTES).append(" { }\n");
    b.append("  counter ").append(GARDEN_DOWN_BYTES).append(" { }\n");
    b.append("  counter ").append(TAKEN_OVER).append(" { }\n");
    String fromClient = "ip saddr . ether saddr";
    b.append("  chain prerouting {\n")
        .append("    type nat hook prerouting priority dstnat; policy accept;\n")
        .append("    iifname " + c + " " + fromClient + " != @" + CLIENTS_UP)
        .append(" ip daddr != @" + GARDEN + " ip daddr != @" + GARDEN_STATIC)
        .append(" tcp dport 80 redirect to :")
        .append(httpPort)
        .append('\n')
        .append("  }\n");
    if (upstreamInterface != null) {
      b.append("  chain postrouting {\n")
          .append("    type nat hook postrouting priority srcnat; policy accept;\n")
          .append("    oifname ")
          .append(quoted(upstreamInterface))
          .append(" ip saddr ")
          .append(clientSubnet)
          .append(" masquerade\n")
          .append("  }\n");
    }
    String gardenPorts = "tcp dport { " + join(gardenTcpPorts) + " }";
    String garden =
        " ct mark set " + GARDEN_MARK + " counter name " + GARDEN_UP_BYTES + " accept\n";
    b.append("  chain forward_filter {\n")
        .append("    type filter hook forward priority filter; policy accept;\n");
    // Quotas first: a client over its quota is dropped before the counters, which count only what
    // passed. Per-element counters count every packet: no established-state shortcut anywhere, so
    // a revoked client's streams stop at once instead of flowing on uncounted.
    for (QuotaMap q : QuotaMap.values()) {
      b.append("    ")
          .append(q.fromClient ? "iifname " + c + " quota name " + fromClient : "oifname ")
          .append(q.fromClient ? "" : c + " quota name ip daddr")
          .append(" map @")
          .append(q.set)
          .append(" drop\n");
    }
    b.append("    iifname " + c + " " + fromClient + " @" + CLIENTS_UP + " accept\n")
        .append("    oifname " + c + " ip daddr @" + CLIENTS_DOWN + " accept\n")
        // A logged-in client's address from another device: nothing passes, and it is counted.
        .append("    iifname " + c + " ip saddr @" + CLIENTS_DOWN)
        .append(" counter name " + TAKEN_OVER + " drop\n")
        .append("    iifname " + c + " ip daddr @" + GARDEN + " " + gardenPorts + garden)
        .append("    iifname " + c + " ip daddr @" + GARDEN_STATIC + " " + gardenPorts + garden)
        // HTB takes a packet's priority as its class: the garden's replies go to the garden class.
        .append("    oifname " + c + " ct direction reply ct mark " + GARDEN_MARK)
        .append(" meta priority set " + GARDEN_TC_CLASS)
        .append(" counter name " + GARDEN_DOWN_BYTES + " accept\n")
        // A fast refusal makes phones fall back to their HTTP probe instead of waiting.
        .append("    iifname " + c + " tcp dport 443 reject with tcp reset\n")
        .append("    iifname " + c + " udp dport 443 reject with icmpx port-unreachable\n")
        // Before login DNS goes to the gateway's forwarder only; other resolvers are refused.
        .append("    iifname " + c + " meta l4proto { tcp, udp } th dport 53")
        .append(" reject with icmpx port-unreachable\n")
        .append("    iifname " + c + " drop\n")
        .append("    oifname " + c + " drop\n")
        .append("  }\n");
    b.append("  chain input_filter {\n")
        .append("    type filter hook input priority filter; policy accept;\n");
    if (!protectedPorts.isEmpty()) {
      b.append("    iifname " + c + " meta l4proto { tcp, udp } th dport { ")
          .append(join(protectedPorts))
          .append(" } drop\n");
    }
    if (listenAddress != null) {
      // The interceptor and the forwarder serve the Wi-Fi side only, never the WAN.
      b.append("    iifname != { " + c + ", \"lo\" } ip daddr " + listenAddress)
          .append(" meta l4proto { tcp, udp } th dport { ")
          .append(join(List.of(httpPort, dnsPort)))
          .append(" } drop\n");
    }
    b.append("  }\n");
    b.append("}\n");
    for (Client client : clients) {
      b.append(allow(client));
    }
    return b.toString();
  }

  /**
   * The batch that keeps IPv6 from being forwarded to or from the client side. It lives in a table
   * of its own that stays when the gateway stops, so a stopped gateway never leaves IPv6 open.
   */
  public String ipv6Guard() {
    String c = quoted(clientInterface);
    String guard = table + "_ipv6";
    return "table inet "
        + guard
        + "\ndelete table inet "
        + guard
        + "\ntable inet "
        + guard
        + " {\n"
        + "  chain forward_filter {\n"
        + "    type filter hook forward priority filter - 10; policy accept;\n"
        + "    meta nfproto ipv6 iifname "
        + c
        + " drop\n"
        + "    meta nfproto ipv6 oifname "
        + c
        + " drop\n"
        + "  }\n"
        + "}\n";
  }

  /** The batch that lets one client through: both counter sets and its quotas. */
  public String allow(Client client) {
    String timeout = client.timeoutSeconds() > 0 ? " timeout " + client.timeoutSeconds() + "s" : "";
    StringBuilder b = new StringBuilder();
    b.append(element(CLIENTS_UP, upKey(client) + timeout));
    b.append(element(CLIENTS_DOWN, client.ip() + timeout));
    b.append(addQuotas(client));
    return b.toString();
  }

  /** The batch that gives a client new octet limits (a CoA-Request changed them). */
  public String replaceQuotas(Client client) {
    return dropQuotas(client) + addQuotas(client);
  }

  private String addQuotas(Client client) {
    StringBuilder b = new StringBuilder();
    ByteQuota q = client.quota();
    if (q.totalBytes() > 0) {
      b.append(quota(QuotaMap.TOTAL_UP, client, q.totalBytes()));
      b.append(mapElement(QuotaMap.TOTAL_DOWN, client));
    }
    if (q.upBytes() > 0) {
      b.append(quota(QuotaMap.UP, client, q.upBytes()));
    }
    if (q.downBytes() > 0) {
      b.append(quota(QuotaMap.DOWN, client, q.downBytes()));
    }
    return b.toString();
  }

  /**
   * The batch that returns one client to the captive state. Adding before deleting makes it succeed
   * whether or not nft still holds the elements (they may have timed out).
   */
  public String revoke(Client client) {
    StringBuilder b = new StringBuilder();
    for (String[] e :
        List.of(
            new String[] {CLIENTS_UP, upKey(client)}, new String[] {CLIENTS_DOWN, client.ip()})) {
      b.append("add element inet ").append(table).append(' ').append(e[0]);
      b.append(" { ").append(e[1]).append(" }\n");
      b.append("delete element inet ").append(table).append(' ').append(e[0]);
      b.append(" { ").append(e[1]).append(" }\n");
    }
    return b.append(dropQuotas(client)).toString();
  }

  /** Removes a client's quotas; adding first makes it succeed whether or not they exist. */
  private String dropQuotas(Client client) {
    StringBuilder b = new StringBuilder();
    for (QuotaMap q : QuotaMap.values()) {
      String name = quotaName(q, client);
      b.append("add quota inet ").append(table).append(' ').append(name);
      b.append(" { over 1 bytes }\n");
      b.append(mapElement(q, client));
      b.append("delete element inet ").append(table).append(' ').append(q.set);
      b.append(" { ").append(q.fromClient ? upKey(client) : client.ip()).append(" }\n");
    }
    for (String prefix : List.of("qt_", "qu_", "qd_")) {
      b.append("delete quota inet ").append(table).append(' ');
      b.append(prefix).append(client.sessionKey()).append('\n');
    }
    return b.toString();
  }

  /** The batch that (re)adds a walled-garden address for {@code ttlSeconds}, renewing its timer. */
  public String garden(String ip, long ttlSeconds) {
    String prefix = "element inet " + table + " " + GARDEN + " { " + ip;
    return "add "
        + prefix
        + " timeout 1s }\n"
        + "delete "
        + prefix
        + " }\n"
        + "add "
        + prefix
        + " timeout "
        + ttlSeconds
        + "s }\n";
  }

  /** The batch that removes the table (the IPv6 guard stays). */
  public String delete() {
    return "table inet " + table + "\ndelete table inet " + table + "\n";
  }

  /** The quota object names of a client's session: total, up, down. */
  public static List<String> quotaNames(String sessionKey) {
    return List.of("qt_" + sessionKey, "qu_" + sessionKey, "qd_" + sessionKey);
  }

  private String quota(QuotaMap q, Client client, long bytes) {
    return "add quota inet "
        + table
        + " "
        + quotaName(q, client)
        + " { over "
        + bytes
        + " bytes }\n"
        + mapElement(q, client);
  }

  private String mapElement(QuotaMap q, Client client) {
    return "add element inet "
        + table
        + " "
        + q.set
        + " { "
        + (q.fromClient ? upKey(client) : client.ip())
        + " : \""
        + quotaName(q, client)
        + "\" }\n";
  }

  private static String quotaName(QuotaMap q, Client client) {
    return q.prefix + client.sessionKey();
  }

  private String element(String set, String element) {
    return "add element inet " + table + " " + set + " { " + element + " }\n";
  }

  private static String upKey(Client client) {
    return client.ip() + " . " + client.mac();
  }

  private static String join(List<Integer> ports) {
    return String.join(", ", ports.stream().map(String::valueOf).toList());
  }

  private static String quoted(String name) {
    return "\"" + name + "\"";
  }
}
