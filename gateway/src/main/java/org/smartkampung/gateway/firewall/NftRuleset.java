package org.smartkampung.gateway.firewall;

import java.util.Collection;
import java.util.List;

/**
 * The text of the {@code nft -f} batches that make up the gateway's one table. Pure: builds text,
 * runs nothing. Every batch is applied atomically by nft, so the firewall is never half-changed.
 *
 * <p>The table holds two sets of authenticated client addresses with per-element counters ({@code
 * clients_up} counts bytes the client sends, {@code clients_down} bytes it receives) and optional
 * timeouts, a static walled-garden set (addresses and blocks from the config and the portal's host)
 * and a dynamic one filled from DNS answers with their TTL.
 *
 * @param table name of the gateway's table (family inet)
 * @param clientInterface interface facing the villagers
 * @param upstreamInterface interface towards the internet; null for no masquerading
 * @param clientSubnet the villagers' IPv4 block
 * @param httpPort local port of the HTTP interceptor
 * @param dnsPort local port of the DNS forwarder
 * @param protectedPorts local TCP/UDP ports clients must never reach (authorize API, DAC)
 */
public record NftRuleset(
    String table,
    String clientInterface,
    String upstreamInterface,
    String clientSubnet,
    int httpPort,
    int dnsPort,
    List<Integer> protectedPorts) {

  public static final String CLIENTS_UP = "clients_up";
  public static final String CLIENTS_DOWN = "clients_down";
  public static final String GARDEN = "garden";
  public static final String GARDEN_STATIC = "garden_static";

  /** An authenticated client: its address and seconds until nft forgets it (0 = never). */
  public record Client(String ip, long timeoutSeconds) {}

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
    for (String set : List.of(CLIENTS_UP, CLIENTS_DOWN)) {
      b.append("  set ").append(set).append(" { type ipv4_addr; flags timeout; counter; }\n");
    }
    b.append("  set ").append(GARDEN).append(" { type ipv4_addr; flags timeout; }\n");
    b.append("  set ").append(GARDEN_STATIC).append(" { type ipv4_addr; flags interval; ");
    if (!staticGarden.isEmpty()) {
      b.append("elements = { ").append(String.join(", ", staticGarden)).append(" }; ");
    }
    b.append("}\n");
    String unauth = "iifname " + c + " ip saddr != @" + CLIENTS_UP;
    b.append("  chain prerouting {\n")
        .append("    type nat hook prerouting priority dstnat; policy accept;\n")
        .append("    ")
        .append(unauth)
        .append(" ip daddr != @" + GARDEN + " ip daddr != @" + GARDEN_STATIC)
        .append(" tcp dport 80 redirect to :")
        .append(httpPort)
        .append('\n')
        .append("    ")
        .append(unauth)
        .append(" udp dport 53 redirect to :")
        .append(dnsPort)
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
    // Per-element counters count every packet: no "ct state established accept" shortcut before
    // the set lookups, or most bytes would go uncounted.
    b.append("  chain forward_filter {\n")
        .append("    type filter hook forward priority filter; policy accept;\n")
        .append("    iifname " + c + " ip saddr @" + CLIENTS_UP + " accept\n")
        .append("    oifname " + c + " ip daddr @" + CLIENTS_DOWN + " accept\n")
        .append("    iifname " + c + " ip daddr @" + GARDEN + " accept\n")
        .append("    iifname " + c + " ip daddr @" + GARDEN_STATIC + " accept\n")
        .append("    oifname " + c + " ct state established,related accept\n")
        // A fast refusal makes phones fall back to their HTTP probe instead of waiting.
        .append("    iifname " + c + " tcp dport 443 reject with tcp reset\n")
        .append("    iifname " + c + " udp dport 443 reject with icmpx port-unreachable\n")
        .append("    iifname " + c + " drop\n")
        .append("    oifname " + c + " drop\n")
        .append("  }\n");
    b.append("  chain input_filter {\n")
        .append("    type filter hook input priority filter; policy accept;\n");
    if (!protectedPorts.isEmpty()) {
      String ports = String.join(", ", protectedPorts.stream().map(String::valueOf).toList());
      b.append("    iifname " + c + " meta l4proto { tcp, udp } th dport { ")
          .append(ports)
          .append(" } drop\n");
    }
    b.append("  }\n");
    b.append("}\n");
    for (Client client : clients) {
      b.append(allow(client));
    }
    return b.toString();
  }

  /** The batch that lets one client through (both counter sets). */
  public String allow(Client client) {
    String element =
        client.ip()
            + (client.timeoutSeconds() > 0 ? " timeout " + client.timeoutSeconds() + "s" : "");
    return "add element inet "
        + table
        + " "
        + CLIENTS_UP
        + " { "
        + element
        + " }\n"
        + "add element inet "
        + table
        + " "
        + CLIENTS_DOWN
        + " { "
        + element
        + " }\n";
  }

  /**
   * The batch that returns one client to the captive state. Adding before deleting makes it succeed
   * whether or not nft still holds the element (it may have timed out).
   */
  public String revoke(String ip) {
    StringBuilder b = new StringBuilder();
    for (String set : List.of(CLIENTS_UP, CLIENTS_DOWN)) {
      b.append("add element inet ")
          .append(table)
          .append(' ')
          .append(set)
          .append(" { ")
          .append(ip)
          .append(" }\n");
      b.append("delete element inet ")
          .append(table)
          .append(' ')
          .append(set)
          .append(" { ")
          .append(ip)
          .append(" }\n");
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

  /** The batch that removes the table. */
  public String delete() {
    return "table inet " + table + "\ndelete table inet " + table + "\n";
  }

  private static String quoted(String name) {
    return "\"" + name + "\"";
  }
}
