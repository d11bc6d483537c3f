package org.smartkampung.gateway.radsec;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.gateway.dac.DynamicAuthorization;
import org.smartkampung.gateway.pipeline.Transport;
import org.smartkampung.gateway.pipeline.WarnLimiter;
import org.smartkampung.gateway.radius.RadiusTransport;
import org.smartkampung.gateway.radius.UdpTransport.Replies;

/**
 * The gateway's RadSec client (RFC 6614): ONE mutual-TLS (1.2/1.3) connection to the server, kept
 * up (reconnects with capped, jittered exponential backoff; a Status-Server when idle), many
 * requests in flight on it matched by identifier and Response Authenticator. TCP needs no
 * retransmits, so a request simply fails after {@code requestTimeoutMillis}. The server's
 * Disconnect-Request and CoA-Request arriving on the connection are checked and answered on it by
 * {@link DynamicAuthorization}, so a gateway behind CGNAT can be kicked without an open port.
 * Thread-safe.
 */
public final class RadSecClient implements RadiusTransport {

  /**
   * Where and how to connect.
   *
   * @param host the server's name or address (its certificate must name it)
   * @param port the server's RadSec port
   * @param certificate PEM of the gateway's client certificate
   * @param privateKey PEM of its PKCS#8 key
   * @param caCertificates PEM of the CA(s) the server's certificate must chain to
   * @param requestTimeoutMillis how long one request waits for its reply (and for a connection)
   * @param keepaliveSeconds a Status-Server goes out after this long without traffic
   * @param reconnectMaxSeconds the longest wait between two connection attempts
   */
  public record Settings(
      String host,
      int port,
      String certificate,
      String privateKey,
      String caCertificates,
      int requestTimeoutMillis,
      int keepaliveSeconds,
      int reconnectMaxSeconds) {}

  /** RFC 6614: inside TLS the shared secret is fixed. */
  public static final String SECRET = "radsec";

  private static final Logger log = LoggerFactory.getLogger(RadSecClient.class);
  private static final byte[] SECRET_BYTES = SECRET.getBytes(StandardCharsets.US_ASCII);
  private static final long FIRST_RETRY_MILLIS = 500;
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /** One request waiting for its reply; compared by identity. */
  private static final class Pending {
    private final byte[] request;
    private final Channel channel;
    private final CompletableFuture<byte[]> reply = new CompletableFuture<>();

    Pending(byte[] request, Channel channel) {
      this.request = request;
      this.channel = channel;
    }

    byte[] request() {
      return request;
    }

    Channel channel() {
      return channel;
    }

    CompletableFuture<byte[]> reply() {
      return reply;
    }
  }

  private final Settings settings;
  private final SslContext tls;
  private final EventLoopGroup group;
  private final Class<? extends Channel> channelType;
  private final Executor blocking;
  private final MeterRegistry metrics;
  private final Clock clock;
  private final WarnLimiter dropWarnings;
  private final AtomicInteger connectedGauge = new AtomicInteger();
  private volatile DynamicAuthorization dac;
  private volatile boolean closed;

  // Guarded by lock.
  private final Object lock = new Object();
  private final Pending[] pending = new Pending[256];
  private int nextIdentifier;
  private Channel channel;
  private Instant connectedSince;
  private int failedAttempts;

  private RadSecClient(
      Settings settings,
      SslContext tls,
      Transport transport,
      Executor blocking,
      MeterRegistry metrics,
      Clock clock) {
    this.settings = settings;
    this.tls = tls;
    this.group = transport.group();
    this.channelType =
        transport.serverChannel() == EpollServerSocketChannel.class
            ? EpollSocketChannel.class
            : NioSocketChannel.class;
    this.blocking = blocking;
    this.metrics = metrics;
    this.clock = clock;
    this.dropWarnings = new WarnLimiter(log, clock);
    metrics.gauge("kampung.gateway.radsec.connected", connectedGauge);
  }

  /**
   * Starts connecting (in the background: the gateway runs while the server is away, and requests
   * wait up to their timeout for the connection).
   *
   * @throws IllegalArgumentException when the certificate, key or CA cannot be used
   */
  public static RadSecClient start(
      Settings settings,
      Transport transport,
      Executor blocking,
      MeterRegistry metrics,
      Clock clock) {
    RadSecClient client =
        new RadSecClient(settings, context(settings), transport, blocking, metrics, clock);
    client.connect();
    return client;
  }

  private static SslContext context(Settings s) {
    try {
      return SslContextBuilder.forClient()
          .keyManager(new File(s.certificate().trim()), new File(s.privateKey().trim()))
          .trustManager(new File(s.caCertificates().trim()))
          .protocols(PROTOCOLS)
          .endpointIdentificationAlgorithm("HTTPS")
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "gateway.radsec: cannot use certificate "
              + s.certificate()
              + ", key "
              + s.privateKey()
              + " and CA "
              + s.caCertificates()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Where the server's Disconnect/CoA requests go; until set they are dropped. */
  public void onDynamicRequests(DynamicAuthorization dynamicAuthorization) {
    this.dac = dynamicAuthorization;
  }

  /** When the current connection finished its TLS handshake; empty while not connected. */
  public Optional<Instant> connectedSince() {
    synchronized (lock) {
      return Optional.ofNullable(channel == null ? null : connectedSince);
    }
  }

  @Override
  public String secret() {
    return SECRET;
  }

  @Override
  public byte[] exchange(IntFunction<byte[]> encoder, Service service) throws IOException {
    long deadline = System.nanoTime() + settings.requestTimeoutMillis() * 1_000_000L;
    Pending p;
    int identifier;
    synchronized (lock) {
      while (channel == null) {
        long waitMillis = (deadline - System.nanoTime()) / 1_000_000L;
        if (closed || waitMillis <= 0) {
          throw new IOException("no RadSec connection to " + address());
        }
        try {
          lock.wait(waitMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted waiting for the RadSec connection");
        }
      }
      identifier = freeIdentifier();
      if (identifier < 0) {
        throw new IOException("256 requests already in flight on the RadSec connection");
      }
      p = new Pending(encoder.apply(identifier), channel);
      pending[identifier] = p;
    }
    try {
      p.channel().writeAndFlush(Unpooled.wrappedBuffer(p.request()));
      long waitNanos = Math.max(0, deadline - System.nanoTime());
      return p.reply().get(waitNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IOException(
          "no reply from RadSec server "
              + address()
              + " within "
              + settings.requestTimeoutMillis()
              + " ms");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for a RadSec reply");
    } finally {
      synchronized (lock) {
        if (pending[identifier] == p) {
          pending[identifier] = null;
        }
      }
    }
  }

  private int freeIdentifier() {
    for (int i = 0; i < pending.length; i++) {
      int id = (nextIdentifier + i) & 0xff;
      if (pending[id] == null) {
        nextIdentifier = id + 1;
        return id;
      }
    }
    return -1;
  }

  private String address() {
    return settings.host() + ":" + settings.port();
  }

  private void connect() {
    if (closed) {
      return;
    }
    ChannelFuture connecting =
        new Bootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.requestTimeoutMillis())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(
                            tls.newHandler(ch.alloc(), settings.host(), settings.port()),
                            new IdleStateHandler(0, 0, settings.keepaliveSeconds()),
                            new LengthFieldBasedFrameDecoder(
                                RadiusCode.MAX_PACKET_BYTES, 2, 2, -4, 0),
                            new Inbound());
                  }
                })
            .connect(settings.host(), settings.port());
    Channel ch = connecting.channel();
    ch.closeFuture().addListener(f -> lost(ch));
    connecting.addListener(
        (ChannelFuture f) -> {
          if (!f.isSuccess()) {
            dropWarnings.warn(
                "RadSec connection to {} failed: {}", address(), f.cause().getMessage());
            ch.close(); // lost() then schedules the next attempt
            return;
          }
          ch.pipeline()
              .get(SslHandler.class)
              .handshakeFuture()
              .addListener(
                  h -> {
                    if (h.isSuccess()) {
                      connected(ch);
                    } else {
                      count("handshake-failed");
                      dropWarnings.warn(
                          "RadSec handshake with {} failed: {}", address(), h.cause().getMessage());
                      ch.close();
                    }
                  });
        });
  }

  private void connected(Channel ch) {
    synchronized (lock) {
      if (closed || !ch.isActive()) {
        ch.close();
        return;
      }
      channel = ch;
      connectedSince = clock.instant();
      failedAttempts = 0;
      lock.notifyAll();
    }
    connectedGauge.set(1);
    metrics.counter("kampung.gateway.radsec.connects").increment();
    String protocol = ch.pipeline().get(SslHandler.class).engine().getSession().getProtocol();
    log.info("RadSec connected to {} ({}, from {})", address(), protocol, ch.localAddress());
  }

  private void lost(Channel ch) {
    long delayMillis;
    synchronized (lock) {
      boolean wasUp = channel == ch;
      if (wasUp) {
        channel = null;
        connectedGauge.set(0);
      }
      for (int id = 0; id < pending.length; id++) {
        Pending p = pending[id];
        if (p != null && p.channel() == ch) {
          pending[id] = null;
          p.reply().completeExceptionally(new IOException("RadSec connection lost"));
        }
      }
      if (closed) {
        return;
      }
      long capMillis = settings.reconnectMaxSeconds() * 1000L;
      long backoff = FIRST_RETRY_MILLIS << Math.min(failedAttempts, 20);
      failedAttempts++;
      long capped = Math.min(capMillis, backoff);
      // Jitter: villages that lost the server together do not come back in one burst.
      delayMillis = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
      if (wasUp) {
        log.warn("RadSec connection to {} lost; reconnecting in {} ms", address(), delayMillis);
      }
    }
    group.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
  }

  private void count(String reason) {
    metrics.counter("kampung.gateway.radsec.dropped", "reason", reason).increment();
  }

  private void drop(String reason) {
    count(reason);
    dropWarnings.warn("dropped packet on the RadSec connection to {}: {}", address(), reason);
  }

  private void keepalive(Channel ch) {
    blocking.execute(
        () -> {
          try {
            exchange(
                id ->
                    PacketCodec.encodeRequest(
                        RadiusCode.STATUS_SERVER, id, List.of(), SECRET_BYTES, true),
                Service.AUTH);
          } catch (IOException e) {
            log.warn(
                "RadSec server {} did not answer Status-Server: {}", address(), e.getMessage());
            ch.close();
          }
        });
  }

  /** One frame off the connection: a reply to one of ours, or the server's Disconnect/CoA. */
  private final class Inbound extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      byte[] packet = ByteBufUtil.getBytes(frame);
      if (PacketCodec.checkLayout(packet, packet.length) < 0) {
        drop("malformed");
        return;
      }
      int code = packet[0] & 0xff;
      if (DynamicAuthorization.isRequest(code)) {
        dynamicRequest(ctx, packet);
      } else {
        reply(ctx.channel(), packet);
      }
    }

    private void reply(Channel ch, byte[] packet) {
      int id = packet[1] & 0xff;
      Pending p;
      synchronized (lock) {
        p = pending[id];
      }
      if (p == null || p.channel() != ch) {
        drop("unexpected-reply");
        return;
      }
      byte[] reply = Replies.validReply(packet, packet.length, p.request(), SECRET_BYTES);
      if (reply == null) {
        drop("bad-authenticator");
        return;
      }
      p.reply().complete(reply);
    }

    private void dynamicRequest(ChannelHandlerContext ctx, byte[] packet) {
      DynamicAuthorization handler = dac;
      if (handler == null) {
        drop("not-ready");
        return;
      }
      Optional<String> refused = handler.check(packet);
      if (refused.isPresent()) {
        drop(refused.get());
        return;
      }
      blocking.execute(() -> ctx.writeAndFlush(Unpooled.wrappedBuffer(handler.answer(packet))));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof IdleStateEvent) {
        keepalive(ctx.channel());
      } else {
        ctx.fireUserEventTriggered(event);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A frame that cannot frame the stream, or a TLS failure: this connection is done.
      count("connection-error");
      dropWarnings.warn("RadSec connection to {} failed: {}", address(), cause.getMessage());
      ctx.close();
    }
  }

  @Override
  public void close() {
    Channel ch;
    synchronized (lock) {
      closed = true;
      ch = channel;
      lock.notifyAll();
    }
    if (ch != null) {
      ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }
}
