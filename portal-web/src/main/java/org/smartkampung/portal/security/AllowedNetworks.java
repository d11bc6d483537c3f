package org.smartkampung.portal.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of addresses and blocks ({@code 10.9.0.0/24}, {@code 127.0.0.1}, {@code ::1}) a source
 * address is checked against. Empty allows everyone. The entries are IP literals checked by the
 * config rules, so parsing them never asks DNS.
 */
public final class AllowedNetworks {

  private record Block(byte[] network, int prefixBits) {
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

  private final List<Block> blocks;

  private AllowedNetworks(List<Block> blocks) {
    this.blocks = blocks;
  }

  /** Parses the config's entries; a malformed one is an {@link IllegalArgumentException}. */
  public static AllowedNetworks of(List<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries) {
      int slash = entry.indexOf('/');
      byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
      int bits = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
      if (bits < 0 || bits > address.length * 8) {
        throw new IllegalArgumentException("bad prefix length in " + entry);
      }
      blocks.add(new Block(address, bits));
    }
    return new AllowedNetworks(List.copyOf(blocks));
  }

  /** Whether the list is empty (everyone allowed) or holds the address. */
  public boolean allows(String sourceAddress) {
    if (blocks.isEmpty()) {
      return true;
    }
    byte[] address;
    try {
      address = literal(sourceAddress);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return blocks.stream().anyMatch(b -> b.contains(address));
  }

  /** Whether the text is an IPv4 or IPv6 literal (no DNS is asked). */
  static boolean isAddress(String text) {
    try {
      literal(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] literal(String text) {
    String t = text.trim();
    boolean looksLiteral = t.matches("[0-9.]+") || t.contains(":");
    if (!looksLiteral) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    try {
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }
}
