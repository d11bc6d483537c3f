package org.smartkampung.core.nas;

import java.time.Instant;
import java.util.List;

/**
 * The hotspots connected to this process's RADIUS role over RadSec now, as the console lists them.
 * The RADIUS role owns the connections; the app passes this view to the console (roles do not
 * import each other). Only the process that holds a connection knows it.
 */
@FunctionalInterface
public interface RadSecLinks {

  /** No RADIUS role in this process, or RadSec off: nobody is connected here. */
  RadSecLinks NONE = List::of;

  /**
   * One hotspot's open TLS connection.
   *
   * @param hotspot the hotspot's name (its certificate named it)
   * @param remoteAddress where the connection comes from (a NAT's address behind CGNAT)
   * @param connectedSince when the TLS handshake finished
   * @param lastRequest when its newest request arrived (the connection time before any)
   */
  record Link(String hotspot, String remoteAddress, Instant connectedSince, Instant lastRequest) {}

  /** Every connected hotspot, by name. */
  List<Link> connected();
}
