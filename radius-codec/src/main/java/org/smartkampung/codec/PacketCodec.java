package org.smartkampung.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.dictionary.Dictionary;
import org.tinyradius.packet.RadiusPacket;
import org.tinyradius.util.RadiusException;

/**
 * The RADIUS wire format: structure checks, authenticator and Message-Authenticator math (RFC 2865,
 * 2866, 3579, 5176), and encoding. TinyRadius codes the attributes; the header, authenticators and
 * attribute order are done here so a Message-Authenticator can be placed first and verified over
 * the exact bytes received. Stateless and thread-safe.
 */
public final class PacketCodec {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] ZERO_AUTHENTICATOR = new byte[RadiusCode.AUTHENTICATOR_BYTES];

  private PacketCodec() {}

  /**
   * Checks the header and the attribute layout of a datagram.
   *
   * @return the packet length from the header (octets after it are padding, RFC 2865 3), or -1 when
   *     the datagram is malformed
   */
  public static int checkLayout(byte[] datagram, int datagramBytes) {
    if (datagramBytes < RadiusCode.HEADER_BYTES || datagramBytes > RadiusCode.MAX_PACKET_BYTES) {
      return -1;
    }
    int length = ((datagram[2] & 0xff) << 8) | (datagram[3] & 0xff);
    if (length < RadiusCode.HEADER_BYTES || length > datagramBytes) {
      return -1;
    }
    int pos = RadiusCode.HEADER_BYTES;
    while (pos < length) {
      if (pos + 2 > length) {
        return -1;
      }
      int attributeBytes = datagram[pos + 1] & 0xff;
      if (attributeBytes < 2 || pos + attributeBytes > length) {
        return -1;
      }
      pos += attributeBytes;
    }
    return length;
  }

  /**
   * Decodes the attributes of a packet whose layout {@link #checkLayout} accepted.
   *
   * @throws RadiusException when an attribute's value does not fit its dictionary type
   */
  public static RadiusPacket decode(Dictionary dictionary, byte[] packet) throws RadiusException {
    List<RadiusAttribute> attributes = new ArrayList<>();
    int length = packet.length;
    int pos = RadiusCode.HEADER_BYTES;
    while (pos < length) {
      int type = packet[pos] & 0xff;
      int attributeBytes = packet[pos + 1] & 0xff;
      RadiusAttribute attribute = RadiusAttribute.createRadiusAttribute(dictionary, -1, type);
      attribute.readAttribute(packet, pos, attributeBytes);
      attributes.add(attribute);
      pos += attributeBytes;
    }
    RadiusPacket decoded = new RadiusPacket(packet[0] & 0xff, packet[1] & 0xff, attributes);
    decoded.setDictionary(dictionary);
    decoded.setAuthenticator(Arrays.copyOfRange(packet, 4, 20));
    return decoded;
  }

  /** Offset of the first attribute of {@code type} in the packet, or -1. */
  public static int findAttribute(byte[] packet, int type) {
    int pos = RadiusCode.HEADER_BYTES;
    while (pos + 2 <= packet.length) {
      int attributeBytes = packet[pos + 1] & 0xff;
      if ((packet[pos] & 0xff) == type) {
        return pos;
      }
      if (attributeBytes < 2) {
        return -1;
      }
      pos += attributeBytes;
    }
    return -1;
  }

  /**
   * Whether the request authenticator of a request whose authenticator is an MD5 over the packet
   * (Accounting-Request, CoA-Request, Disconnect-Request; RFC 2866 3) is right.
   */
  public static boolean hasValidHashedRequestAuthenticator(byte[] packet, byte[] secret) {
    MessageDigest md5 = md5();
    md5.update(packet, 0, 4);
    md5.update(ZERO_AUTHENTICATOR);
    md5.update(packet, RadiusCode.HEADER_BYTES, packet.length - RadiusCode.HEADER_BYTES);
    md5.update(secret);
    return MessageDigest.isEqual(md5.digest(), Arrays.copyOfRange(packet, 4, 20));
  }

  /** Whether a response's authenticator is MD5(code+id+length+request auth+attributes+secret). */
  public static boolean hasValidResponseAuthenticator(
      byte[] response, byte[] requestAuthenticator, byte[] secret) {
    MessageDigest md5 = md5();
    md5.update(response, 0, 4);
    md5.update(requestAuthenticator);
    md5.update(response, RadiusCode.HEADER_BYTES, response.length - RadiusCode.HEADER_BYTES);
    md5.update(secret);
    return MessageDigest.isEqual(md5.digest(), Arrays.copyOfRange(response, 4, 20));
  }

  /**
   * Verifies the Message-Authenticator at {@code offset} (RFC 3579 3.2): HMAC-MD5 keyed by the
   * secret over the packet with the attribute's value zeroed and, in the authenticator field,
   * {@code authenticator} (the request's own for Access-Request and Status-Server, zeros for
   * Accounting/CoA/Disconnect requests, the request's for responses).
   */
  public static boolean hasValidMessageAuthenticator(
      byte[] packet, int offset, byte[] authenticator, byte[] secret) {
    if ((packet[offset + 1] & 0xff) != 18) {
      return false;
    }
    byte[] copy = packet.clone();
    System.arraycopy(authenticator, 0, copy, 4, RadiusCode.AUTHENTICATOR_BYTES);
    Arrays.fill(copy, offset + 2, offset + 18, (byte) 0);
    byte[] expected = hmacMd5(secret, copy);
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(packet, offset + 2, offset + 18));
  }

  /** Whether requests with this code carry an MD5-hashed (not random) request authenticator. */
  public static boolean hasHashedRequestAuthenticator(int code) {
    return code == RadiusCode.ACCOUNTING_REQUEST
        || code == RadiusCode.DISCONNECT_REQUEST
        || code == RadiusCode.COA_REQUEST;
  }

  /**
   * Encodes a response. When {@code messageAuthenticator} is set, a Message-Authenticator is put
   * first (BlastRADIUS, CVE-2024-3596) and computed with the request authenticator (RFC 3579).
   */
  public static byte[] encodeResponse(
      int code,
      int identifier,
      byte[] requestAuthenticator,
      List<RadiusAttribute> attributes,
      byte[] secret,
      boolean messageAuthenticator) {
    byte[] packet =
        assemble(code, identifier, requestAuthenticator, attributes, messageAuthenticator);
    if (messageAuthenticator) {
      signMessageAuthenticator(packet, secret);
    }
    MessageDigest md5 = md5();
    md5.update(packet);
    md5.update(secret);
    System.arraycopy(md5.digest(), 0, packet, 4, RadiusCode.AUTHENTICATOR_BYTES);
    return packet;
  }

  /**
   * Encodes a request. Access-Request and Status-Server get a random authenticator; the others an
   * MD5 over the packet (RFC 2866, 5176). A Message-Authenticator, when asked for, comes first.
   */
  public static byte[] encodeRequest(
      int code,
      int identifier,
      List<RadiusAttribute> attributes,
      byte[] secret,
      boolean messageAuthenticator) {
    return encodeRequest(
        code, identifier, newRequestAuthenticator(), attributes, secret, messageAuthenticator);
  }

  /** A random Request Authenticator, for an Access-Request whose User-Password it hides. */
  public static byte[] newRequestAuthenticator() {
    byte[] authenticator = new byte[RadiusCode.AUTHENTICATOR_BYTES];
    RANDOM.nextBytes(authenticator);
    return authenticator;
  }

  /**
   * Encodes a request like {@link #encodeRequest(int, int, List, byte[], boolean)}, with {@code
   * authenticator} (from {@link #newRequestAuthenticator}) as the Request Authenticator of an
   * Access-Request or Status-Server; requests with a hashed authenticator ignore it.
   */
  public static byte[] encodeRequest(
      int code,
      int identifier,
      byte[] randomAuthenticator,
      List<RadiusAttribute> attributes,
      byte[] secret,
      boolean messageAuthenticator) {
    boolean hashed = hasHashedRequestAuthenticator(code);
    byte[] authenticator =
        hashed ? new byte[RadiusCode.AUTHENTICATOR_BYTES] : randomAuthenticator.clone();
    byte[] packet = assemble(code, identifier, authenticator, attributes, messageAuthenticator);
    if (messageAuthenticator) {
      signMessageAuthenticator(packet, secret);
    }
    if (hashed) {
      MessageDigest md5 = md5();
      md5.update(packet);
      md5.update(secret);
      System.arraycopy(md5.digest(), 0, packet, 4, RadiusCode.AUTHENTICATOR_BYTES);
    }
    return packet;
  }

  /** Decrypts a User-Password (RFC 2865 5.2); trailing NULs are removed. Null when malformed. */
  public static @Nullable String decryptPapPassword(
      byte[] encrypted, byte[] authenticator, byte[] secret) {
    if (encrypted.length == 0 || encrypted.length % 16 != 0 || encrypted.length > 128) {
      return null;
    }
    byte[] plain = new byte[encrypted.length];
    byte[] previous = authenticator;
    for (int block = 0; block < encrypted.length; block += 16) {
      MessageDigest md5 = md5();
      md5.update(secret);
      md5.update(previous);
      byte[] key = md5.digest();
      for (int i = 0; i < 16; i++) {
        plain[block + i] = (byte) (encrypted[block + i] ^ key[i]);
      }
      previous = Arrays.copyOfRange(encrypted, block, block + 16);
    }
    int end = plain.length;
    while (end > 0 && plain[end - 1] == 0) {
      end--;
    }
    return new String(plain, 0, end, StandardCharsets.UTF_8);
  }

  /** Encrypts a User-Password (RFC 2865 5.2), for test and benchmark clients. */
  public static byte[] encryptPapPassword(String password, byte[] authenticator, byte[] secret) {
    byte[] plainText = password.getBytes(StandardCharsets.UTF_8);
    int padded = Math.max(16, (plainText.length + 15) / 16 * 16);
    byte[] plain = Arrays.copyOf(plainText, padded);
    byte[] out = new byte[padded];
    byte[] previous = authenticator;
    for (int block = 0; block < padded; block += 16) {
      MessageDigest md5 = md5();
      md5.update(secret);
      md5.update(previous);
      byte[] key = md5.digest();
      for (int i = 0; i < 16; i++) {
        out[block + i] = (byte) (plain[block + i] ^ key[i]);
      }
      previous = Arrays.copyOfRange(out, block, block + 16);
    }
    return out;
  }

  /** Whether a CHAP-Password (id + 16-byte hash) matches MD5(id + secret + challenge). */
  public static boolean chapMatches(
      byte @Nullable [] chapPassword, byte @Nullable [] challenge, String secret) {
    if (chapPassword == null || chapPassword.length != 17 || challenge == null) {
      return false;
    }
    MessageDigest md5 = md5();
    md5.update(chapPassword[0]);
    md5.update(secret.getBytes(StandardCharsets.UTF_8));
    md5.update(challenge);
    return MessageDigest.isEqual(md5.digest(), Arrays.copyOfRange(chapPassword, 1, 17));
  }

  /** A reset MD5 digest for this thread (provider look-ups cost more than hashing a packet). */
  public static MessageDigest md5() {
    MessageDigest md5 = MD5.get();
    md5.reset();
    return md5;
  }

  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("MD5 is missing from this JDK", e);
            }
          });

  /** Secrets whose keyed HmacMD5 one thread keeps ready: a kabupaten's hotspots share a few. */
  static final int MACS_PER_THREAD = 64;

  /**
   * Each thread's HmacMD5 instances by secret, least recently used dropped first. {@link Mac#init}
   * hashes the key pads on every call; a Mac returns to its keyed state after {@code doFinal}, so
   * one kept per secret skips that work on every packet after the first.
   */
  private static final ThreadLocal<Map<ByteBuffer, Mac>> HMAC_MD5 =
      ThreadLocal.withInitial(
          () ->
              new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Mac> eldest) {
                  return size() > MACS_PER_THREAD;
                }
              });

  /** HMAC-MD5 of {@code data} keyed by {@code key} (the Message-Authenticator's MAC). */
  public static byte[] hmacMd5(byte[] key, byte[] data) {
    Map<ByteBuffer, Mac> macs = HMAC_MD5.get();
    Mac mac = macs.get(ByteBuffer.wrap(key));
    if (mac == null) {
      try {
        mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key, "HmacMD5"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacMD5 cannot take this key", e);
      }
      macs.put(ByteBuffer.wrap(key.clone()), mac);
    }
    return mac.doFinal(data);
  }

  private static byte[] assemble(
      int code,
      int identifier,
      byte[] authenticator,
      List<RadiusAttribute> attributes,
      boolean messageAuthenticator) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(code);
    out.write(identifier);
    out.write(0);
    out.write(0);
    out.writeBytes(authenticator);
    if (messageAuthenticator) {
      out.write(RadiusCode.ATTR_MESSAGE_AUTHENTICATOR);
      out.write(18);
      out.writeBytes(ZERO_AUTHENTICATOR);
    }
    for (RadiusAttribute attribute : attributes) {
      out.writeBytes(attribute.writeAttribute());
    }
    byte[] packet = out.toByteArray();
    if (packet.length > RadiusCode.MAX_PACKET_BYTES) {
      throw new IllegalArgumentException("packet of " + packet.length + " bytes is too long");
    }
    packet[2] = (byte) (packet.length >> 8);
    packet[3] = (byte) packet.length;
    return packet;
  }

  /** Fills the first attribute (a zeroed Message-Authenticator) with its HMAC. */
  private static void signMessageAuthenticator(byte[] packet, byte[] secret) {
    byte[] mac = hmacMd5(secret, packet);
    System.arraycopy(mac, 0, packet, RadiusCode.HEADER_BYTES + 2, 16);
  }
}
