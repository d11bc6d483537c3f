package org.smartkampung.gateway.radius;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusAttributes;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.codec.RadiusDictionary;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * The gateway's RADIUS client: Access-Request (PAP, always with Message-Authenticator) and
 * Accounting-Request to one server, encoded by the shared codec ({@link PacketCodec}) and carried
 * by a {@link RadiusTransport} (UDP with retransmits, or RadSec). Blocking; call it off the event
 * loops.
 */
public final class RadiusClient implements AutoCloseable {

  /** Who the gateway is in its requests. */
  public record NasIdentity(String nasIdentifier, String nasIpAddress, String calledStationId) {}

  private static final int NAS_PORT_TYPE_WIRELESS = 19;
  private static final int SERVICE_TYPE_LOGIN_USER = 1;
  private static final Attributes ATTRIBUTES = new Attributes(RadiusDictionary.load());

  private final RadiusTransport transport;
  private final NasIdentity nas;

  /** A client over UDP, retransmitting after {@code timeoutMillis} up to {@code attempts}. */
  public RadiusClient(
      InetSocketAddress authServer,
      InetSocketAddress acctServer,
      String secret,
      NasIdentity nas,
      int timeoutMillis,
      int attempts) {
    this(new UdpTransport(authServer, acctServer, secret, timeoutMillis, attempts), nas);
  }

  public RadiusClient(RadiusTransport transport, NasIdentity nas) {
    this.transport = transport;
    this.nas = nas;
  }

  private byte[] secretBytes() {
    return transport.secret().getBytes(StandardCharsets.UTF_8);
  }

  /** The encoded Access-Request (PAP, Message-Authenticator first); package-private for tests. */
  byte[] accessRequest(
      int identifier,
      String username,
      String password,
      String clientIp,
      String clientMac,
      String acctSessionId) {
    byte[] authenticator = PacketCodec.newRequestAuthenticator();
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(ATTRIBUTES.text("User-Name", username));
    attrs.add(
        ATTRIBUTES.octets(
            "User-Password",
            PacketCodec.encryptPapPassword(password, authenticator, secretBytes())));
    identity(attrs, clientIp, clientMac, acctSessionId);
    attrs.add(ATTRIBUTES.unsigned("Service-Type", SERVICE_TYPE_LOGIN_USER));
    return PacketCodec.encodeRequest(
        RadiusCode.ACCESS_REQUEST, identifier, authenticator, attrs, secretBytes(), true);
  }

  /**
   * Asks the server to authenticate a login.
   *
   * @throws IOException when no valid reply came in time
   */
  public AccessReply authenticate(
      String username, String password, String clientIp, String clientMac, String acctSessionId)
      throws IOException {
    byte[][] sent = new byte[1][];
    byte[] reply =
        transport.exchange(
            id ->
                sent[0] = accessRequest(id, username, password, clientIp, clientMac, acctSessionId),
            RadiusTransport.Service.AUTH);
    int code = reply[0] & 0xff;
    if (code != RadiusCode.ACCESS_ACCEPT && code != RadiusCode.ACCESS_REJECT) {
      throw new IOException("unexpected reply code " + code + " to Access-Request");
    }
    verifyReplyMessageAuthenticator(reply, Arrays.copyOfRange(sent[0], 4, 20));
    return AccessReply.of(code == RadiusCode.ACCESS_ACCEPT, RadiusAttributes.parse(reply));
  }

  /** The encoded Accounting-Request; package-private for tests. */
  byte[] accountingRequest(int identifier, AccountingRecord r) {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(ATTRIBUTES.text("User-Name", r.username()));
    attrs.add(ATTRIBUTES.unsigned("Acct-Status-Type", r.status().code));
    identity(attrs, r.clientIp(), r.clientMac(), r.acctSessionId());
    if (r.classValue().length > 0) {
      attrs.add(ATTRIBUTES.octets("Class", r.classValue()));
    }
    attrs.add(ATTRIBUTES.unsigned("Event-Timestamp", r.eventEpochSeconds() & 0xffffffffL));
    if (r.status() != AccountingRecord.Status.START) {
      attrs.add(ATTRIBUTES.unsigned("Acct-Session-Time", r.sessionSeconds() & 0xffffffffL));
      attrs.add(ATTRIBUTES.unsigned("Acct-Input-Octets", r.inputBytes() & 0xffffffffL));
      attrs.add(ATTRIBUTES.unsigned("Acct-Output-Octets", r.outputBytes() & 0xffffffffL));
      attrs.add(ATTRIBUTES.unsigned("Acct-Input-Gigawords", r.inputBytes() >>> 32));
      attrs.add(ATTRIBUTES.unsigned("Acct-Output-Gigawords", r.outputBytes() >>> 32));
    }
    if (r.terminateCause() != null) {
      attrs.add(ATTRIBUTES.unsigned("Acct-Terminate-Cause", r.terminateCause().code));
    }
    return PacketCodec.encodeRequest(
        RadiusCode.ACCOUNTING_REQUEST, identifier, attrs, secretBytes(), false);
  }

  /**
   * Sends one accounting record and waits for the Accounting-Response.
   *
   * @throws IOException when the server did not answer in time
   */
  public void account(AccountingRecord record) throws IOException {
    byte[] reply =
        transport.exchange(id -> accountingRequest(id, record), RadiusTransport.Service.ACCT);
    if ((reply[0] & 0xff) != RadiusCode.ACCOUNTING_RESPONSE) {
      throw new IOException("unexpected reply code " + (reply[0] & 0xff) + " to accounting");
    }
  }

  private void identity(
      List<RadiusAttribute> attrs, String clientIp, String clientMac, String acctSessionId) {
    attrs.add(ATTRIBUTES.text("NAS-Identifier", nas.nasIdentifier()));
    if (nas.nasIpAddress() != null) {
      attrs.add(ATTRIBUTES.octets("NAS-IP-Address", ipv4(nas.nasIpAddress())));
    }
    attrs.add(ATTRIBUTES.unsigned("NAS-Port-Type", NAS_PORT_TYPE_WIRELESS));
    attrs.add(ATTRIBUTES.text("Called-Station-Id", nas.calledStationId()));
    if (!clientMac.isEmpty()) {
      attrs.add(
          ATTRIBUTES.text(
              "Calling-Station-Id", clientMac.toUpperCase(Locale.ROOT).replace(':', '-')));
    }
    attrs.add(ATTRIBUTES.octets("Framed-IP-Address", ipv4(clientIp)));
    attrs.add(ATTRIBUTES.text("Acct-Session-Id", acctSessionId));
  }

  private static byte[] ipv4(String address) {
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (bytes.length != 4) {
        throw new IllegalArgumentException("not an IPv4 address: " + address);
      }
      return bytes;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv4 address: " + address, e);
    }
  }

  private void verifyReplyMessageAuthenticator(byte[] reply, byte[] requestAuthenticator)
      throws IOException {
    int offset = RadiusAttributes.messageAuthenticatorOffset(reply);
    if (offset < 0) {
      return; // optional in replies; the Response Authenticator was already checked
    }
    byte[] expected =
        RadiusAttributes.messageAuthenticator(
            reply, requestAuthenticator, offset, transport.secret());
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(reply, offset, offset + 16))) {
      throw new IOException("reply has a bad Message-Authenticator");
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}
