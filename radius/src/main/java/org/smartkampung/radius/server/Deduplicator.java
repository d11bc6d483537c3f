package org.smartkampung.radius.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentMap;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;

/**
 * Duplicate detection (RFC 5080 2.2.2): a request with the same source address, port, identifier
 * and request authenticator within the window is a retransmit. It gets the cached reply if the
 * first copy was answered, and is dropped while the first copy is still being processed, so no
 * request ever runs twice. A request that got no answer (store down) is forgotten, so the NAS's
 * retransmit is processed anew.
 *
 * <p>Entries are kept per source and identifier, as FreeRADIUS keeps them: a request with a known
 * identifier but another authenticator is a new request (the NAS reuses identifiers once answered)
 * and takes the entry's place. So a NAS holds at most 256 entries per source port however many
 * requests it sends in the window, and the table stays small and fast at tens of thousands of
 * requests a second, where one entry per request would hold over a million.
 */
@ChannelHandler.Sharable
final class Deduplicator extends SimpleChannelInboundHandler<InboundRequest> {

  record Key(PortKind port, InetAddress address, int sourcePort, int identifier) {
    static Key of(InboundRequest request) {
      return new Key(
          request.port(),
          request.sender().getAddress(),
          request.sender().getPort(),
          request.identifier());
    }
  }

  /** A request's authenticator, and its reply once known (null while in progress). */
  private static final class Entry {
    final byte[] authenticator;
    volatile byte[] reply;

    Entry(byte[] authenticator) {
      this.authenticator = authenticator;
    }

    boolean isOf(InboundRequest request) {
      return Arrays.equals(authenticator, request.authenticator());
    }
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
    Entry fresh = new Entry(request.authenticator());
    ConcurrentMap<Key, Entry> map = entries.asMap();
    while (true) {
      Entry existing = map.putIfAbsent(key, fresh);
      if (existing == null) {
        ctx.fireChannelRead(request);
        return;
      }
      if (existing.isOf(request)) {
        metrics.drop(DropReason.DUPLICATE);
        byte[] reply = existing.reply;
        if (reply != null) {
          ctx.writeAndFlush(new OutgoingReply(reply, request.sender()));
        }
        return;
      }
      // A new request reusing the identifier: it replaces the one before (unless another thread
      // changed the entry meanwhile; then look again).
      if (map.replace(key, existing, fresh)) {
        ctx.fireChannelRead(request);
        return;
      }
    }
  }

  /** Stores the reply sent for the request, for its retransmits. */
  void answered(InboundRequest request, byte[] reply) {
    Entry entry = entries.getIfPresent(Key.of(request));
    if (entry != null && entry.isOf(request)) {
      entry.reply = reply;
    }
  }

  /** Forgets a request that got no answer, so its retransmit runs again. */
  void unanswered(InboundRequest request) {
    Key key = Key.of(request);
    Entry entry = entries.getIfPresent(key);
    if (entry != null && entry.isOf(request)) {
      entries.asMap().remove(key, entry);
    }
  }
}
