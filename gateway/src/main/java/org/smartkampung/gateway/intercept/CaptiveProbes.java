package org.smartkampung.gateway.intercept;

import java.util.Locale;

/**
 * Recognises the connectivity probes operating systems send to detect a captive portal. Every probe
 * gets the same 302 as any other request (that is what opens the sign-in sheet); knowing the kind
 * only names it in metrics and keeps the probe URL out of the portal's "continue to".
 */
public final class CaptiveProbes {

  /** Which OS sent a probe; {@code NONE} for an ordinary request. */
  public enum Kind {
    ANDROID,
    APPLE,
    WINDOWS,
    FIREFOX,
    NONE
  }

  private CaptiveProbes() {}

  public static Kind of(String host, String path) {
    String h = host.toLowerCase(Locale.ROOT);
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith("/generate_204") || p.endsWith("/gen_204")) {
      return Kind.ANDROID; // Android and Chrome (connectivitycheck.gstatic.com, clients3.google)
    }
    if (p.endsWith("/hotspot-detect.html")
        || (h.endsWith("apple.com") && p.endsWith("/library/test/success.html"))) {
      return Kind.APPLE;
    }
    if (p.equals("/connecttest.txt") || p.equals("/ncsi.txt")) {
      return Kind.WINDOWS;
    }
    if (h.startsWith("detectportal.firefox.com")
        || p.equals("/canonical.html")
        || p.equals("/success.txt")) {
      return Kind.FIREFOX;
    }
    return Kind.NONE;
  }
}
