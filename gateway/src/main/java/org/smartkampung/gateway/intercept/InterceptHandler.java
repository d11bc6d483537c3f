package org.smartkampung.gateway.intercept;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.gateway.intercept.CaptiveProbes.Kind;

/**
 * Answers every intercepted request with a 302 to the portal carrying signed parameters (see {@link
 * GatewaySignature} for the names). A connection that does not complete a request within the
 * deadline is closed, so slow clients cannot hold sockets.
 */
final class InterceptHandler extends SimpleChannelInboundHandler<HttpObject> {

  private static final HttpHeadersFactory UNVALIDATED_HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  private final InterceptSettings shared;
  private final InterceptMeters meters;
  private final String portalPrefix;
  private final long deadlineNanos;
  private ScheduledFuture<?> deadline;
  private long waitingSinceNanos;
  private long bodyBytes;

  InterceptHandler(InterceptSettings shared, InterceptMeters meters) {
    this.shared = shared;
    this.meters = meters;
    this.portalPrefix = shared.portalUrl() + (shared.portalUrl().contains("?") ? "&" : "?");
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
        respond(ctx, HttpResponseStatus.BAD_REQUEST, null, false);
      } else if (HttpUtil.getContentLength(request, 0L) > CaptiveInterceptor.MAX_BODY_BYTES) {
        meters.badRequest.increment();
        respond(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, null, false);
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
    String ip = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
    String host = request.headers().get(HttpHeaderNames.HOST, "");
    String uri = request.uri();
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    Kind probe = CaptiveProbes.of(host, path);
    String original = uri.startsWith("http://") ? uri : "http://" + host + uri;
    Map<String, String> params = new LinkedHashMap<>(8);
    params.put("gw", shared.gatewayId());
    params.put("ip", ip);
    params.put("mac", shared.neighbours().macOf(ip).orElse(""));
    params.put("url", probe == Kind.NONE && !host.isEmpty() ? original : "");
    String location = portalPrefix + shared.signature().signQuery("redirect", params);
    meters.redirect(probe).increment();
    respond(ctx, HttpResponseStatus.FOUND, location, HttpUtil.isKeepAlive(request));
  }

  private void respond(
      ChannelHandlerContext ctx, HttpResponseStatus status, String location, boolean keepAlive) {
    // Our own header values (the Location is form-encoded): Netty's validation would only re-check.
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.EMPTY_BUFFER,
            UNVALIDATED_HEADERS,
            UNVALIDATED_HEADERS);
    if (location != null) {
      response.headers().set(HttpHeaderNames.LOCATION, location);
    }
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
      armDeadline(ctx);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
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
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
