package org.smartkampung.gateway.radius;

import java.io.IOException;
import java.util.function.IntFunction;

/**
 * How the gateway's requests reach the RADIUS server: UDP with retransmits ({@link UdpTransport})
 * or one RadSec connection (RFC 6614). Thread-safe; {@link #exchange} blocks, so call it off the
 * event loops.
 */
public interface RadiusTransport extends AutoCloseable {

  /** Which of the server's services a request is for. */
  enum Service {
    AUTH,
    ACCT
  }

  /** The shared secret requests are signed with ({@code radsec} over TLS). */
  String secret();

  /**
   * Sends one request and waits for its reply.
   *
   * @param encoder the encoded request for an identifier the transport chooses (0 to 255)
   * @return a reply with the request's identifier and a valid Response Authenticator
   * @throws IOException when no such reply came in time
   */
  byte[] exchange(IntFunction<byte[]> encoder, Service service) throws IOException;

  @Override
  void close();
}
