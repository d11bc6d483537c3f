package org.smartkampung.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.attribute.VendorSpecificAttribute;
import org.tinyradius.dictionary.AttributeType;
import org.tinyradius.dictionary.Dictionary;
import org.tinyradius.packet.RadiusPacket;

/** Builds attributes by dictionary name and reads values out of decoded packets. */
public final class Attributes {

  private final Dictionary dictionary;

  public Attributes(Dictionary dictionary) {
    this.dictionary = dictionary;
  }

  public Dictionary dictionary() {
    return dictionary;
  }

  /** A string-valued attribute, wrapped in a Vendor-Specific one when it belongs to a vendor. */
  public RadiusAttribute text(String name, String value) {
    return build(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A 32-bit unsigned integer attribute.
   *
   * @param value 0 to 4294967295
   */
  public RadiusAttribute unsigned(String name, long value) {
    if (value < 0 || value > 0xffffffffL) {
      throw new IllegalArgumentException(name + " out of range: " + value);
    }
    byte[] data = {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    return build(name, data);
  }

  /** A raw-octets attribute. */
  public RadiusAttribute octets(String name, byte[] value) {
    return build(name, value);
  }

  private RadiusAttribute build(String name, byte[] data) {
    AttributeType type = dictionary.getAttributeTypeByName(name);
    if (type == null) {
      throw new IllegalArgumentException("unknown RADIUS attribute " + name);
    }
    RadiusAttribute attribute =
        RadiusAttribute.createRadiusAttribute(dictionary, type.getVendorId(), type.getTypeCode());
    attribute.setAttributeData(data);
    if (type.getVendorId() == -1) {
      return attribute;
    }
    VendorSpecificAttribute vsa = new VendorSpecificAttribute(type.getVendorId());
    vsa.setDictionary(dictionary);
    vsa.addSubAttribute(attribute);
    return vsa;
  }

  /** The raw value of the first standard attribute of that type, or null. */
  public static byte @Nullable [] raw(RadiusPacket packet, int type) {
    RadiusAttribute attribute = packet.getAttribute(type);
    return attribute == null ? null : attribute.getAttributeData();
  }

  /** The first standard attribute of that type as UTF-8 text, or null. */
  public static @Nullable String string(RadiusPacket packet, int type) {
    byte[] data = raw(packet, type);
    return data == null ? null : new String(data, StandardCharsets.UTF_8);
  }

  /** The first standard attribute of that type as a 32-bit unsigned integer, or {@code absent}. */
  public static long unsignedOr(RadiusPacket packet, int type, long absent) {
    byte[] data = raw(packet, type);
    if (data == null || data.length != 4) {
      return absent;
    }
    return ((data[0] & 0xffL) << 24)
        | ((data[1] & 0xffL) << 16)
        | ((data[2] & 0xffL) << 8)
        | (data[3] & 0xffL);
  }

  /** The first standard attribute of that type as a dotted IPv4 address, or "" when absent. */
  public static String ipv4(RadiusPacket packet, int type) {
    byte[] ip = raw(packet, type);
    return ip == null || ip.length != 4
        ? ""
        : (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
  }

  /** Every standard attribute of that type as text, in packet order. */
  public static List<String> strings(RadiusPacket packet, int type) {
    @SuppressWarnings("unchecked")
    List<RadiusAttribute> all = packet.getAttributes(type);
    return all.stream().map(a -> new String(a.getAttributeData(), StandardCharsets.UTF_8)).toList();
  }
}
