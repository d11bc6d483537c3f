package org.smartkampung.gateway.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.smartkampung.codec.RadiusAttributes;
import org.smartkampung.gateway.radius.AccountingRecord.Status;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;
import org.tinyradius.packet.AccessRequest;
import org.tinyradius.packet.AccountingRequest;
import org.tinyradius.packet.RadiusPacket;

class RadiusPacketsTest {

  private static final String SECRET = "rahasia-radius";
  private final RadiusClient client =
      new RadiusClient(
          new InetSocketAddress("127.0.0.1", 1812),
          new InetSocketAddress("127.0.0.1", 1813),
          SECRET,
          new RadiusClient.NasIdentity("kemiren-gw", "10.5.50.1", "kemiren-gw"),
          1000,
          1);

  @Test
  void accessRequestIsPapWithAValidMessageAuthenticator() throws Exception {
    byte[] bytes =
        client.accessRequest(7, "tok-123", "rahasia-token", "10.5.50.9", "aa:bb:cc:dd:ee:ff", "s1");
    assertThat(bytes[1]).isEqualTo((byte) 7);
    assertThat(offsetOf(bytes, 80))
        .as("Message-Authenticator first (BlastRADIUS)")
        .isEqualTo(RadiusAttributes.HEADER_BYTES + 2);

    int offset = RadiusAttributes.messageAuthenticatorOffset(bytes);
    assertThat(offset).isPositive();
    byte[] expected =
        RadiusAttributes.messageAuthenticator(
            bytes, Arrays.copyOfRange(bytes, 4, 20), offset, SECRET);
    assertThat(Arrays.copyOfRange(bytes, offset, offset + 16)).isEqualTo(expected);

    AccessRequest decoded =
        (AccessRequest) RadiusPacket.decodeRequestPacket(new ByteArrayInputStream(bytes), SECRET);
    assertThat(decoded.getUserName()).isEqualTo("tok-123");
    assertThat(decoded.getUserPassword()).isEqualTo("rahasia-token");
    assertThat(decoded.getAttributeValue("NAS-Identifier")).isEqualTo("kemiren-gw");
    assertThat(decoded.getAttributeValue("NAS-IP-Address")).isEqualTo("10.5.50.1");
    assertThat(decoded.getAttributeValue("Framed-IP-Address")).isEqualTo("10.5.50.9");
    assertThat(decoded.getAttributeValue("Calling-Station-Id")).isEqualTo("AA-BB-CC-DD-EE-FF");
    assertThat(decoded.getAttributeValue("Acct-Session-Id")).isEqualTo("s1");
  }

  @Test
  void tamperedAccessRequestFailsTheMessageAuthenticator() throws Exception {
    byte[] bytes = client.accessRequest(1, "tok", "pw", "10.5.50.9", "", "s1");
    bytes[bytes.length - 1] ^= 1;
    int offset = RadiusAttributes.messageAuthenticatorOffset(bytes);
    byte[] expected =
        RadiusAttributes.messageAuthenticator(
            bytes, Arrays.copyOfRange(bytes, 4, 20), offset, SECRET);
    assertThat(Arrays.copyOfRange(bytes, offset, offset + 16)).isNotEqualTo(expected);
  }

  @Test
  void stopCarriesOctetsWithGigawordsAndTheTerminateCause() throws Exception {
    long fiveGb = 5_000_000_000L;
    AccountingRecord record =
        new AccountingRecord(
            Status.STOP,
            "tok",
            "s1",
            "10.5.50.9",
            "",
            "kls".getBytes(StandardCharsets.UTF_8),
            125,
            1234,
            fiveGb,
            TerminateCause.IDLE_TIMEOUT,
            1_772_366_400L);
    byte[] bytes = client.accountingRequest(9, record);
    // Decoding checks the Request Authenticator of an Accounting-Request.
    AccountingRequest decoded =
        (AccountingRequest)
            RadiusPacket.decodeRequestPacket(new ByteArrayInputStream(bytes), SECRET);
    assertThat(decoded.getAcctStatusType()).isEqualTo(AccountingRequest.ACCT_STATUS_TYPE_STOP);
    var attrs = RadiusAttributes.parse(bytes);
    assertThat(value(attrs, 43)).isEqualTo(fiveGb & 0xffffffffL);
    assertThat(value(attrs, 53)).isEqualTo(1);
    assertThat(value(attrs, 42)).isEqualTo(1234);
    assertThat(value(attrs, 52)).isZero();
    assertThat(value(attrs, 46)).isEqualTo(125);
    assertThat(value(attrs, 49)).isEqualTo(4);
    assertThat(attrs.stream().filter(a -> a.type() == 25).findFirst().orElseThrow().value())
        .isEqualTo("kls".getBytes(StandardCharsets.UTF_8));
  }

  private static int offsetOf(byte[] packet, int type) {
    return RadiusAttributes.parse(packet).stream()
        .filter(a -> a.vendorId() == 0 && a.type() == type)
        .findFirst()
        .orElseThrow()
        .offset();
  }

  private static long value(java.util.List<RadiusAttributes.Attribute> attrs, int type) {
    return attrs.stream()
        .filter(a -> a.vendorId() == 0 && a.type() == type)
        .findFirst()
        .orElseThrow()
        .unsigned();
  }

  @Test
  void acceptLimitsAreReadFromStandardWisprAndChilliSpotAttributes() {
    String hex =
        "02010000"
            + "00".repeat(16)
            + "1b06"
            + "00000e10" // Session-Timeout 3600
            + "1c06"
            + "00000258" // Idle-Timeout 600
            + "5506"
            + "0000012c" // Acct-Interim-Interval 300
            + "1909"
            + HexFormat.of().formatHex("kls-abc".getBytes(StandardCharsets.UTF_8))
            + "1a0c"
            + "0000372a"
            + "0806"
            + "003d0900" // WISPr-Bandwidth-Max-Down 4,000,000
            + "1a0c"
            + "0000372a"
            + "0706"
            + "000f4240" // WISPr-Bandwidth-Max-Up 1,000,000
            + "1a0c"
            + "000038df"
            + "0306"
            + "3b9aca00" // ChilliSpot-Max-Total-Octets 10^9
            + "1a0c"
            + "000038df"
            + "1706"
            + "00000001"; // ChilliSpot-Max-Total-Gigawords 1
    byte[] packet = HexFormat.of().parseHex(hex);
    packet[3] = (byte) packet.length;
    AccessReply reply = AccessReply.of(true, RadiusAttributes.parse(packet));
    assertThat(reply.sessionTimeoutSeconds()).isEqualTo(3600);
    assertThat(reply.idleTimeoutSeconds()).isEqualTo(600);
    assertThat(reply.interimIntervalSeconds()).isEqualTo(300);
    assertThat(reply.downKbps()).isEqualTo(4000);
    assertThat(reply.upKbps()).isEqualTo(1000);
    assertThat(reply.maxTotalBytes()).isEqualTo((1L << 32) + 1_000_000_000L);
    assertThat(new String(reply.classValue(), StandardCharsets.UTF_8)).isEqualTo("kls-abc");
  }

  @Test
  void coaLimitsReplaceOnlyWhatTheyCarry() {
    AccessReply old =
        new AccessReply(true, "", 3600, 600, 300, 4000, 1000, 0, 0, 0, new byte[] {1});
    AccessReply coa = new AccessReply(true, "", 0, 0, 0, 2000, 0, 0, 0, 0, new byte[0]);
    AccessReply merged = coa.over(old);
    assertThat(merged.downKbps()).isEqualTo(2000);
    assertThat(merged.upKbps()).isEqualTo(1000);
    assertThat(merged.sessionTimeoutSeconds()).isEqualTo(3600);
    assertThat(merged.classValue()).containsExactly(1);
  }
}
