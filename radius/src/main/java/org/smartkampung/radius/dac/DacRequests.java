package org.smartkampung.radius.dac;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.smartkampung.core.session.Session;
import org.smartkampung.radius.codec.Attributes;
import org.tinyradius.attribute.RadiusAttribute;

/** The session identification attributes of a Disconnect or CoA request (RFC 5176 3). */
final class DacRequests {

  private DacRequests() {}

  /** User-Name, Acct-Session-Id, and the device's MAC and IP when known. */
  static List<RadiusAttribute> identify(Attributes attributes, Session session) {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(attributes.text("User-Name", session.userId()));
    attrs.add(attributes.text("Acct-Session-Id", session.acctSessionId()));
    if (!session.deviceMac().isEmpty()) {
      // the form MikroTik and Chilli report and match on: AA-BB-CC-DD-EE-FF
      attrs.add(
          attributes.text(
              "Calling-Station-Id",
              session.deviceMac().toUpperCase(Locale.ROOT).replace(':', '-')));
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
