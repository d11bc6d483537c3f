package org.smartkampung.radius.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST FIXTURE: a NAS's dynamic-authorization server (RFC 5176) on 127.0.0.1. Records every
 * Disconnect-Request and CoA-Request with whether its authenticators checked out (computed here
 * independently), and answers ACK with a correct response authenticator.
 */
public final class TestNas implements AutoCloseable {

  /** One received request. */
  public record Received(
      int code, byte[] bytes, boolean authenticatorValid, boolean messageAuthenticatorValid) {
    public String attribute(int type) {
      return TestCrypto.stringAttribute(bytes, type);
    }

    /** The number in a standard integer attribute, or -1 when absent. */
    public long number(int type) {
      int at = TestCrypto.attributeOffset(bytes, type);
      return at < 0 ? -1 : TestCrypto.unsigned(Arrays.copyOfRange(bytes, at + 2, at + 6));
    }

    /** The text of a vendor-specific attribute, or null when absent. */
    public String vendorText(int vendorId, int type) {
      byte[] value = TestCrypto.vendorAttribute(bytes, vendorId, type);
      return value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The number in a vendor-specific integer attribute, or -1 when absent. */
    public long vendorNumber(int vendorId, int type) {
      byte[] value = TestCrypto.vendorAttribute(bytes, vendorId, type);
      return value == null ? -1 : TestCrypto.unsigned(value);
    }
  }

  private final DatagramSocket socket;
  private final String secret;
  private final Thread thread;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger ignoreFirst = new AtomicInteger();

  public TestNas(String secret) throws SocketException {
    this.secret = secret;
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::serve, "test-nas");
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public List<Received> received() {
    return received;
  }

  /** Drops the next {@code n} requests without answering, to exercise retransmission. */
  public void ignoreNext(int n) {
    ignoreFirst.set(n);
  }

  private void serve() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(datagram);
      } catch (IOException e) {
        return;
      }
      byte[] request = Arrays.copyOf(datagram.getData(), datagram.getLength());
      byte[] zeros = new byte[16];
      boolean auth = TestCrypto.authenticatorIs(request, zeros, secret);
      boolean ma = TestCrypto.messageAuthenticatorValid(request, zeros, secret);
      received.add(new Received(request[0] & 0xff, request, auth, ma));
      if (ignoreFirst.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        continue;
      }
      int ackCode = (request[0] & 0xff) == 40 ? 41 : 44;
      byte[] reply = new byte[20];
      reply[0] = (byte) ackCode;
      reply[1] = request[1];
      reply[3] = 20;
      byte[] authenticator =
          TestCrypto.md5(
              Arrays.copyOfRange(reply, 0, 4),
              Arrays.copyOfRange(request, 4, 20),
              secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      System.arraycopy(authenticator, 0, reply, 4, 16);
      try {
        socket.send(new DatagramPacket(reply, reply.length, datagram.getSocketAddress()));
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
