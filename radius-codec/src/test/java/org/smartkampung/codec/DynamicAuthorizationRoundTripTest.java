package org.smartkampung.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.dictionary.Dictionary;

/**
 * The RADIUS server's CoA/Disconnect client and the gateway's DAC listener speak through the same
 * codec: what one side signs, the other accepts, and a wrong secret or a flipped byte is refused.
 */
class DynamicAuthorizationRoundTripTest {

  private static final byte[] SECRET = "rahasia-dac".getBytes(StandardCharsets.UTF_8);
  private final Dictionary dictionary = RadiusDictionary.load();
  private final Attributes attributes = new Attributes(dictionary);

  private byte[] coaRequest() {
    List<RadiusAttribute> body =
        List.of(
            attributes.text("User-Name", "warga1"),
            attributes.text("Acct-Session-Id", "s-42"),
            attributes.unsigned("Session-Timeout", 3600),
            attributes.unsigned("ChilliSpot-Max-Total-Octets", 200_000_000L));
    return PacketCodec.encodeRequest(RadiusCode.COA_REQUEST, 7, body, SECRET, true);
  }

  @Test
  void aCoaRequestFromTheServerVerifiesAtTheGatewayWithTheRightSecretOnly() {
    byte[] request = coaRequest();

    assertThat(RadiusAttributes.verifyDynamicRequest(request, "rahasia-dac")).isTrue();
    assertThat(RadiusAttributes.verifyDynamicRequest(request, "salah")).isFalse();
    byte[] tampered = request.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThat(RadiusAttributes.verifyDynamicRequest(tampered, "rahasia-dac")).isFalse();
  }

  @Test
  void theGatewayReadsVendorAttributesTheServerWrote() {
    List<RadiusAttributes.Attribute> read = RadiusAttributes.parse(coaRequest());

    int vendor = dictionary.getAttributeTypeByName("ChilliSpot-Max-Total-Octets").getVendorId();
    assertThat(read)
        .anySatisfy(
            a -> {
              assertThat(a.vendorId()).isEqualTo(vendor);
              assertThat(a.unsigned()).isEqualTo(200_000_000L);
            });
    assertThat(read)
        .anySatisfy(
            a -> {
              assertThat(a.type()).isEqualTo(RadiusCode.ATTR_USER_NAME);
              assertThat(new String(a.value(), StandardCharsets.UTF_8)).isEqualTo("warga1");
            });
  }

  @Test
  void theGatewaysNakPassesTheServersResponseChecks() {
    byte[] request = coaRequest();
    byte[] requestAuthenticator = Arrays.copyOfRange(request, 4, 20);
    byte[] errorCause = {(byte) RadiusCode.ATTR_ERROR_CAUSE, 6, 0, 0, 0x01, (byte) 0xf7}; // 503

    byte[] nak =
        RadiusAttributes.reply(
            RadiusCode.COA_NAK, request[1] & 0xff, requestAuthenticator, errorCause, "rahasia-dac");

    assertThat(PacketCodec.checkLayout(nak, nak.length)).isEqualTo(nak.length);
    assertThat(PacketCodec.hasValidResponseAuthenticator(nak, requestAuthenticator, SECRET))
        .isTrue();
    int ma = PacketCodec.findAttribute(nak, RadiusCode.ATTR_MESSAGE_AUTHENTICATOR);
    assertThat(PacketCodec.hasValidMessageAuthenticator(nak, ma, requestAuthenticator, SECRET))
        .isTrue();
    assertThat(
            PacketCodec.hasValidResponseAuthenticator(
                nak, requestAuthenticator, "salah".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
  }
}
