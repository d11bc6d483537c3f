package org.smartkampung.gateway.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.gateway.client.ClientTable;
import org.smartkampung.gateway.pipeline.PipelineErrors;
import org.smartkampung.gateway.pipeline.Transport;

/** The HTTP server of the portal-facing signed API (see {@link AuthorizeHandler}). */
public final class AuthorizeApi implements AutoCloseable {

  private static final int MAX_BODY_BYTES = 8 * 1024;
  private static final int READ_TIMEOUT_SECONDS = 10;

  private final Channel channel;

  private AuthorizeApi(Channel channel) {
    this.channel = channel;
  }

  public static AuthorizeApi start(
      Transport transport,
      InetSocketAddress address,
      String gatewayId,
      GatewaySignature signature,
      ClientTable clients,
      Executor blocking,
      MeterRegistry metrics,
      PipelineErrors errors)
      throws InterruptedException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(transport.group())
            .channel(transport.serverChannel())
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                        .addLast(new HttpServerCodec(4096, 8192, 8192))
                        .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                        .addLast(
                            new AuthorizeHandler(gatewayId, signature, clients, blocking, metrics))
                        .addLast(errors);
                  }
                });
    return new AuthorizeApi(bootstrap.bind(address).sync().channel());
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
  }
}
