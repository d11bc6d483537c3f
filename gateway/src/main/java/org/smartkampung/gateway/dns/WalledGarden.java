package org.smartkampung.gateway.dns;

import java.util.List;
import java.util.Locale;

/** Walled-garden names: a DNS name matches when it is one of them or below one of them. */
public record WalledGarden(List<String> names) {

  public WalledGarden {
    names =
        names.stream()
            .map(n -> n.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""))
            .filter(n -> !n.isEmpty())
            .toList();
  }

  public boolean matches(String dnsName) {
    String name = dnsName.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    for (String garden : names) {
      if (name.equals(garden) || name.endsWith("." + garden)) {
        return true;
      }
    }
    return false;
  }
}
