package org.smartkampung.radius.auth;

import java.util.ArrayList;
import java.util.List;
import org.smartkampung.codec.Attributes;
import org.smartkampung.core.nas.NasType;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * Turns an accept decision into the attributes each kind of NAS understands, for an Access-Accept
 * or for a CoA-Request that changes a running session. Octet limits above 32 bits are split into
 * value plus Gigawords.
 */
public final class ReplyAttributes {

  private static final long MAX_32 = 0xffffffffL;
  private static final long GIGAWORD = 1L << 32;

  private final Attributes attributes;

  public ReplyAttributes(Attributes attributes) {
    this.attributes = attributes;
  }

  /** The Access-Accept's attributes; limits that do not apply are left out. */
  public List<RadiusAttribute> forAccept(NasType type, AuthDecision.Accept accept) {
    List<RadiusAttribute> out = new ArrayList<>();
    out.add(
        attributes.unsigned("Session-Timeout", Math.min(accept.sessionTimeoutSeconds(), MAX_32)));
    out.add(attributes.unsigned("Idle-Timeout", Math.min(accept.idleTimeoutSeconds(), MAX_32)));
    out.add(
        attributes.unsigned(
            "Acct-Interim-Interval", Math.min(accept.interimIntervalSeconds(), MAX_32)));
    out.add(attributes.text("Class", accept.sessionClass()));
    boolean limited = accept.bytesRemaining() != Long.MAX_VALUE;
    switch (type) {
      case MIKROTIK -> {
        if (accept.downBitsPerSecond() > 0 || accept.upBitsPerSecond() > 0) {
          out.add(attributes.text("Mikrotik-Rate-Limit", mikrotikRate(accept)));
        }
        if (limited) {
          octets(out, "Mikrotik-Total-Limit", "Mikrotik-Total-Limit-Gigawords", accept);
        }
      }
      case COOVACHILLI, KAMPUNG_GATEWAY -> {
        wispr(out, accept);
        if (limited) {
          chilliOctets(out, accept);
        }
      }
      case GENERIC -> wispr(out, accept);
    }
    return out;
  }

  /**
   * The attributes of a CoA-Request giving a running session {@code change}, whose limits count
   * from the session's start as the NAS counts them: Session-Timeout, the rates, and the octet
   * limit when there is one. A rate without a cap is sent as 0 (no limit) rather than left out,
   * because a CoA leaves out what it does not change. Idle-Timeout, interim interval and Class are
   * not sent: a quota edit does not change them.
   *
   * @throws IllegalArgumentException for {@link NasType#GENERIC}, which gets no CoA
   */
  public List<RadiusAttribute> forChange(NasType type, AuthDecision.Accept change) {
    List<RadiusAttribute> out = new ArrayList<>();
    out.add(
        attributes.unsigned("Session-Timeout", Math.min(change.sessionTimeoutSeconds(), MAX_32)));
    boolean limited = change.bytesRemaining() != Long.MAX_VALUE;
    switch (type) {
      case MIKROTIK -> {
        out.add(attributes.text("Mikrotik-Rate-Limit", mikrotikRate(change)));
        if (limited) {
          octets(out, "Mikrotik-Total-Limit", "Mikrotik-Total-Limit-Gigawords", change);
        }
      }
      case COOVACHILLI, KAMPUNG_GATEWAY -> {
        out.add(
            attributes.unsigned(
                "WISPr-Bandwidth-Max-Up", Math.min(change.upBitsPerSecond(), MAX_32)));
        out.add(
            attributes.unsigned(
                "WISPr-Bandwidth-Max-Down", Math.min(change.downBitsPerSecond(), MAX_32)));
        if (limited) {
          chilliOctets(out, change);
        }
      }
      case GENERIC -> throw new IllegalArgumentException("a generic NAS gets no CoA");
    }
    return out;
  }

  /** "rx/tx" as RouterOS reads it: rx is what the router receives, the villager's upload. */
  static String mikrotikRate(AuthDecision.Accept accept) {
    return kilo(accept.upBitsPerSecond()) + "/" + kilo(accept.downBitsPerSecond());
  }

  private static String kilo(long bitsPerSecond) {
    return bitsPerSecond <= 0 ? "0" : Math.max(1, bitsPerSecond / 1000) + "k";
  }

  private void wispr(List<RadiusAttribute> out, AuthDecision.Accept accept) {
    if (accept.upBitsPerSecond() > 0) {
      out.add(
          attributes.unsigned(
              "WISPr-Bandwidth-Max-Up", Math.min(accept.upBitsPerSecond(), MAX_32)));
    }
    if (accept.downBitsPerSecond() > 0) {
      out.add(
          attributes.unsigned(
              "WISPr-Bandwidth-Max-Down", Math.min(accept.downBitsPerSecond(), MAX_32)));
    }
  }

  /** Total, input and output alike: the limit is on bytes in plus out, whichever way they go. */
  private void chilliOctets(List<RadiusAttribute> out, AuthDecision.Accept accept) {
    octets(out, "ChilliSpot-Max-Total-Octets", "ChilliSpot-Max-Total-Gigawords", accept);
    octets(out, "ChilliSpot-Max-Input-Octets", "ChilliSpot-Max-Input-Gigawords", accept);
    octets(out, "ChilliSpot-Max-Output-Octets", "ChilliSpot-Max-Output-Gigawords", accept);
  }

  private void octets(
      List<RadiusAttribute> out, String name, String gigawordsName, AuthDecision.Accept accept) {
    long bytes = accept.bytesRemaining();
    out.add(attributes.unsigned(name, bytes % GIGAWORD));
    if (bytes >= GIGAWORD) {
      out.add(attributes.unsigned(gigawordsName, Math.min(bytes / GIGAWORD, MAX_32)));
    }
  }
}
