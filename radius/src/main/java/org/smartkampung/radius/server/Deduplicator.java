package org.smartkampung.radius.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;

/**
 * Duplicate detection (RFC 5080 2.2.2): a request with the same source address, port, identifier
 * and request authenticator within the window is a retransmit. It gets the cached reply if the
 * first copy was answered, and is dropped while the first copy is still being processed, so no
 * request ever runs twice. A request that got no answer (store down) is forgotten, so the NAS's
 * retransmit is processed anew.
 */
@ChannelHandler.Sharable
final class Deduplicator extends SimpleChannelInboundHandler<InboundRequest> {

  record Key(PortKind port, InetAddress address, int sourcePort, int identifier, ByteBuffer auth) {
    static Key of(InboundRequest request) {
      return new Key(
          request.port(),
          request.sender().getAddress(),
          request.sender().getPort(),
          request.identifier(),
          ByteBuffer.wrap(request.authenticator()));
    }
  }

  /** The reply once known; null while the first copy is in progress. */
  private static final class Entry {
    volatile byte[] reply;
  }

  private final Cache<Key, Entry> entries;
  private final RadiusMetrics metrics;

  Deduplicator(Duration window, RadiusMetrics metrics) {
    // Maintenance on the caller's thread: a pool thread woken for every request costs more than
    // the expiry work on two cores.
    this.entries = Caffeine.newBuilder().expireAfterWrite(window).executor(Runnable::run).build();
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, InboundRequest request) {
    Key key = Key.of(request);
    Entry fresh = new Entry();
    Entry existing = entries.asMap().putIfAbsent(key, fresh);
    if (existing == null) {
      ctx.fireChannelRead(request);
      return;
    }
    metrics.drop(DropReason.DUPLICATE);
    byte[] reply = existing.reply;
    if (reply != null) {
      ctx.writeAndFlush(new OutgoingReply(reply, request.sender()));
    }
  }

  /** Stores the reply sent for the request, for its retransmits. */
  void answered(InboundRequest request, byte[] reply) {
    Entry entry = entries.getIfPresent(Key.of(request));
    if (entry != null) {
      entry.reply = reply;
    }
  }

  /** Forgets a request that got no answer, so its retransmit runs again. */
  void unanswered(InboundRequest request) {
    entries.invalidate(Key.of(request));
  }
}
