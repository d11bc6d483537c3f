package org.smartkampung.gateway.dac;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.gateway.client.ClientTable;
import org.smartkampung.gateway.pipeline.PipelineErrors;
import org.smartkampung.gateway.pipeline.Transport;
import org.smartkampung.gateway.pipeline.WarnLimiter;

/**
 * The gateway's dynamic-authorization server (RFC 5176) on UDP port 3799. Accepts
 * Disconnect-Request and CoA-Request only from the configured RADIUS server, only with a valid
 * Request Authenticator and Message-Authenticator (else dropped and counted); {@link
 * DynamicAuthorization} checks and answers them.
 */
public final class DacListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DacListener.class);

  private final Channel channel;

  private DacListener(Channel channel) {
    this.channel = channel;
  }

  public static DacListener start(
      Transport transport,
      InetSocketAddress bind,
      InetAddress radiusServer,
      String secret,
      ClientTable clients,
      Executor blocking,
      MeterRegistry metrics,
      Clock clock,
      PipelineErrors errors)
      throws InterruptedException {
    Handler handler =
        new Handler(
            radiusServer,
            new DynamicAuthorization(secret, clients, metrics),
            blocking,
            metrics,
            clock);
    Channel ch =
        new Bootstrap()
            .group(transport.group())
            .channel(transport.datagramChannel())
            .handler(
                new ChannelInitializer<DatagramChannel>() {
                  @Override
                  protected void initChannel(DatagramChannel ch) {
                    ch.pipeline().addLast(handler, errors);
                  }
                })
            .bind(bind)
            .sync()
            .channel();
    return new DacListener(ch);
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
  }

  private static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final InetAddress radiusServer;
    private final DynamicAuthorization dac;
    private final Executor blocking;
    private final MeterRegistry metrics;
    private final WarnLimiter dropWarnings;

    Handler(
        InetAddress radiusServer,
        DynamicAuthorization dac,
        Executor blocking,
        MeterRegistry metrics,
        Clock clock) {
      this.radiusServer = radiusServer;
      this.dac = dac;
      this.blocking = blocking;
      this.metrics = metrics;
      this.dropWarnings = new WarnLimiter(log, clock);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket in) {
      byte[] packet = ByteBufUtil.getBytes(in.content());
      InetSocketAddress sender = in.sender();
      if (!sender.getAddress().equals(radiusServer)) {
        drop("unknown-client", sender);
        return;
      }
      Optional<String> refused = dac.check(packet);
      if (refused.isPresent()) {
        drop(refused.get(), sender);
        return;
      }
      blocking.execute(
          () -> {
            byte[] reply = dac.answer(packet);
            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), sender));
          });
    }

    private void drop(String reason, InetSocketAddress sender) {
      metrics.counter("kampung.gateway.dac.dropped", "reason", reason).increment();
      dropWarnings.warn("dropped dynamic-authorization packet from {}: {}", sender, reason);
    }
  }
}
