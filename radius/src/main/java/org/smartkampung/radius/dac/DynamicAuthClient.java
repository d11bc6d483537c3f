package org.smartkampung.radius.dac;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.radius.server.LiveClients;
import org.smartkampung.radius.server.RadSecConnections;
import org.smartkampung.radius.server.RadiusMetrics;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * Dynamic authorization client (RFC 5176): sends Disconnect-Request and CoA-Request to a NAS's
 * coaPort with a Message-Authenticator, retransmits the same datagram until an answer whose
 * authenticators check out arrives or the attempts run out, and records every result (log, the
 * {@code kampung.radius.dac} meter, and {@link #recentResults()}). Thread-safe.
 */
public final class DynamicAuthClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DynamicAuthClient.class);
  private static final int RECENT = 200;

  private record Pending(
      DacResult.Kind kind,
      Session session,
      NasClient nas,
      InetSocketAddress target,
      byte[] packet,
      CompletableFuture<DacResult> result,
      AtomicInteger attempts,
      Channel radSec) {}

  private final Channel channel;
  private final LiveClients clients;
  private final SessionStore sessions;
  private final Attributes attributes;
  private final RadiusMetrics metrics;
  private final Clock clock;
  private final Duration timeout;
  private final int maxAttempts;
  private final ConcurrentHashMap<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger nextIdentifier = new AtomicInteger();
  private final Deque<DacResult> recent = new ArrayDeque<>();
  private final RadSecConnections radSec;

  /**
   * Binds an ephemeral UDP port on {@code bindAddress}.
   *
   * @param timeout how long to wait for an answer before retransmitting
   * @param maxAttempts datagrams to send at most, 1 or more
   */
  public DynamicAuthClient(
      EventLoopGroup group,
      Class<? extends DatagramChannel> channelType,
      String bindAddress,
      LiveClients clients,
      SessionStore sessions,
      Attributes attributes,
      RadiusMetrics metrics,
      Clock clock,
      Duration timeout,
      int maxAttempts) {
    this(
        group,
        channelType,
        bindAddress,
        clients,
        sessions,
        attributes,
        metrics,
        clock,
        timeout,
        maxAttempts,
        new RadSecConnections(clock));
  }

  /**
   * As above; a hotspot connected by RadSec in {@code radSec} gets its requests over that TLS
   * connection (it may sit behind NAT, where UDP 3799 cannot reach it), answered on the same
   * connection and matched by identifier there.
   */
  public DynamicAuthClient(
      EventLoopGroup group,
      Class<? extends DatagramChannel> channelType,
      String bindAddress,
      LiveClients clients,
      SessionStore sessions,
      Attributes attributes,
      RadiusMetrics metrics,
      Clock clock,
      Duration timeout,
      int maxAttempts,
      RadSecConnections radSec) {
    this.radSec = radSec;
    radSec.onResponse(this::radSecResponse);
    this.clients = clients;
    this.sessions = sessions;
    this.attributes = attributes;
    this.metrics = metrics;
    this.clock = clock;
    this.timeout = timeout;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.channel =
        new Bootstrap()
            .group(group)
            .channel(channelType)
            .handler(new ResponseHandler())
            .bind(new InetSocketAddress(bindAddress, 0))
            .syncUninterruptibly()
            .channel();
  }

  /** Ends the session with that id ("kick" in the admin console). Looks it up in the store. */
  public CompletableFuture<DacResult> kick(String sessionId) {
    Optional<Session> session = sessions.find(sessionId);
    if (session.isEmpty()) {
      return CompletableFuture.completedFuture(
          record(
              DacResult.Kind.DISCONNECT, sessionId, "", DacResult.Outcome.UNKNOWN_SESSION, 0, 0));
    }
    return disconnect(session.get());
  }

  /** Sends a Disconnect-Request for the session to its NAS. */
  public CompletableFuture<DacResult> disconnect(Session session) {
    return send(DacResult.Kind.DISCONNECT, session, List.of());
  }

  /** Sends a CoA-Request with the given new authorization attributes (Session-Timeout, rates). */
  public CompletableFuture<DacResult> changeAuthorization(
      Session session, List<RadiusAttribute> changes) {
    return send(DacResult.Kind.COA, session, changes);
  }

  /** The latest results, newest first, at most 200. */
  public List<DacResult> recentResults() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  private CompletableFuture<DacResult> send(
      DacResult.Kind kind, Session session, List<RadiusAttribute> extra) {
    NasClient nas = clients.table().byName(session.nasName());
    if (nas == null) {
      return CompletableFuture.completedFuture(
          record(kind, session.id(), session.nasName(), DacResult.Outcome.UNKNOWN_SESSION, 0, 0));
    }
    Channel connection = radSec.channel(nas.name()).orElse(null);
    if (connection != null) {
      nas = nas.overRadSec();
    }
    List<RadiusAttribute> attrs =
        new ArrayList<>(DacRequests.identify(attributes, session, nas.type()));
    attrs.addAll(extra);
    int code =
        kind == DacResult.Kind.DISCONNECT ? RadiusCode.DISCONNECT_REQUEST : RadiusCode.COA_REQUEST;
    Integer identifier = null;
    for (int tries = 0; tries < 256 && identifier == null; tries++) {
      int candidate = nextIdentifier.getAndIncrement() & 0xff;
      if (!pending.containsKey(candidate)) {
        identifier = candidate;
      }
    }
    CompletableFuture<DacResult> result = new CompletableFuture<>();
    if (identifier == null) {
      result.complete(record(kind, session.id(), nas.name(), DacResult.Outcome.ERROR, 0, 0));
      return result;
    }
    byte[] packet =
        PacketCodec.encodeRequest(
            code, identifier, attrs, nas.secret().getBytes(StandardCharsets.UTF_8), true);
    Pending p =
        new Pending(
            kind,
            session,
            nas,
            connection != null ? null : new InetSocketAddress(session.nasAddress(), nas.coaPort()),
            packet,
            result,
            new AtomicInteger(),
            connection);
    if (pending.putIfAbsent(identifier, p) != null) {
      result.complete(record(kind, session.id(), nas.name(), DacResult.Outcome.ERROR, 0, 0));
      return result;
    }
    int id = identifier;
    channel.eventLoop().execute(() -> transmit(id, p));
    return result;
  }

  /** Runs on the channel's event loop. */
  private void transmit(int identifier, Pending p) {
    if (p.result().isDone()) {
      return;
    }
    if (p.attempts().get() >= maxAttempts) {
      pending.remove(identifier, p);
      p.result().complete(record(p, DacResult.Outcome.TIMEOUT, 0));
      return;
    }
    if (p.radSec() == null) {
      p.attempts().incrementAndGet();
      channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(p.packet()), p.target()));
    } else if (p.attempts().incrementAndGet() == 1) {
      // TCP delivers or the connection breaks: sent once (RFC 6614 2.5), then waited for.
      p.radSec().writeAndFlush(Unpooled.wrappedBuffer(p.packet()));
    }
    channel
        .eventLoop()
        .schedule(() -> transmit(identifier, p), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private DacResult record(
      DacResult.Kind kind,
      String sessionId,
      String nasName,
      DacResult.Outcome outcome,
      int attempts,
      long errorCause) {
    return record(kind, sessionId, nasName, outcome, attempts, errorCause, false);
  }

  private DacResult record(Pending p, DacResult.Outcome outcome, long errorCause) {
    return record(
        p.kind(),
        p.session().id(),
        p.nas().name(),
        outcome,
        p.attempts().get(),
        errorCause,
        p.radSec() != null);
  }

  private DacResult record(
      DacResult.Kind kind,
      String sessionId,
      String nasName,
      DacResult.Outcome outcome,
      int attempts,
      long errorCause,
      boolean viaRadSec) {
    DacResult result =
        new DacResult(
            kind, sessionId, nasName, outcome, attempts, errorCause, clock.instant(), viaRadSec);
    log.info(
        "{} for session {} on NAS {}{}: {} after {} attempt(s){}",
        kind,
        sessionId,
        nasName,
        viaRadSec ? " over RadSec" : "",
        outcome,
        attempts,
        errorCause == 0 ? "" : ", Error-Cause " + errorCause);
    metrics.dac(
        kind.name().toLowerCase(java.util.Locale.ROOT),
        outcome.name().toLowerCase(java.util.Locale.ROOT));
    synchronized (recent) {
      recent.addFirst(result);
      while (recent.size() > RECENT) {
        recent.removeLast();
      }
    }
    return result;
  }

  /** An answer that came on a hotspot's RadSec connection: only for a request sent on it. */
  private void radSecResponse(String hotspot, Channel connection, byte[] response) {
    Pending p = pending.get(response[1] & 0xff);
    if (p == null || p.radSec() != connection) {
      return;
    }
    answered(p, response, hotspot);
  }

  private void answered(Pending p, byte[] response, Object from) {
    if (!DacResponses.answers(p.kind(), p.packet(), p.nas().secret(), response)) {
      log.warn("ignoring a dynamic-authorization answer from {} that fails its checks", from);
      return;
    }
    if (!pending.remove(response[1] & 0xff, p)) {
      return;
    }
    int code = response[0] & 0xff;
    boolean ack = code == RadiusCode.DISCONNECT_ACK || code == RadiusCode.COA_ACK;
    long cause = DacResponses.errorCause(response);
    p.result().complete(record(p, ack ? DacResult.Outcome.ACK : DacResult.Outcome.NAK, cause));
  }

  /** Matches answers to outstanding requests; ignores anything that does not check out. */
  private final class ResponseHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
      ByteBuf content = datagram.content();
      int readable = content.readableBytes();
      if (readable < RadiusCode.HEADER_BYTES || readable > RadiusCode.MAX_PACKET_BYTES) {
        return;
      }
      byte[] raw = new byte[readable];
      content.getBytes(content.readerIndex(), raw);
      int length = PacketCodec.checkLayout(raw, readable);
      if (length < 0) {
        return;
      }
      byte[] response = Arrays.copyOf(raw, length);
      Pending p = pending.get(response[1] & 0xff);
      if (p == null
          || p.target() == null
          || !datagram.sender().getAddress().equals(p.target().getAddress())) {
        return;
      }
      answered(p, response, datagram.sender());
    }
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    for (Pending p : pending.values()) {
      p.result().complete(record(p, DacResult.Outcome.ERROR, 0));
    }
    pending.clear();
  }
}
