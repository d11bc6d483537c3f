package org.smartkampung.radius.server;

import java.util.Locale;

/** How a request reached the server, the {@code transport} tag of the request meters. */
public enum Transport {
  /** RADIUS over UDP (RFC 2865, 2866), ports 1812 and 1813. */
  UDP,
  /** RADIUS over TLS (RFC 6614), TCP port 2083. */
  RADSEC;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
