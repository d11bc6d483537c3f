package org.smartkampung.gateway.radius;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import org.smartkampung.codec.RadiusAttributes;
import org.tinyradius.attribute.IntegerAttribute;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.packet.AccessRequest;
import org.tinyradius.packet.AccountingRequest;
import org.tinyradius.packet.RadiusPacket;
import org.tinyradius.util.RadiusException;

/**
 * The gateway's RADIUS client: Access-Request (PAP, always with Message-Authenticator) and
 * Accounting-Request to one server, with retransmits. Blocking; call it off the event loops. Each
 * request uses its own ephemeral socket, so replies cannot be mixed up between requests.
 */
public final class RadiusClient {

  /** Who the gateway is in its requests. */
  public record NasIdentity(String nasIdentifier, String nasIpAddress, String calledStationId) {}

  private static final int NAS_PORT_TYPE_WIRELESS = 19;

  private final InetSocketAddress authServer;
  private final InetSocketAddress acctServer;
  private final String secret;
  private final NasIdentity nas;
  private final int timeoutMillis;
  private final int attempts;

  public RadiusClient(
      InetSocketAddress authServer,
      InetSocketAddress acctServer,
      String secret,
      NasIdentity nas,
      int timeoutMillis,
      int attempts) {
    this.authServer = authServer;
    this.acctServer = acctServer;
    this.secret = secret;
    this.nas = nas;
    this.timeoutMillis = timeoutMillis;
    this.attempts = attempts;
  }

  /** The encoded Access-Request (PAP, with Message-Authenticator); package-private for tests. */
  AccessRequest accessRequest(
      String username, String password, String clientIp, String clientMac, String acctSessionId) {
    AccessRequest request = new AccessRequest(username, password);
    request.setAuthProtocol(AccessRequest.AUTH_PAP);
    request.setPacketIdentifier(RadiusPacket.getNextPacketIdentifier());
    identity(request, clientIp, clientMac, acctSessionId);
    request.addAttribute(new IntegerAttribute(6, 1)); // Service-Type = Login-User
    request.addAttribute(new RadiusAttribute(RadiusAttributes.MESSAGE_AUTHENTICATOR, new byte[16]));
    return request;
  }

  static byte[] encode(RadiusPacket request, String secret) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    request.encodeRequestPacket(out, secret);
    byte[] bytes = out.toByteArray();
    if (RadiusAttributes.messageAuthenticatorOffset(bytes) >= 0) {
      RadiusAttributes.signRequest(bytes, secret);
    }
    return bytes;
  }

  /**
   * Asks the server to authenticate a login.
   *
   * @throws IOException when no valid reply came after every attempt
   */
  public AccessReply authenticate(
      String username, String password, String clientIp, String clientMac, String acctSessionId)
      throws IOException {
    AccessRequest request = accessRequest(username, password, clientIp, clientMac, acctSessionId);
    byte[] bytes = encode(request, secret);
    byte[] reply = exchange(bytes, authServer, request);
    int code = reply[0] & 0xff;
    if (code != RadiusPacket.ACCESS_ACCEPT && code != RadiusPacket.ACCESS_REJECT) {
      throw new IOException("unexpected reply code " + code + " to Access-Request");
    }
    verifyReplyMessageAuthenticator(reply, request.getAuthenticator());
    return AccessReply.of(code == RadiusPacket.ACCESS_ACCEPT, RadiusAttributes.parse(reply));
  }

  /** The encoded Accounting-Request; package-private for tests. */
  AccountingRequest accountingRequest(AccountingRecord r) {
    AccountingRequest request = new AccountingRequest(r.username(), r.status().code);
    request.setPacketIdentifier(RadiusPacket.getNextPacketIdentifier());
    identity(request, r.clientIp(), r.clientMac(), r.acctSessionId());
    if (r.classValue().length > 0) {
      request.addAttribute(new RadiusAttribute(25, r.classValue()));
    }
    request.addAttribute(new IntegerAttribute(55, (int) r.eventEpochSeconds())); // Event-Timestamp
    if (r.status() != AccountingRecord.Status.START) {
      request.addAttribute(new IntegerAttribute(46, (int) r.sessionSeconds()));
      request.addAttribute(new IntegerAttribute(42, (int) r.inputBytes())); // low 32 bits
      request.addAttribute(new IntegerAttribute(43, (int) r.outputBytes()));
      request.addAttribute(new IntegerAttribute(52, (int) (r.inputBytes() >>> 32)));
      request.addAttribute(new IntegerAttribute(53, (int) (r.outputBytes() >>> 32)));
    }
    if (r.terminateCause() != null) {
      request.addAttribute(new IntegerAttribute(49, r.terminateCause().code));
    }
    return request;
  }

  /**
   * Sends one accounting record and waits for the Accounting-Response.
   *
   * @throws IOException when the server did not answer after every attempt
   */
  public void account(AccountingRecord record) throws IOException {
    AccountingRequest request = accountingRequest(record);
    byte[] reply = exchange(encode(request, secret), acctServer, request);
    if ((reply[0] & 0xff) != RadiusPacket.ACCOUNTING_RESPONSE) {
      throw new IOException("unexpected reply code " + (reply[0] & 0xff) + " to accounting");
    }
  }

  private void identity(RadiusPacket p, String clientIp, String clientMac, String acctSessionId) {
    p.addAttribute("NAS-Identifier", nas.nasIdentifier());
    if (nas.nasIpAddress() != null) {
      p.addAttribute("NAS-IP-Address", nas.nasIpAddress());
    }
    p.addAttribute(new IntegerAttribute(61, NAS_PORT_TYPE_WIRELESS));
    p.addAttribute("Called-Station-Id", nas.calledStationId());
    if (!clientMac.isEmpty()) {
      p.addAttribute("Calling-Station-Id", clientMac.toUpperCase(Locale.ROOT).replace(':', '-'));
    }
    p.addAttribute("Framed-IP-Address", clientIp);
    p.addAttribute("Acct-Session-Id", acctSessionId);
  }

  private byte[] exchange(byte[] bytes, InetSocketAddress server, RadiusPacket request)
      throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(timeoutMillis);
      byte[] buffer = new byte[RadiusPacket.MAX_PACKET_LENGTH];
      for (int attempt = 1; attempt <= attempts; attempt++) {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
          DatagramPacket in = new DatagramPacket(buffer, buffer.length);
          try {
            socket.receive(in);
          } catch (SocketTimeoutException e) {
            break;
          }
          byte[] reply = Arrays.copyOf(in.getData(), in.getLength());
          if (in.getLength() < RadiusAttributes.HEADER_BYTES
              || (reply[1] & 0xff) != request.getPacketIdentifier()) {
            continue; // not ours: keep waiting
          }
          try {
            RadiusPacket.decodeResponsePacket(new ByteArrayInputStream(reply), secret, request);
            return reply;
          } catch (RadiusException e) {
            // A bad response authenticator is dropped (RFC 2865): keep waiting.
          }
        }
      }
    }
    throw new IOException(
        "no valid reply from RADIUS server " + server + " after " + attempts + " attempts");
  }

  private void verifyReplyMessageAuthenticator(byte[] reply, byte[] requestAuthenticator)
      throws IOException {
    int offset = RadiusAttributes.messageAuthenticatorOffset(reply);
    if (offset < 0) {
      return; // optional in replies; the Response Authenticator was already checked
    }
    byte[] expected =
        RadiusAttributes.messageAuthenticator(reply, requestAuthenticator, offset, secret);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(reply, offset, offset + 16))) {
      throw new IOException("reply has a bad Message-Authenticator");
    }
  }
}
