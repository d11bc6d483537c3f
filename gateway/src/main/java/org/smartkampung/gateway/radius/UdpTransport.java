package org.smartkampung.gateway.radius;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;

/**
 * RADIUS over UDP: each request on its own ephemeral socket (so replies cannot be mixed up between
 * requests), retransmitted after {@code timeoutMillis} up to {@code attempts} times.
 */
public final class UdpTransport implements RadiusTransport {

  private final InetSocketAddress authServer;
  private final InetSocketAddress acctServer;
  private final String secret;
  private final int timeoutMillis;
  private final int attempts;

  public UdpTransport(
      InetSocketAddress authServer,
      InetSocketAddress acctServer,
      String secret,
      int timeoutMillis,
      int attempts) {
    this.authServer = authServer;
    this.acctServer = acctServer;
    this.secret = secret;
    this.timeoutMillis = timeoutMillis;
    this.attempts = attempts;
  }

  @Override
  public String secret() {
    return secret;
  }

  @Override
  public byte[] exchange(IntFunction<byte[]> encoder, Service service) throws IOException {
    InetSocketAddress server = service == Service.AUTH ? authServer : acctServer;
    byte[] request = encoder.apply(ThreadLocalRandom.current().nextInt(256));
    byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(timeoutMillis);
      byte[] buffer = new byte[RadiusCode.MAX_PACKET_BYTES];
      for (int attempt = 1; attempt <= attempts; attempt++) {
        socket.send(new DatagramPacket(request, request.length, server));
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
          DatagramPacket in = new DatagramPacket(buffer, buffer.length);
          try {
            socket.receive(in);
          } catch (SocketTimeoutException e) {
            break;
          }
          byte[] reply = Replies.validReply(in.getData(), in.getLength(), request, secretBytes);
          if (reply != null) {
            return reply;
          }
          // Not ours, or a bad Response Authenticator (dropped, RFC 2865): keep waiting.
        }
      }
    }
    throw new IOException(
        "no valid reply from RADIUS server " + server + " after " + attempts + " attempts");
  }

  @Override
  public void close() {}

  /** Checks replies against their request; shared by both transports. */
  public static final class Replies {
    private Replies() {}

    /**
     * The reply in {@code bytes[0..length)} when it answers {@code request} (same identifier,
     * well-formed, valid Response Authenticator), else null.
     */
    public static byte[] validReply(byte[] bytes, int length, byte[] request, byte[] secret) {
      int packetLength = PacketCodec.checkLayout(bytes, length);
      if (packetLength < 0 || bytes[1] != request[1]) {
        return null;
      }
      byte[] reply = Arrays.copyOf(bytes, packetLength);
      byte[] requestAuthenticator = Arrays.copyOfRange(request, 4, 20);
      return PacketCodec.hasValidResponseAuthenticator(reply, requestAuthenticator, secret)
          ? reply
          : null;
    }
  }
}
