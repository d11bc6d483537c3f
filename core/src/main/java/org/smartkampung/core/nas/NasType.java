package org.smartkampung.core.nas;

/** The kind of hotspot access point, which decides the reply attributes it understands. */
public enum NasType {
  MIKROTIK,
  COOVACHILLI,
  KAMPUNG_GATEWAY,
  GENERIC
}
