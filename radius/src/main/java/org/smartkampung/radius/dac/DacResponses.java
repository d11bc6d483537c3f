package org.smartkampung.radius.dac;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;

/** Checks on a NAS's answer to a Disconnect or CoA request. */
final class DacResponses {

  private DacResponses() {}

  /**
   * Whether {@code response} is a well-formed ACK or NAK of the right kind for {@code request},
   * with a right response authenticator and, when present, a right Message-Authenticator.
   */
  static boolean answers(DacResult.Kind kind, byte[] request, String secret, byte[] response) {
    int code = response[0] & 0xff;
    boolean expected =
        kind == DacResult.Kind.DISCONNECT
            ? code == RadiusCode.DISCONNECT_ACK || code == RadiusCode.DISCONNECT_NAK
            : code == RadiusCode.COA_ACK || code == RadiusCode.COA_NAK;
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    byte[] requestAuthenticator = Arrays.copyOfRange(request, 4, 20);
    if (!expected
        || !PacketCodec.hasValidResponseAuthenticator(response, requestAuthenticator, key)) {
      return false;
    }
    int offset = PacketCodec.findAttribute(response, RadiusCode.ATTR_MESSAGE_AUTHENTICATOR);
    return offset < 0
        || PacketCodec.hasValidMessageAuthenticator(response, offset, requestAuthenticator, key);
  }

  /** The Error-Cause of a NAK (RFC 5176 3.5), 0 when absent. */
  static long errorCause(byte[] response) {
    int offset = PacketCodec.findAttribute(response, RadiusCode.ATTR_ERROR_CAUSE);
    if (offset < 0 || (response[offset + 1] & 0xff) != 6) {
      return 0;
    }
    return ((response[offset + 2] & 0xffL) << 24)
        | ((response[offset + 3] & 0xffL) << 16)
        | ((response[offset + 4] & 0xffL) << 8)
        | (response[offset + 5] & 0xffL);
  }
}
