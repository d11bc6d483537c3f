package org.smartkampung.gateway.radius;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.smartkampung.codec.RadiusAttributes.Attribute;

/**
 * What the RADIUS server decided for one login, with the limits the gateway enforces. Zero means
 * "no limit" for every limit field.
 *
 * @param accepted Access-Accept (true) or Access-Reject (false)
 * @param replyMessage Reply-Message for the villager (Bahasa Indonesia), empty when none
 * @param sessionTimeoutSeconds Session-Timeout
 * @param idleTimeoutSeconds Idle-Timeout
 * @param interimIntervalSeconds Acct-Interim-Interval
 * @param downKbps download rate (WISPr-Bandwidth-Max-Down or ChilliSpot-Bandwidth-Max-Down)
 * @param upKbps upload rate (WISPr-Bandwidth-Max-Up or ChilliSpot-Bandwidth-Max-Up)
 * @param maxTotalBytes total octet limit (ChilliSpot-Max-Total-Octets with Gigawords)
 * @param maxDownBytes ChilliSpot-Max-Output-Octets (bytes sent to the client)
 * @param maxUpBytes ChilliSpot-Max-Input-Octets (bytes from the client)
 * @param classValue the Class attribute, echoed in accounting; empty when none
 */
public record AccessReply(
    boolean accepted,
    String replyMessage,
    long sessionTimeoutSeconds,
    long idleTimeoutSeconds,
    long interimIntervalSeconds,
    long downKbps,
    long upKbps,
    long maxTotalBytes,
    long maxDownBytes,
    long maxUpBytes,
    byte[] classValue) {

  public static final int WISPR = 14122;
  public static final int CHILLISPOT = 14559;

  /** These limits where set (non-zero), the {@code old} ones elsewhere: a CoA changes some. */
  public AccessReply over(AccessReply old) {
    return new AccessReply(
        old.accepted,
        old.replyMessage,
        pick(sessionTimeoutSeconds, old.sessionTimeoutSeconds),
        pick(idleTimeoutSeconds, old.idleTimeoutSeconds),
        pick(interimIntervalSeconds, old.interimIntervalSeconds),
        pick(downKbps, old.downKbps),
        pick(upKbps, old.upKbps),
        pick(maxTotalBytes, old.maxTotalBytes),
        pick(maxDownBytes, old.maxDownBytes),
        pick(maxUpBytes, old.maxUpBytes),
        classValue.length > 0 ? classValue : old.classValue);
  }

  private static long pick(long given, long old) {
    return given > 0 ? given : old;
  }

  /** Reads the reply attributes of an Access-Accept or Access-Reject. */
  public static AccessReply of(boolean accepted, List<Attribute> attributes) {
    String message = "";
    long session = 0, idle = 0, interim = 0, down = 0, up = 0;
    long total = 0, totalGiga = 0, outOctets = 0, outGiga = 0, inOctets = 0, inGiga = 0;
    byte[] cls = new byte[0];
    for (Attribute a : attributes) {
      if (a.vendorId() == 0) {
        switch (a.type()) {
          case 18 -> message += new String(a.value(), StandardCharsets.UTF_8);
          case 25 -> cls = a.value();
          case 27 -> session = a.unsigned();
          case 28 -> idle = a.unsigned();
          case 85 -> interim = a.unsigned();
          default -> {}
        }
      } else if (a.vendorId() == WISPR) {
        // WISPr bandwidth is in bits per second.
        if (a.type() == 7) {
          up = a.unsigned() / 1000;
        } else if (a.type() == 8) {
          down = a.unsigned() / 1000;
        }
      } else if (a.vendorId() == CHILLISPOT) {
        switch (a.type()) {
          case 1 -> inOctets = a.unsigned();
          case 2 -> outOctets = a.unsigned();
          case 3 -> total = a.unsigned();
          // ChilliSpot bandwidth is in kilobits per second; WISPr wins when both are sent.
          case 4 -> up = up > 0 ? up : a.unsigned();
          case 5 -> down = down > 0 ? down : a.unsigned();
          case 21 -> inGiga = a.unsigned();
          case 22 -> outGiga = a.unsigned();
          case 23 -> totalGiga = a.unsigned();
          default -> {}
        }
      }
    }
    return new AccessReply(
        accepted,
        message,
        session,
        idle,
        interim,
        down,
        up,
        (totalGiga << 32) + total,
        (outGiga << 32) + outOctets,
        (inGiga << 32) + inOctets,
        cls);
  }
}
