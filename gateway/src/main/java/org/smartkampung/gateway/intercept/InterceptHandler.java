package org.smartkampung.gateway.intercept;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.gateway.intercept.CaptiveProbes.Kind;

/**
 * Answers every intercepted request with a 302 to the portal carrying signed parameters (see {@link
 * GatewaySignature} for the names). A connection that does not complete a request within the
 * deadline is closed, so slow clients cannot hold sockets.
 */
final class InterceptHandler extends SimpleChannelInboundHandler<HttpObject> {

  private static final byte[] FOUND = ascii("HTTP/1.1 302 Found\r\n");
  private static final byte[] BAD_REQUEST = ascii("HTTP/1.1 400 Bad Request\r\n");
  private static final byte[] TOO_LARGE = ascii("HTTP/1.1 413 Request Entity Too Large\r\n");
  private static final byte[] LOCATION = ascii("location: ");
  private static final byte[] TAIL_KEEP_ALIVE =
      ascii("cache-control: no-store\r\ncontent-length: 0\r\nconnection: keep-alive\r\n\r\n");
  private static final byte[] TAIL_CLOSE =
      ascii("cache-control: no-store\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");

  private final InterceptSettings shared;
  private final InterceptMeters meters;
  private final byte[] portalPrefix;
  private final long deadlineNanos;
  private ScheduledFuture<?> deadline;
  private long waitingSinceNanos;
  private long bodyBytes;
  private String clientIp; // the connection's, looked up once
  private String clientMac = ""; // looked up again while the kernel does not know it
  // The connection's client, encoded once; made again when its MAC becomes known.
  private GatewaySignature.RedirectSigner signer;
  // Whether this connection's MAC was offered to MAC login: once per connection is enough (MAC
  // login itself tries a MAC once per several minutes), so later requests skip the lookup.
  private boolean macOffered;

  InterceptHandler(InterceptSettings shared, InterceptMeters meters) {
    this.shared = shared;
    this.meters = meters;
    this.portalPrefix =
        (shared.portalUrl() + (shared.portalUrl().contains("?") ? "&" : "?"))
            .getBytes(StandardCharsets.UTF_8);
    this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(shared.requestDeadlineMillis());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    armDeadline(ctx);
    super.channelActive(ctx);
  }

  /**
   * Answers as soon as the request line and headers are in: the redirect needs nothing from a body,
   * which is read and dropped (at most {@link CaptiveInterceptor#MAX_BODY_BYTES}).
   */
  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
    if (message instanceof HttpRequest request) {
      bodyBytes = 0;
      if (!request.decoderResult().isSuccess()) {
        meters.badRequest.increment();
        respond(ctx, BAD_REQUEST, null, false);
      } else if (HttpUtil.getContentLength(request, 0L) > CaptiveInterceptor.MAX_BODY_BYTES) {
        meters.badRequest.increment();
        respond(ctx, TOO_LARGE, null, false);
      } else {
        redirect(ctx, request);
      }
    } else if (message instanceof HttpContent content) {
      bodyBytes += content.content().readableBytes();
      if (bodyBytes > CaptiveInterceptor.MAX_BODY_BYTES) {
        meters.badRequest.increment();
        ctx.close(); // a chunked body past the limit: the 302 has gone out already
      }
    }
  }

  private void redirect(ChannelHandlerContext ctx, HttpRequest request) {
    if (clientIp == null) {
      clientIp = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
    }
    if (clientMac.isEmpty()) {
      clientMac = shared.neighbours().macOf(clientIp).orElse("");
      signer = null;
    }
    if (signer == null) {
      signer = shared.signature().redirectSigner(shared.gatewayId(), clientIp, clientMac);
    }
    String host = request.headers().get(HttpHeaderNames.HOST, "");
    String uri = request.uri();
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    Kind probe = CaptiveProbes.of(host, path);
    String original = uri.startsWith("http://") ? uri : "http://" + host + uri;
    String url = probe == Kind.NONE && !host.isEmpty() ? original : "";
    String query = signer.sign(url);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    CompletionStage<Boolean> byMac = null;
    if (!macOffered && !clientMac.isEmpty()) {
      macOffered = true;
      byMac = shared.macAdmission().tryAdmit(clientIp, clientMac);
    }
    if (byMac == null) {
      meters.redirect(probe).increment();
      respond(ctx, FOUND, query, keepAlive);
      return;
    }
    // A bypass device is let in by MAC: it is sent back to what it asked for, on a new connection
    // that the firewall now lets through; anyone else gets the portal as usual.
    byMac.whenComplete(
        (admitted, error) ->
            ctx.executor()
                .execute(
                    () -> {
                      if (Boolean.TRUE.equals(admitted)) {
                        respondTo(ctx, original);
                      } else {
                        meters.redirect(probe).increment();
                        respond(ctx, FOUND, query, keepAlive);
                      }
                    }));
  }

  /** 302 to the URL the client itself asked for, closing this (intercepted) connection. */
  private void respondTo(ChannelHandlerContext ctx, String location) {
    ByteBuf bytes = ctx.alloc().ioBuffer();
    bytes.writeBytes(FOUND).writeBytes(LOCATION);
    bytes.writeCharSequence(location, StandardCharsets.UTF_8);
    bytes.writeByte('\r').writeByte('\n');
    bytes.writeBytes(TAIL_CLOSE);
    ctx.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * Writes the whole response as bytes: every answer here is a status line and a few fixed headers
   * with no body, so Netty's response object and encoder would only add work on the busiest path.
   *
   * @param query the redirect's signed query string, or null for an answer without a Location
   */
  private void respond(ChannelHandlerContext ctx, byte[] status, String query, boolean keepAlive) {
    byte[] tail = keepAlive ? TAIL_KEEP_ALIVE : TAIL_CLOSE;
    int length = status.length + tail.length;
    if (query != null) {
      length += LOCATION.length + portalPrefix.length + query.length() + 2;
    }
    ByteBuf bytes = ctx.alloc().ioBuffer(length);
    bytes.writeBytes(status);
    if (query != null) {
      bytes.writeBytes(LOCATION).writeBytes(portalPrefix);
      bytes.writeBytes(query.getBytes(StandardCharsets.US_ASCII)); // form-encoded: ASCII
      bytes.writeByte('\r').writeByte('\n');
    }
    bytes.writeBytes(tail);
    if (keepAlive) {
      ctx.writeAndFlush(bytes);
      armDeadline(ctx);
    } else {
      ctx.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * The next request must be complete within the deadline from now. One timer per connection, moved
   * forward when it fires early, instead of a new timer per request: a kept-alive client asking
   * again and again would otherwise churn the event loop's timer queue.
   */
  private void armDeadline(ChannelHandlerContext ctx) {
    waitingSinceNanos = System.nanoTime();
    if (deadline == null) {
      scheduleDeadline(ctx, deadlineNanos);
    }
  }

  private void scheduleDeadline(ChannelHandlerContext ctx, long delayNanos) {
    deadline =
        ctx.executor()
            .schedule(
                () -> {
                  long left = waitingSinceNanos + deadlineNanos - System.nanoTime();
                  if (left > 0) {
                    scheduleDeadline(ctx, left);
                  } else {
                    meters.slow.increment();
                    ctx.close();
                  }
                },
                delayNanos,
                TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (deadline != null) {
      deadline.cancel(false);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.fireExceptionCaught(cause); // PipelineErrors counts it, logs it (rate-limited), closes
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
