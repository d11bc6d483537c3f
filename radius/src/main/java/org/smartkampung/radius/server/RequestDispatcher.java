package org.smartkampung.radius.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;

/**
 * Hands each checked, first-seen request to the bounded worker pool, so blocking store calls and
 * slow password hashes never run on the event loop, then encodes the handler's reply (with a
 * Message-Authenticator first, except on Accounting-Response where RFC 2866 has none and FreeRADIUS
 * would check it over a zero vector) and writes it back on the request's channel. A full pool drops
 * the request (the NAS retransmits); a handler that throws is logged and gets no answer.
 */
@ChannelHandler.Sharable
final class RequestDispatcher extends SimpleChannelInboundHandler<InboundRequest> {

  private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

  private final Executor workers;
  private final RequestHandler auth;
  private final RequestHandler acct;
  private final RequestHandler status;
  private final Deduplicator deduplicator;
  private final RadiusMetrics metrics;

  RequestDispatcher(
      Executor workers,
      RequestHandler auth,
      RequestHandler acct,
      RequestHandler status,
      Deduplicator deduplicator,
      RadiusMetrics metrics) {
    this.workers = workers;
    this.auth = auth;
    this.acct = acct;
    this.status = status;
    this.deduplicator = deduplicator;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, InboundRequest request) {
    Channel channel = ctx.channel();
    try {
      workers.execute(() -> process(channel, request));
    } catch (RejectedExecutionException e) {
      unanswered(channel, request);
      metrics.drop(DropReason.OVERLOAD);
    }
  }

  private void process(Channel channel, InboundRequest request) {
    CompletionStage<Optional<Reply>> reply;
    try {
      reply = handlerFor(request).handleAsync(request);
    } catch (RuntimeException e) {
      failed(channel, request, e);
      return;
    }
    reply.whenComplete(
        (answer, error) -> {
          if (error != null) {
            failed(channel, request, error);
          } else {
            send(channel, request, answer);
          }
        });
  }

  private void send(Channel channel, InboundRequest request, Optional<Reply> reply) {
    String type = RadiusCode.name(request.code());
    byte[] bytes;
    try {
      bytes = reply.isEmpty() ? null : encode(request, reply.get());
    } catch (RuntimeException e) {
      failed(channel, request, e);
      return;
    }
    if (bytes == null) {
      unanswered(channel, request);
      metrics.request(
          type, "no_reply", request.nasName(), request.transport(), request.receivedNanos());
      return;
    }
    deduplicator.answered(request, bytes);
    channel.writeAndFlush(new OutgoingReply(bytes, request.sender()));
    metrics.request(
        type,
        reply.get().result(),
        request.nasName(),
        request.transport(),
        request.receivedNanos());
  }

  private void failed(Channel channel, InboundRequest request, Throwable e) {
    log.error("{} from NAS {} failed", RadiusCode.name(request.code()), request.nasName(), e);
    unanswered(channel, request);
    metrics.drop(DropReason.HANDLER_ERROR);
  }

  /**
   * Forgets the request for duplicate detection, and tells the connection (a RadSec one counts what
   * it has in flight) that it will get no answer.
   */
  private void unanswered(Channel channel, InboundRequest request) {
    deduplicator.unanswered(request);
    if (request.transport() == Transport.RADSEC) {
      channel.pipeline().fireUserEventTriggered(Unanswered.INSTANCE);
    }
  }

  /** The event a RadSec pipeline sees when a request of its connection ends without an answer. */
  enum Unanswered {
    INSTANCE
  }

  private static byte[] encode(InboundRequest request, Reply reply) {
    return PacketCodec.encodeResponse(
        reply.code(),
        request.identifier(),
        request.authenticator(),
        reply.attributes(),
        request.nas().secret().getBytes(StandardCharsets.UTF_8),
        request.code() != RadiusCode.ACCOUNTING_REQUEST);
  }

  private RequestHandler handlerFor(InboundRequest request) {
    return switch (request.code()) {
      case RadiusCode.ACCESS_REQUEST -> auth;
      case RadiusCode.ACCOUNTING_REQUEST -> acct;
      default -> status;
    };
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Nothing may close a UDP server channel; log and carry on.
    log.warn("unexpected error in RADIUS pipeline", cause);
  }
}
