package org.smartkampung.portal.device;

import org.smartkampung.core.nas.Macs;

/**
 * The villager's device as the NAS reported it.
 *
 * <p>A MAC with the locally-administered bit set is a randomised (private) address that phones
 * rotate; it identifies one connection, not a device, so its {@link #id()} includes the client IP
 * (the DHCP lease) and it is never remembered for MAC login.
 *
 * @param mac lowercase colon form ({@code aa:bb:cc:dd:ee:ff}); empty when the NAS sent none or an
 *     invalid one
 * @param clientIp the client's IP as the NAS reported it, or the request's source address
 */
public record Device(String mac, String clientIp) {

  public Device {
    mac = mac == null ? "" : mac;
    clientIp = clientIp == null ? "" : clientIp;
  }

  /**
   * Parses a MAC as MikroTik ({@code AA:BB:..}) or CoovaChilli ({@code AA-BB-..}) send it, in the
   * same form the RADIUS server reads Calling-Station-Id ({@link Macs#normalize}).
   */
  public static Device of(String rawMac, String clientIp) {
    return new Device(Macs.normalize(rawMac), clientIp);
  }

  /** Whether the MAC is randomised: the locally-administered bit (0x02 of the first octet) set. */
  public boolean randomised() {
    return Macs.locallyAdministered(mac);
  }

  /** Whether a later login may recognise this device again by its MAC. */
  public boolean rememberable() {
    return !mac.isEmpty() && !randomised();
  }

  /**
   * The device id the ledger and vouchers count: the MAC for a real one, MAC plus lease address for
   * a randomised one (one connection), the IP alone when there is no MAC.
   */
  public String id() {
    if (mac.isEmpty()) {
      return "ip-" + clientIp;
    }
    return Macs.deviceId(mac, clientIp);
  }
}
