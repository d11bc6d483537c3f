package org.smartkampung.radius.server;

import java.net.InetSocketAddress;
import org.smartkampung.core.nas.NasClient;
import org.tinyradius.packet.RadiusPacket;

/**
 * A request as it flows through the pipeline: its exact bytes (without padding), decoded
 * attributes, and, once {@link ClientGuard} has matched it, the NAS that sent it.
 *
 * @param port the socket it arrived on
 * @param sender the NAS's source address and port, where the reply goes
 * @param bytes the packet as received, truncated to its length field
 * @param packet the decoded packet (attributes not yet decrypted)
 * @param nas the matched client; null before the guard
 * @param receivedNanos {@link System#nanoTime()} at decode, for the latency histogram
 * @param transport UDP or RadSec (the connection's remote address is then the sender)
 */
public record InboundRequest(
    PortKind port,
    InetSocketAddress sender,
    byte[] bytes,
    RadiusPacket packet,
    NasClient nas,
    long receivedNanos,
    Transport transport) {

  /** A request that came by UDP. */
  public InboundRequest(
      PortKind port,
      InetSocketAddress sender,
      byte[] bytes,
      RadiusPacket packet,
      NasClient nas,
      long receivedNanos) {
    this(port, sender, bytes, packet, nas, receivedNanos, Transport.UDP);
  }

  public int code() {
    return bytes[0] & 0xff;
  }

  public int identifier() {
    return bytes[1] & 0xff;
  }

  /** A copy of the 16-byte request authenticator. */
  public byte[] authenticator() {
    return java.util.Arrays.copyOfRange(bytes, 4, 20);
  }

  public InboundRequest withNas(NasClient client) {
    return new InboundRequest(port, sender, bytes, packet, client, receivedNanos, transport);
  }

  /** The NAS's name for metrics, "unknown" before the guard. */
  public String nasName() {
    return nas == null ? "unknown" : nas.name();
  }
}
