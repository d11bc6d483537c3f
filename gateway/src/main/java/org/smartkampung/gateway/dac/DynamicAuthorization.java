package org.smartkampung.gateway.dac;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.codec.RadiusAttributes;
import org.smartkampung.codec.RadiusAttributes.Attribute;
import org.smartkampung.gateway.client.ClientSession;
import org.smartkampung.gateway.client.ClientTable;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;

/**
 * What the gateway does with a Disconnect-Request or CoA-Request (RFC 5176), whichever transport
 * brought it (UDP 3799, or the RadSec connection to the server). {@link #check} says why a packet
 * must be dropped; {@link #answer} acts on a checked one and returns the ACK or NAK. A session is
 * named by any of User-Name, Framed-IP-Address, Acct-Session-Id, Calling-Station-Id (all given must
 * match). Disconnect ends it (Acct-Terminate-Cause Admin-Reset); CoA applies the limits it carries.
 * Answers ACK, or NAK with Error-Cause 503 (Session-Context-Not-Found) or 402 (Missing-Attribute).
 */
public final class DynamicAuthorization {

  private static final Logger log = LoggerFactory.getLogger(DynamicAuthorization.class);
  static final int DISCONNECT_REQUEST = 40;
  static final int DISCONNECT_ACK = 41;
  static final int DISCONNECT_NAK = 42;
  static final int COA_REQUEST = 43;
  static final int COA_ACK = 44;
  static final int COA_NAK = 45;
  private static final int ERROR_CAUSE = 101;

  private final String secret;
  private final ClientTable clients;
  private final MeterRegistry metrics;

  /**
   * @param secret the shared secret requests are signed with ({@code radsec} over TLS)
   */
  public DynamicAuthorization(String secret, ClientTable clients, MeterRegistry metrics) {
    this.secret = secret;
    this.clients = clients;
    this.metrics = metrics;
  }

  /** Whether {@code code} is a Disconnect-Request or CoA-Request. */
  public static boolean isRequest(int code) {
    return code == DISCONNECT_REQUEST || code == COA_REQUEST;
  }

  /**
   * Why {@code packet} must be dropped ({@code malformed}, {@code unexpected-code}, {@code
   * bad-authenticator}), or empty when it may be answered.
   */
  public Optional<String> check(byte[] packet) {
    if (packet.length < RadiusAttributes.HEADER_BYTES
        || RadiusAttributes.packetLength(packet) > packet.length) {
      return Optional.of("malformed");
    }
    if (!isRequest(packet[0] & 0xff)) {
      return Optional.of("unexpected-code");
    }
    if (!RadiusAttributes.verifyDynamicRequest(packet, secret)) {
      return Optional.of("bad-authenticator");
    }
    return Optional.empty();
  }

  /** Acts on a checked request (blocking: it changes the firewall) and returns the reply. */
  public byte[] answer(byte[] packet) {
    int code = packet[0] & 0xff;
    boolean disconnect = code == DISCONNECT_REQUEST;
    List<Attribute> attributes = RadiusAttributes.parse(packet);
    Predicate<ClientSession> which = matcher(attributes);
    int errorCause = 0;
    if (which == null) {
      errorCause = 402;
    } else {
      int n =
          disconnect
              ? clients.disconnect(which, TerminateCause.ADMIN_RESET)
              : clients.change(which, AccessReply.of(true, attributes));
      if (n == 0) {
        errorCause = 503;
      }
    }
    metrics
        .counter(
            "kampung.gateway.dac",
            "type",
            disconnect ? "disconnect" : "coa",
            "result",
            errorCause == 0 ? "ack" : "nak")
        .increment();
    byte[] attrs = new byte[0];
    int replyCode = disconnect ? DISCONNECT_ACK : COA_ACK;
    if (errorCause != 0) {
      replyCode = disconnect ? DISCONNECT_NAK : COA_NAK;
      attrs = new byte[] {(byte) ERROR_CAUSE, 6, 0, 0, (byte) (errorCause >> 8), (byte) errorCause};
    }
    log.info(
        "{} from RADIUS: {}",
        disconnect ? "Disconnect-Request" : "CoA-Request",
        errorCause == 0 ? "ACK" : "NAK " + errorCause);
    return RadiusAttributes.reply(
        replyCode, packet[1] & 0xff, Arrays.copyOfRange(packet, 4, 20), attrs, secret);
  }

  /** The session filter the request names, or null when it names none. */
  private static Predicate<ClientSession> matcher(List<Attribute> attributes) {
    Predicate<ClientSession> which = c -> true;
    boolean named = false;
    for (Attribute a : attributes) {
      if (a.vendorId() != 0) {
        continue;
      }
      String text = new String(a.value(), StandardCharsets.UTF_8);
      switch (a.type()) {
        case 1 -> which = which.and(c -> c.username().equals(text));
        case 8 -> {
          if (a.value().length != 4) {
            return null;
          }
          String ip =
              (a.value()[0] & 0xff)
                  + "."
                  + (a.value()[1] & 0xff)
                  + "."
                  + (a.value()[2] & 0xff)
                  + "."
                  + (a.value()[3] & 0xff);
          which = which.and(c -> c.ip().equals(ip));
        }
        case 44 -> which = which.and(c -> c.acctSessionId().equals(text));
        case 31 -> {
          String mac = text.toLowerCase(Locale.ROOT).replace('-', ':');
          which = which.and(c -> c.mac().equals(mac));
        }
        default -> {
          continue;
        }
      }
      named = true;
    }
    return named ? which : null;
  }
}
