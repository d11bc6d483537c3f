package org.smartkampung.gateway.intercept;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.net.InetSocketAddress;
import org.smartkampung.gateway.pipeline.PipelineErrors;
import org.smartkampung.gateway.pipeline.Transport;

/**
 * The HTTP server that nftables sends unauthenticated clients' port-80 traffic to. Limits: request
 * line 4 KiB, headers 8 KiB, body 16 KiB (a larger Content-Length gets 413, a longer chunked body a
 * close), and each request complete within the deadline from the connection's start or the previous
 * response (so a kept-alive connection left idle is closed too).
 */
public final class CaptiveInterceptor implements AutoCloseable {

  static final int MAX_INITIAL_LINE_BYTES = 4096;
  static final int MAX_HEADER_BYTES = 8192;
  static final int MAX_BODY_BYTES = 16 * 1024;

  // Header values are never trusted here (only Host is used, and it is form-encoded into the
  // redirect), so Netty's per-header validation would be work without a purpose.
  private static final HttpDecoderConfig DECODER =
      new HttpDecoderConfig()
          .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
          .setMaxHeaderSize(MAX_HEADER_BYTES)
          .setMaxChunkSize(MAX_HEADER_BYTES)
          .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false));

  private final Channel channel;

  private CaptiveInterceptor(Channel channel) {
    this.channel = channel;
  }

  /** Binds the interceptor on {@code address}; port 0 picks a free port. */
  public static CaptiveInterceptor start(
      Transport transport,
      InetSocketAddress address,
      InterceptSettings settings,
      PipelineErrors errors)
      throws InterruptedException {
    InterceptMeters meters = new InterceptMeters(settings.metrics());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(transport.group())
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        // Decoder only: the handler writes its few responses as bytes.
                        .addLast(new HttpRequestDecoder(DECODER))
                        .addLast(new InterceptHandler(settings, meters))
                        .addLast(errors);
                  }
                });
    return new CaptiveInterceptor(bootstrap.bind(address).sync().channel());
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
  }
}
