package org.smartkampung.radius.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.Executor;
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
