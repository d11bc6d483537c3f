package org.smartkampung.app.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.codec.RadiusDictionary;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.packet.RadiusPacket;

/**
 * TEST FIXTURE: the RADIUS client side of a simulated hotspot. Sends from its own loopback address
 * (the RADIUS server tells hotspots apart by source address), checks every reply's authenticator
 * and records what was asked and answered.
 */
final class NasRadiusClient implements AutoCloseable {

  /** One Access-Request and its answer. */
  record Exchange(String userName, int replyCode, String replyMessage, String sessionClass) {
    boolean accepted() {
      return replyCode == RadiusCode.ACCESS_ACCEPT;
    }
  }

  private final DatagramSocket socket;
  private final byte[] secret;
  private final int authPort;
  private final int acctPort;
  private final AtomicInteger identifier = new AtomicInteger();
  final Attributes attributes = new Attributes(RadiusDictionary.load());

  /** Every Access-Request this hotspot sent, in order. */
  final List<Exchange> accessRequests = new CopyOnWriteArrayList<>();

  /** The Acct-Status-Type of every Accounting-Request answered, in order. */
  final List<Integer> accountingAnswered = new CopyOnWriteArrayList<>();

  NasRadiusClient(String sourceAddress, String secret, int authPort, int acctPort)
      throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(sourceAddress, 0));
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.authPort = authPort;
    this.acctPort = acctPort;
  }

  /** Sends an Access-Request with a Message-Authenticator first, as current firmware does. */
  synchronized Exchange accessRequest(String userName, List<RadiusAttribute> rest)
      throws IOException {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(attributes.text("User-Name", userName));
    attrs.addAll(rest);
    byte[] request =
        PacketCodec.encodeRequest(
            RadiusCode.ACCESS_REQUEST, nextId(), attrs, secret, /* messageAuthenticator= */ true);
    RadiusPacket reply = exchange(request, authPort);
    Exchange exchange =
        new Exchange(
            userName,
            reply.getPacketType(),
            Attributes.string(reply, RadiusCode.ATTR_REPLY_MESSAGE),
            Attributes.string(reply, RadiusCode.ATTR_CLASS));
    accessRequests.add(exchange);
    return exchange;
  }

  /** Sends an Accounting-Request and waits for its Accounting-Response. */
  synchronized void accountingRequest(int statusType, List<RadiusAttribute> rest)
      throws IOException {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(attributes.unsigned("Acct-Status-Type", statusType));
    attrs.addAll(rest);
    byte[] request =
        PacketCodec.encodeRequest(RadiusCode.ACCOUNTING_REQUEST, nextId(), attrs, secret, false);
    RadiusPacket reply = exchange(request, acctPort);
    if (reply.getPacketType() != RadiusCode.ACCOUNTING_RESPONSE) {
      throw new IOException("accounting answered with code " + reply.getPacketType());
    }
    accountingAnswered.add(statusType);
  }

  boolean anyAccepted() {
    return accessRequests.stream().anyMatch(Exchange::accepted);
  }

  private int nextId() {
    return identifier.getAndIncrement() & 0xff;
  }

  /** One try with a generous wait: on loopback a lost datagram is a bug worth seeing. */
  private RadiusPacket exchange(byte[] request, int port) throws IOException {
    socket.send(
        new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
    socket.setSoTimeout(10_000);
    byte[] buffer = new byte[4096];
    DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(datagram);
    } catch (SocketTimeoutException e) {
      throw new IOException("no RADIUS answer on port " + port, e);
    }
    byte[] reply = Arrays.copyOf(buffer, datagram.getLength());
    byte[] requestAuthenticator = Arrays.copyOfRange(request, 4, 20);
    if (reply[1] != request[1]
        || !PacketCodec.hasValidResponseAuthenticator(reply, requestAuthenticator, secret)) {
      throw new IOException("RADIUS reply does not match its request");
    }
    try {
      return PacketCodec.decode(attributes.dictionary(), reply);
    } catch (Exception e) {
      throw new IOException("undecodable RADIUS reply", e);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
