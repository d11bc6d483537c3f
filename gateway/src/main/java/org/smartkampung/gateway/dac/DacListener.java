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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.codec.RadiusAttributes;
import org.smartkampung.codec.RadiusAttributes.Attribute;
import org.smartkampung.gateway.client.ClientSession;
import org.smartkampung.gateway.client.ClientTable;
import org.smartkampung.gateway.pipeline.PipelineErrors;
import org.smartkampung.gateway.pipeline.Transport;
import org.smartkampung.gateway.pipeline.WarnLimiter;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;

/**
 * The gateway's dynamic-authorization server (RFC 5176) on UDP port 3799. Accepts
 * Disconnect-Request and CoA-Request only from the configured RADIUS server, only with a valid
 * Request Authenticator and Message-Authenticator (else dropped and counted). A session is named by
 * any of User-Name, Framed-IP-Address, Acct-Session-Id, Calling-Station-Id (all given must match).
 * Disconnect ends it (Acct-Terminate-Cause Admin-Reset); CoA applies the limits it carries. Answers
 * ACK, or NAK with Error-Cause 503 (Session-Context-Not-Found) or 402 (Missing-Attribute).
 */
public final class DacListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DacListener.class);
  static final int DISCONNECT_REQUEST = 40;
  static final int DISCONNECT_ACK = 41;
  static final int DISCONNECT_NAK = 42;
  static final int COA_REQUEST = 43;
  static final int COA_ACK = 44;
  static final int COA_NAK = 45;
  private static final int ERROR_CAUSE = 101;

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
    Handler handler = new Handler(radiusServer, secret, clients, blocking, metrics, clock);
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
    private final String secret;
    private final ClientTable clients;
    private final Executor blocking;
    private final MeterRegistry metrics;
    private final WarnLimiter dropWarnings;

    Handler(
        InetAddress radiusServer,
        String secret,
        ClientTable clients,
        Executor blocking,
        MeterRegistry metrics,
        Clock clock) {
      this.radiusServer = radiusServer;
      this.secret = secret;
      this.clients = clients;
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
      if (packet.length < RadiusAttributes.HEADER_BYTES
          || RadiusAttributes.packetLength(packet) > packet.length) {
        drop("malformed", sender);
        return;
      }
      int code = packet[0] & 0xff;
      if (code != DISCONNECT_REQUEST && code != COA_REQUEST) {
        drop("unexpected-code", sender);
        return;
      }
      if (!RadiusAttributes.verifyDynamicRequest(packet, secret)) {
        drop("bad-authenticator", sender);
        return;
      }
      blocking.execute(
          () -> {
            byte[] reply = answer(packet);
            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), sender));
          });
    }

    private byte[] answer(byte[] packet) {
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
        attrs =
            new byte[] {(byte) ERROR_CAUSE, 6, 0, 0, (byte) (errorCause >> 8), (byte) errorCause};
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

    private void drop(String reason, InetSocketAddress sender) {
      metrics.counter("kampung.gateway.dac.dropped", "reason", reason).increment();
      dropWarnings.warn("dropped dynamic-authorization packet from {}: {}", sender, reason);
    }
  }
}
