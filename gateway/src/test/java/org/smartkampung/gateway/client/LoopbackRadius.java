package org.smartkampung.gateway.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.radius.RadiusClient;
import org.tinyradius.attribute.IntegerAttribute;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.attribute.StringAttribute;
import org.tinyradius.attribute.VendorSpecificAttribute;
import org.tinyradius.packet.AccountingRequest;
import org.tinyradius.packet.RadiusPacket;

/**
 * A RADIUS server on loopback for client table tests, built on the tinyradius codec: accepts every
 * Access-Request with the limits below, answers every Accounting-Request and remembers what came
 * in.
 */
final class LoopbackRadius implements AutoCloseable {

  static final String SECRET = "rahasia-uji";

  /** Session-Timeout, Idle-Timeout and rates every Access-Accept carries, as the gateway reads. */
  static final long SESSION_TIMEOUT_SECONDS = 3600;

  static final long IDLE_TIMEOUT_SECONDS = 900;
  static final long DOWN_KBPS = 2000;
  static final long MAX_TOTAL_BYTES = 50_000_000;

  /** One request as received. */
  record Received(int type, String acctSessionId, String statusType) {}

  private final DatagramSocket socket;
  private final Thread responder;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  LoopbackRadius() throws SocketException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    responder = new Thread(this::answer, "radius-responder");
    responder.start();
  }

  RadiusClient client(String nasId) {
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    return new RadiusClient(
        server, server, SECRET, new RadiusClient.NasIdentity(nasId, null, nasId), 1000, 2);
  }

  /** Packet types received, in order. */
  List<Integer> types() {
    return received.stream().map(Received::type).toList();
  }

  /** Acct-Status-Type of each Accounting-Request of one session, in order. */
  List<String> accounting(String acctSessionId) {
    List<String> statuses = new ArrayList<>();
    for (Received r : received) {
      if (r.type() == RadiusPacket.ACCOUNTING_REQUEST && acctSessionId.equals(r.acctSessionId())) {
        statuses.add(r.statusType());
      }
    }
    return statuses;
  }

  private void answer() {
    byte[] buffer = new byte[4096];
    while (true) {
      DatagramPacket in = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(in);
        RadiusPacket request =
            RadiusPacket.decodeRequestPacket(
                new ByteArrayInputStream(Arrays.copyOf(in.getData(), in.getLength())), SECRET);
        String status = null;
        if (request instanceof AccountingRequest acct) {
          status = acct.getAttributeValue("Acct-Status-Type");
        }
        received.add(
            new Received(
                request.getPacketType(), request.getAttributeValue("Acct-Session-Id"), status));
        RadiusPacket reply;
        if (request.getPacketType() == RadiusPacket.ACCESS_REQUEST) {
          reply = new RadiusPacket(RadiusPacket.ACCESS_ACCEPT, request.getPacketIdentifier());
          reply.addAttribute(new IntegerAttribute(27, (int) SESSION_TIMEOUT_SECONDS));
          reply.addAttribute(new IntegerAttribute(28, (int) IDLE_TIMEOUT_SECONDS));
          reply.addAttribute(new StringAttribute(25, "kelas-uji"));
          reply.addAttribute(vendor(AccessReply.WISPR, 8, (int) DOWN_KBPS * 1000));
          reply.addAttribute(vendor(AccessReply.CHILLISPOT, 3, (int) MAX_TOTAL_BYTES));
        } else {
          reply = new RadiusPacket(RadiusPacket.ACCOUNTING_RESPONSE, request.getPacketIdentifier());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reply.encodeResponsePacket(out, SECRET, request);
        socket.send(new DatagramPacket(out.toByteArray(), out.size(), in.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (Exception e) {
        // a packet we cannot read: ignore, as a server would
      }
    }
  }

  private static RadiusAttribute vendor(int vendorId, int type, int value) {
    VendorSpecificAttribute vsa = new VendorSpecificAttribute(vendorId);
    IntegerAttribute sub = new IntegerAttribute(type, value);
    sub.setVendorId(vendorId);
    vsa.addSubAttribute(sub);
    return vsa;
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    responder.join(2000);
  }
}
