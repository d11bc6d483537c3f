package org.smartkampung.gateway.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.core.gateway.GatewaySignature.Verdict;
import org.smartkampung.gateway.client.AuthorizeResult;
import org.smartkampung.gateway.client.ClientTable;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;

/**
 * The portal's calls into the gateway, each a form-encoded POST signed as {@link GatewaySignature}
 * describes:
 *
 * <ul>
 *   <li>{@code POST /kampung/authorize} ({@code op=authorize}: gw, ip, mac, username, secret)
 *   <li>{@code POST /kampung/logout} ({@code op=logout}: gw, ip)
 * </ul>
 *
 * Answers are JSON: {@code {"result":"accept|reject|error","message":"..."}} with 200, 403 (reject
 * or refused signature) or 503 (RADIUS, nft or tc failed: the client stays captive).
 */
final class AuthorizeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private final String gatewayId;
  private final GatewaySignature signature;
  private final ClientTable clients;
  private final Executor blocking;
  private final MeterRegistry metrics;

  AuthorizeHandler(
      String gatewayId,
      GatewaySignature signature,
      ClientTable clients,
      Executor blocking,
      MeterRegistry metrics) {
    this.gatewayId = gatewayId;
    this.signature = signature;
    this.clients = clients;
    this.blocking = blocking;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).path();
    String op =
        switch (path) {
          case "/kampung/authorize" -> "authorize";
          case "/kampung/logout" -> "logout";
          default -> null;
        };
    if (op == null || !request.method().equals(HttpMethod.POST)) {
      respond(ctx, HttpResponseStatus.NOT_FOUND, "error", "not found");
      return;
    }
    Map<String, String> params = form(request.content().toString(StandardCharsets.UTF_8));
    Verdict verdict = signature.verify(op, params);
    if (verdict != Verdict.VALID || !gatewayId.equals(params.get("gw"))) {
      String reason =
          verdict == Verdict.VALID ? "other-gateway" : verdict.name().toLowerCase(Locale.ROOT);
      metrics.counter("kampung.gateway.api.refused", "reason", reason).increment();
      respond(ctx, HttpResponseStatus.FORBIDDEN, "reject", "signature refused: " + reason);
      return;
    }
    String ip = params.getOrDefault("ip", "");
    blocking.execute(
        () -> {
          if (op.equals("logout")) {
            int ended = clients.disconnect(c -> c.ip().equals(ip), TerminateCause.USER_REQUEST);
            respond(ctx, HttpResponseStatus.OK, ended > 0 ? "accept" : "reject", "");
            return;
          }
          AuthorizeResult result =
              clients.authorize(
                  ip,
                  params.getOrDefault("mac", ""),
                  params.getOrDefault("username", ""),
                  params.getOrDefault("secret", ""));
          switch (result.outcome()) {
            case ACCEPTED -> respond(ctx, HttpResponseStatus.OK, "accept", result.message());
            case REJECTED, WRONG_DEVICE ->
                respond(ctx, HttpResponseStatus.FORBIDDEN, "reject", result.message());
            case FAILED ->
                respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "error", result.message());
          }
        });
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    new QueryStringDecoder(body, StandardCharsets.UTF_8, false)
        .parameters()
        .forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
    return out;
  }

  private static void respond(
      ChannelHandlerContext ctx, HttpResponseStatus status, String result, String message) {
    String json = "{\"result\":\"" + result + "\",\"message\":\"" + jsonEscape(message) + "\"}";
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.fireExceptionCaught(cause); // PipelineErrors counts it, logs it (rate-limited), closes
  }
}
