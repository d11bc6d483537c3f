package org.smartkampung.radius.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.smartkampung.core.nas.NasClient;

/**
 * The configured NAS clients, matched by source address: an exact address or the most specific CIDR
 * block that contains it. A RadSec-only hotspot (certificate, no address) is never matched by
 * address, only found by name and certificate. Immutable.
 */
public final class ClientTable {

  private record Entry(byte[] network, int prefixBits, NasClient client) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefixBits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixBits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Entry> entries;
  private final List<NasClient> given;

  /**
   * @throws IllegalArgumentException when an address is not an IP literal or CIDR block
   */
  public ClientTable(List<NasClient> clients) {
    this.given = List.copyOf(clients);
    List<Entry> parsed = new ArrayList<>();
    for (NasClient client : clients) {
      if (client.hasAddress()) {
        parsed.add(parse(client));
      }
    }
    parsed.sort(Comparator.comparingInt(Entry::prefixBits).reversed());
    this.entries = List.copyOf(parsed);
  }

  /** The client the address belongs to, or null. */
  public NasClient match(InetAddress source) {
    byte[] address = source.getAddress();
    for (Entry entry : entries) {
      if (entry.contains(address)) {
        return entry.client();
      }
    }
    return null;
  }

  /** Whether {@code source} is inside the address or block of {@code client}. */
  public boolean sendsFrom(NasClient client, InetAddress source) {
    byte[] address = source.getAddress();
    for (Entry entry : entries) {
      if (entry.client().equals(client) && entry.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** Every client, with or without an address. */
  public List<NasClient> clients() {
    return given;
  }

  /** The clients as given to the constructor, in that order. */
  List<NasClient> clientsInOrder() {
    return given;
  }

  /** The client with that name, or null. */
  public NasClient byName(String name) {
    for (NasClient client : given) {
      if (client.name().equals(name)) {
        return client;
      }
    }
    return null;
  }

  private static Entry parse(NasClient client) {
    String text = client.address().trim();
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    if (!host.matches("[0-9a-fA-F:.]+")) { // no DNS look-ups for client addresses
      throw new IllegalArgumentException(
          "hotspot " + client.name() + ": address '" + text + "' is not an IP or CIDR");
    }
    try {
      byte[] network = InetAddress.getByName(host).getAddress();
      int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
      if (prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException(
            "hotspot " + client.name() + ": bad prefix length in '" + text + "'");
      }
      return new Entry(network, prefix, client);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "hotspot " + client.name() + ": address '" + text + "' is not an IP or CIDR", e);
    }
  }
}
