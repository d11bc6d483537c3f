package org.smartkampung.radius.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.core.config.RadSecSettings;
import org.tinyradius.dictionary.Dictionary;

/**
 * Wires one socket's pipeline: {@code RadiusDecoder -> ClientGuard -> Deduplicator ->
 * RequestDispatcher}, with {@code ReplyWriter} as the outbound encoder. The deduplicator and
 * dispatcher are shared by both sockets.
 */
public final class RadiusPipeline {

  private final Dictionary dictionary;
  private final LiveClients clients;
  private final Deduplicator deduplicator;
  private final RequestDispatcher dispatcher;
  private final RadiusMetrics metrics;

  public RadiusPipeline(
      Dictionary dictionary,
      LiveClients clients,
      Duration dedupWindow,
      Executor workers,
      RequestHandler auth,
      RequestHandler acct,
      RequestHandler status,
      RadiusMetrics metrics) {
    this.dictionary = dictionary;
    this.clients = clients;
    this.metrics = metrics;
    this.deduplicator = new Deduplicator(dedupWindow, metrics);
    this.dispatcher = new RequestDispatcher(workers, auth, acct, status, deduplicator, metrics);
  }

  /**
   * The initializer of one RadSec connection: {@code SslHandler -> idle timeout -> RFC 6614 framing
   * -> RadSecSession -> ClientGuard -> Deduplicator -> InFlightLimit -> RequestDispatcher}, the
   * same handlers as UDP after the session has named the hotspot.
   */
  public ChannelInitializer<SocketChannel> radSecInitializer(
      SslContext tls,
      RadSecSettings settings,
      RevocationList revoked,
      RadSecConnections connections) {
    RadSecReplyWriter writer = new RadSecReplyWriter();
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel channel) {
        channel
            .pipeline()
            .addLast("tls", tls.newHandler(channel.alloc()))
            // Answers flushed from worker threads one by one: several go out in one TLS record.
            .addLast("flushes", new FlushConsolidationHandler(64, true))
            .addLast("idle", new IdleStateHandler(settings.idleTimeoutSeconds(), 0, 0))
            .addLast("encoder", writer)
            // RFC 6614 2.1: a packet's own length field frames it on the stream.
            .addLast(
                "framing",
                new LengthFieldBasedFrameDecoder(RadiusCode.MAX_PACKET_BYTES, 2, 2, -4, 0, true))
            .addLast(
                "session", new RadSecSession(clients, revoked, connections, dictionary, metrics))
            .addLast("guard", new ClientGuard(clients, metrics))
            .addLast("dedup", deduplicator)
            .addLast("in-flight", new InFlightLimit(settings.maxInFlight()))
            .addLast("dispatch", dispatcher);
      }
    };
  }

  /** The initializer for the socket of {@code port}. */
  public ChannelInitializer<DatagramChannel> initializer(PortKind port) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(DatagramChannel channel) {
        channel
            .pipeline()
            .addLast("encoder", new ReplyWriter())
            .addLast("decoder", new RadiusDecoder(port, dictionary, metrics))
            .addLast("guard", new ClientGuard(clients, metrics))
            .addLast("dedup", deduplicator)
            .addLast("dispatch", dispatcher);
      }
    };
  }
}
