package org.smartkampung.radius.dac;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.smartkampung.codec.Attributes;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.session.Session;
import org.tinyradius.attribute.RadiusAttribute;

/** The session identification attributes of a Disconnect or CoA request (RFC 5176 3). */
final class DacRequests {

  private DacRequests() {}

  /**
   * Acct-Session-Id (unique per NAS), and the device's MAC and IP when known, each in the form the
   * NAS itself reports. No User-Name: after a portal login the NAS knows the session by the
   * one-time login token it logged in with ({@code kt-...}), while the session is stored under the
   * villager, voucher or subscriber the token stood for; a User-Name the NAS never saw makes it
   * answer NAK (Session-Context-Not-Found) or, matching on either attribute, hit another session.
   */
  static List<RadiusAttribute> identify(Attributes attributes, Session session, NasType nasType) {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(attributes.text("Acct-Session-Id", session.acctSessionId()));
    if (!session.deviceMac().isEmpty()) {
      // RouterOS reports and matches AA:BB:CC:DD:EE:FF; CoovaChilli and others AA-BB-CC-DD-EE-FF.
      String mac = session.deviceMac().toUpperCase(Locale.ROOT);
      attrs.add(
          attributes.text(
              "Calling-Station-Id",
              nasType == NasType.MIKROTIK ? mac.replace('-', ':') : mac.replace(':', '-')));
    }
    String[] octets = session.framedIp().split("\\.");
    if (octets.length == 4 && session.framedIp().matches("[0-9.]+")) {
      byte[] ip = new byte[4];
      for (int i = 0; i < 4; i++) {
        ip[i] = (byte) Integer.parseInt(octets[i]);
      }
      attrs.add(attributes.octets("Framed-IP-Address", ip));
    }
    return attrs;
  }
}
