package org.smartkampung.app.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.codec.RadiusDictionary;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.attribute.VendorSpecificAttribute;
import org.tinyradius.packet.RadiusPacket;

/**
 * TEST FIXTURE: a hotspot's dynamic-authorization server (RFC 5176) on 127.0.0.1: records every
 * request it gets with whether its request authenticator checks out against the NAS secret, and
 * answers Disconnect-ACK (or CoA-ACK) with a correct response authenticator.
 */
final class TestNasDynamicAuth implements AutoCloseable {

  /**
   * One received request, decoded.
   *
   * @param mikrotikRateLimit the Mikrotik-Rate-Limit a CoA-Request carries; null when absent
   * @param sessionTimeoutSeconds the Session-Timeout; -1 when absent
   * @param messageAuthenticatorValid whether a Message-Authenticator is present and right
   */
  record Received(
      int code,
      String userName,
      String acctSessionId,
      String callingStationId,
      boolean authenticatorValid,
      String mikrotikRateLimit,
      long sessionTimeoutSeconds,
      boolean messageAuthenticatorValid) {}

  private static final int MIKROTIK_VENDOR = 14988;
  private static final int MIKROTIK_RATE_LIMIT = 8;
  private static final int SESSION_TIMEOUT = 27;

  private final DatagramSocket socket;
  private final byte[] secret;
  private final Attributes attributes = new Attributes(RadiusDictionary.load());
  private final Thread thread;

  /** Every request received, in order. */
  final List<Received> received = new CopyOnWriteArrayList<>();

  /** What went wrong while serving; tests assert it stays empty. */
  final List<Exception> failures = new CopyOnWriteArrayList<>();

  TestNasDynamicAuth(String secret) throws IOException {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.thread = new Thread(this::serve, "test-nas-dynamic-auth");
    thread.setDaemon(true);
    thread.start();
  }

  /** The UDP port to configure as the NAS client's coa-port. */
  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(datagram);
      } catch (IOException e) {
        return; // closed
      }
      try {
        byte[] request = Arrays.copyOf(datagram.getData(), datagram.getLength());
        RadiusPacket packet = PacketCodec.decode(attributes.dictionary(), request);
        int code = request[0] & 0xff;
        received.add(
            new Received(
                code,
                Attributes.string(packet, RadiusCode.ATTR_USER_NAME),
                Attributes.string(packet, RadiusCode.ATTR_ACCT_SESSION_ID),
                Attributes.string(packet, RadiusCode.ATTR_CALLING_STATION_ID),
                PacketCodec.hasValidHashedRequestAuthenticator(request, secret),
                vendorText(packet, MIKROTIK_VENDOR, MIKROTIK_RATE_LIMIT),
                Attributes.unsignedOr(packet, SESSION_TIMEOUT, -1),
                messageAuthenticatorValid(request)));
        int ack = code == RadiusCode.DISCONNECT_REQUEST ? RadiusCode.DISCONNECT_ACK : 44;
        byte[] reply =
            PacketCodec.encodeResponse(
                ack,
                request[1] & 0xff,
                Arrays.copyOfRange(request, 4, 20),
                List.of(),
                secret,
                false);
        socket.send(new DatagramPacket(reply, reply.length, datagram.getSocketAddress()));
      } catch (Exception e) {
        failures.add(e);
      }
    }
  }

  private static String vendorText(RadiusPacket packet, int vendor, int type) {
    for (Object a : packet.getAttributes()) {
      if (a instanceof VendorSpecificAttribute v && v.getChildVendorId() == vendor) {
        RadiusAttribute sub = v.getSubAttribute(type);
        if (sub != null) {
          return new String(sub.getAttributeData(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  /** Dynamic-authorization requests sign the Message-Authenticator over a zeroed authenticator. */
  private boolean messageAuthenticatorValid(byte[] request) {
    int offset = PacketCodec.findAttribute(request, RadiusCode.ATTR_MESSAGE_AUTHENTICATOR);
    return offset >= 0
        && PacketCodec.hasValidMessageAuthenticator(request, offset, new byte[16], secret);
  }

  @Override
  public void close() {
    socket.close();
  }
}
