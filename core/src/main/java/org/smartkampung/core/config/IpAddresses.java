package org.smartkampung.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks IP literals and CIDR blocks without ever doing a DNS lookup. */
final class IpAddresses {

  private static final Pattern IPV4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private IpAddresses() {}

  /** What is wrong with an address or CIDR block, or empty when it is fine. */
  static Optional<String> problem(String text, boolean allowPrefix) {
    String address = text.trim();
    String prefix = null;
    int slash = address.indexOf('/');
    if (slash >= 0) {
      if (!allowPrefix) {
        return Optional.of("expected an IP address without /prefix, got '" + text + "'");
      }
      prefix = address.substring(slash + 1);
      address = address.substring(0, slash);
    }
    int maxPrefix;
    if (isIpv4(address)) {
      maxPrefix = 32;
    } else if (isIpv6(address)) {
      maxPrefix = 128;
    } else {
      return Optional.of(
          "'"
              + text
              + "' is not an IP address or CIDR block (for example 10.20.0.1 or 10.20.0.0/24)");
    }
    if (prefix != null) {
      if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > maxPrefix) {
        return Optional.of(
            "CIDR prefix '/" + prefix + "' in '" + text + "' must be 0 to " + maxPrefix);
      }
    }
    return Optional.empty();
  }

  private static boolean isIpv4(String s) {
    if (!IPV4.matcher(s).matches()) {
      return false;
    }
    for (String part : s.split("\\.")) {
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String s) {
    // Only hex digits, colons and dots reach InetAddress: for such text it parses the literal and
    // throws when invalid, instead of falling back to a DNS lookup of a "host name".
    if (!IPV6_CHARS.matcher(s).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(s);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
