package org.smartkampung.radius.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;

/**
 * Lets through only requests from a configured NAS whose authenticators are right: the hashed
 * request authenticator of Accounting-Request (RFC 2866), a Message-Authenticator whenever one is
 * present (RFC 3579), and one where it is required: on Status-Server always (RFC 5997), on
 * Access-Request as the client's BlastRADIUS policy says. Everything else is dropped and counted.
 */
final class ClientGuard extends SimpleChannelInboundHandler<InboundRequest> {

  private static final byte[] ZEROS = new byte[RadiusCode.AUTHENTICATOR_BYTES];

  private final LiveClients clients;
  private final AutoClientMemory autoClients;
  private final RadiusMetrics metrics;

  ClientGuard(LiveClients clients, RadiusMetrics metrics) {
    this.clients = clients;
    this.autoClients = clients.autoClients();
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, InboundRequest request) {
    // A RadSec connection knows its hotspot from the certificate; UDP goes by source address.
    NasClient nas =
        request.nas() != null
            ? request.nas()
            : clients.table().match(request.sender().getAddress());
    if (nas == null) {
      metrics.drop(DropReason.UNKNOWN_CLIENT);
      return;
    }
    DropReason problem = check(request, nas);
    if (problem != null) {
      metrics.drop(problem);
      return;
    }
    ctx.fireChannelRead(request.withNas(nas));
  }

  private DropReason check(InboundRequest request, NasClient nas) {
    byte[] bytes = request.bytes();
    byte[] secret = nas.secret().getBytes(StandardCharsets.UTF_8);
    int code = request.code();
    if (PacketCodec.hasHashedRequestAuthenticator(code)
        && !PacketCodec.hasValidHashedRequestAuthenticator(bytes, secret)) {
      return DropReason.BAD_AUTHENTICATOR;
    }
    int offset = PacketCodec.findAttribute(bytes, RadiusCode.ATTR_MESSAGE_AUTHENTICATOR);
    if (offset >= 0) {
      byte[] macAuthenticator =
          PacketCodec.hasHashedRequestAuthenticator(code) ? ZEROS : request.authenticator();
      if (!PacketCodec.hasValidMessageAuthenticator(bytes, offset, macAuthenticator, secret)) {
        return DropReason.BAD_MESSAGE_AUTHENTICATOR;
      }
      if (code == RadiusCode.ACCESS_REQUEST
          && nas.requireMessageAuthenticator() == MessageAuthenticatorPolicy.AUTO) {
        autoClients.markSeen(nas.name());
      }
      return null;
    }
    if (code == RadiusCode.STATUS_SERVER) {
      return DropReason.MISSING_MESSAGE_AUTHENTICATOR;
    }
    if (code == RadiusCode.ACCESS_REQUEST && requiresMessageAuthenticator(nas)) {
      return DropReason.MISSING_MESSAGE_AUTHENTICATOR;
    }
    return null;
  }

  private boolean requiresMessageAuthenticator(NasClient nas) {
    return switch (nas.requireMessageAuthenticator()) {
      case YES -> true;
      case NO -> false;
      case AUTO -> autoClients.seen(nas.name());
    };
  }
}
