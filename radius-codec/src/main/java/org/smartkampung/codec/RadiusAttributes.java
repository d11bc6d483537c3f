package org.smartkampung.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Raw RADIUS packet helpers that tinyradius does not offer: walking the attribute list (including
 * vendor-specific sub-attributes) and computing or checking the Message-Authenticator (HMAC-MD5,
 * RFC 3579 section 3.2) and the authenticators of dynamic-authorization packets (RFC 5176), with
 * the same digest code as {@link PacketCodec}. Used by the gateway's RADIUS client and its
 * dynamic-authorization listener.
 */
public final class RadiusAttributes {

  public static final int HEADER_BYTES = 20;
  public static final int MESSAGE_AUTHENTICATOR = 80;
  public static final int VENDOR_SPECIFIC = 26;

  private RadiusAttributes() {}

  /**
   * One attribute; for a vendor-specific one, {@code vendorId} and {@code type} are the vendor's
   * and its sub-type, otherwise {@code vendorId} is 0. {@code offset} is where the value starts in
   * the packet.
   */
  public record Attribute(int vendorId, int type, byte[] value, int offset) {
    public long unsigned() {
      long v = 0;
      for (byte b : value) {
        v = (v << 8) | (b & 0xff);
      }
      return v;
    }
  }

  /** Every attribute of a packet, in order; VSAs are split into their sub-attributes. */
  public static List<Attribute> parse(byte[] packet) {
    int length = Math.min(packet.length, ((packet[2] & 0xff) << 8) | (packet[3] & 0xff));
    List<Attribute> out = new ArrayList<>();
    int pos = HEADER_BYTES;
    while (pos + 2 <= length) {
      int type = packet[pos] & 0xff;
      int len = packet[pos + 1] & 0xff;
      if (len < 2 || pos + len > length) {
        throw new IllegalArgumentException("malformed attribute at byte " + pos);
      }
      if (type == VENDOR_SPECIFIC && len >= 6) {
        int vendor = ByteBuffer.wrap(packet, pos + 2, 4).getInt();
        int sub = pos + 6;
        while (sub + 2 <= pos + len) {
          int subLen = packet[sub + 1] & 0xff;
          if (subLen < 2 || sub + subLen > pos + len) {
            break;
          }
          out.add(
              new Attribute(
                  vendor,
                  packet[sub] & 0xff,
                  Arrays.copyOfRange(packet, sub + 2, sub + subLen),
                  sub + 2));
          sub += subLen;
        }
      } else {
        out.add(new Attribute(0, type, Arrays.copyOfRange(packet, pos + 2, pos + len), pos + 2));
      }
      pos += len;
    }
    return out;
  }

  /** Offset of the Message-Authenticator value, or -1 when the packet has none. */
  public static int messageAuthenticatorOffset(byte[] packet) {
    for (Attribute a : parse(packet)) {
      if (a.vendorId() == 0 && a.type() == MESSAGE_AUTHENTICATOR && a.value().length == 16) {
        return a.offset();
      }
    }
    return -1;
  }

  /**
   * HMAC-MD5 over the packet with its authenticator field replaced by {@code authenticator} and the
   * Message-Authenticator value zeroed.
   */
  public static byte[] messageAuthenticator(
      byte[] packet, byte[] authenticator, int maOffset, String secret) {
    byte[] copy = Arrays.copyOf(packet, packetLength(packet));
    System.arraycopy(authenticator, 0, copy, 4, 16);
    Arrays.fill(copy, maOffset, maOffset + 16, (byte) 0);
    return hmacMd5(secret, copy);
  }

  /** Writes the Message-Authenticator of a request whose authenticator is already in place. */
  public static void signRequest(byte[] packet, String secret) {
    int offset = messageAuthenticatorOffset(packet);
    byte[] auth = Arrays.copyOfRange(packet, 4, 20);
    byte[] ma = messageAuthenticator(packet, auth, offset, secret);
    System.arraycopy(ma, 0, packet, offset, 16);
  }

  /**
   * Checks a Disconnect-Request or CoA-Request (RFC 5176 section 3.5): the Request Authenticator is
   * MD5(Code+Identifier+Length+16 zero octets+Attributes+secret), and a Message-Authenticator,
   * which is required here, is computed with the authenticator field zeroed.
   */
  public static boolean verifyDynamicRequest(byte[] packet, String secret) {
    int length = packetLength(packet);
    if (length < HEADER_BYTES || length > packet.length) {
      return false;
    }
    int maOffset;
    try {
      maOffset = messageAuthenticatorOffset(packet);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (maOffset < 0) {
      return false;
    }
    byte[] exact = Arrays.copyOf(packet, length);
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    return PacketCodec.hasValidHashedRequestAuthenticator(exact, key)
        && PacketCodec.hasValidMessageAuthenticator(
            exact, maOffset - 2, new byte[RadiusCode.AUTHENTICATOR_BYTES], key);
  }

  /**
   * A reply (ACK or NAK) to a request with {@code requestAuthenticator}: header, the given raw
   * attributes and a Message-Authenticator, then the Response Authenticator
   * MD5(Code+Identifier+Length+RequestAuthenticator+Attributes+secret).
   */
  public static byte[] reply(
      int code, int identifier, byte[] requestAuthenticator, byte[] attributes, String secret) {
    int length = HEADER_BYTES + attributes.length + 18;
    byte[] packet = new byte[length];
    packet[0] = (byte) code;
    packet[1] = (byte) identifier;
    packet[2] = (byte) (length >> 8);
    packet[3] = (byte) length;
    System.arraycopy(requestAuthenticator, 0, packet, 4, 16);
    System.arraycopy(attributes, 0, packet, HEADER_BYTES, attributes.length);
    int ma = HEADER_BYTES + attributes.length;
    packet[ma] = (byte) MESSAGE_AUTHENTICATOR;
    packet[ma + 1] = 18;
    byte[] mac = messageAuthenticator(packet, requestAuthenticator, ma + 2, secret);
    System.arraycopy(mac, 0, packet, ma + 2, 16);
    byte[] responseAuth = md5(packet, secret);
    System.arraycopy(responseAuth, 0, packet, 4, 16);
    return packet;
  }

  public static int packetLength(byte[] packet) {
    return ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
  }

  static byte[] md5(byte[] data, String secret) {
    MessageDigest md5 = PacketCodec.md5();
    md5.update(data);
    md5.update(secret.getBytes(StandardCharsets.UTF_8));
    return md5.digest();
  }

  static byte[] hmacMd5(String secret, byte[] data) {
    return PacketCodec.hmacMd5(secret.getBytes(StandardCharsets.UTF_8), data);
  }
}
