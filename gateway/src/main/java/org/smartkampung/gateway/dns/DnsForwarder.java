package org.smartkampung.gateway.dns;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.smartkampung.gateway.Transport;

/**
 * The DNS forwarder clients use (nftables sends their port-53 traffic here before login). It relays
 * each query to the upstream resolver under a fresh id and relays the answer back. When the
 * question is a walled-garden name, the answer's A records go into the nftables garden set for
 * their TTL <em>before</em> the client gets the answer, so its first connection already passes.
 */
public final class DnsForwarder implements AutoCloseable {

  private static final long QUERY_TIMEOUT_MILLIS = 5000;
  private static final long MIN_TTL_SECONDS = 60;
  private static final long MAX_TTL_SECONDS = 86_400;

  private record Pending(
      InetSocketAddress client,
      InetSocketAddress local,
      int clientId,
      DnsQuestion question,
      long sentNanos) {}

  private final Channel clientSide;
  private final Channel upstreamSide;
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

  private DnsForwarder(Channel clientSide, Channel upstreamSide) {
    this.clientSide = clientSide;
    this.upstreamSide = upstreamSide;
  }

  /**
   * @param garden the walled-garden names
   * @param addToGarden called with (IPv4 address, seconds) off the event loop; must return only
   *     after the address passes the firewall
   */
  public static DnsForwarder start(
      Transport transport,
      InetSocketAddress bind,
      InetSocketAddress upstream,
      WalledGarden garden,
      BiConsumer<List<String>, Long> addToGarden,
      Executor blocking,
      MeterRegistry metrics)
      throws InterruptedException {
    DnsForwarder[] self = new DnsForwarder[1];
    Channel up =
        bind(
            transport,
            new InetSocketAddress(0),
            DatagramDnsResponse.class,
            response -> self[0].answer(response, garden, addToGarden, blocking, metrics),
            new DatagramDnsQueryEncoder(),
            new DatagramDnsResponseDecoder());
    Channel down =
        bind(
            transport,
            bind,
            DatagramDnsQuery.class,
            query -> self[0].forward(query, upstream, metrics),
            new DatagramDnsQueryDecoder(),
            new DatagramDnsResponseEncoder());
    self[0] = new DnsForwarder(down, up);
    transport.group().next().scheduleAtFixedRate(self[0]::expire, 1, 1, TimeUnit.SECONDS);
    return self[0];
  }

  /** A UDP channel whose pipeline is the given codecs, then {@code onMessage} for each message. */
  private static <M> Channel bind(
      Transport transport,
      InetSocketAddress address,
      Class<M> messageType,
      Consumer<M> onMessage,
      ChannelHandler... codecs)
      throws InterruptedException {
    return new Bootstrap()
        .group(transport.group())
        .channel(transport.datagramChannel())
        .handler(
            new ChannelInitializer<DatagramChannel>() {
              @Override
              protected void initChannel(DatagramChannel ch) {
                ch.pipeline()
                    .addLast(codecs)
                    .addLast(
                        new SimpleChannelInboundHandler<M>(messageType) {
                          @Override
                          protected void channelRead0(ChannelHandlerContext ctx, M message) {
                            onMessage.accept(message);
                          }
                        });
              }
            })
        .bind(address)
        .sync()
        .channel();
  }

  private void forward(DatagramDnsQuery query, InetSocketAddress upstream, MeterRegistry metrics) {
    DnsQuestion question = query.recordAt(DnsSection.QUESTION);
    if (question == null) {
      metrics.counter("kampung.gateway.dns", "result", "malformed").increment();
      return;
    }
    int id = freeId(query.id());
    if (id < 0) {
      metrics.counter("kampung.gateway.dns", "result", "busy").increment();
      return;
    }
    pending.put(
        id,
        new Pending(query.sender(), query.recipient(), query.id(), question, System.nanoTime()));
    DatagramDnsQuery out = new DatagramDnsQuery(null, upstream, id);
    out.setRecursionDesired(query.isRecursionDesired());
    out.addRecord(DnsSection.QUESTION, question);
    upstreamSide.writeAndFlush(out);
  }

  private void answer(
      DatagramDnsResponse response,
      WalledGarden garden,
      BiConsumer<List<String>, Long> addToGarden,
      Executor blocking,
      MeterRegistry metrics) {
    Pending p = pending.remove(response.id());
    if (p == null) {
      return; // late or forged: ignore
    }
    DatagramDnsResponse reply = new DatagramDnsResponse(p.local(), p.client(), p.clientId());
    reply.setOpCode(response.opCode());
    reply.setCode(response.code());
    reply.setRecursionDesired(response.isRecursionDesired());
    reply.setRecursionAvailable(response.isRecursionAvailable());
    reply.setTruncated(response.isTruncated());
    reply.addRecord(DnsSection.QUESTION, p.question());
    List<String> addresses = new ArrayList<>();
    long ttl = MAX_TTL_SECONDS;
    for (DnsSection section : List.of(DnsSection.ANSWER, DnsSection.AUTHORITY)) {
      for (int i = 0; i < response.count(section); i++) {
        DnsRecord record = response.recordAt(section, i);
        if (record instanceof DnsRawRecord raw) {
          reply.addRecord(section, raw.retainedDuplicate());
          if (section == DnsSection.ANSWER
              && raw.type() == DnsRecordType.A
              && raw.content().readableBytes() == 4) {
            ByteBuf c = raw.content();
            int at = c.readerIndex();
            addresses.add(
                c.getUnsignedByte(at)
                    + "."
                    + c.getUnsignedByte(at + 1)
                    + "."
                    + c.getUnsignedByte(at + 2)
                    + "."
                    + c.getUnsignedByte(at + 3));
            ttl = Math.min(ttl, raw.timeToLive());
          }
        }
      }
    }
    if (garden.matches(p.question().name()) && !addresses.isEmpty()) {
      long seconds = Math.max(MIN_TTL_SECONDS, ttl);
      metrics.counter("kampung.gateway.dns", "result", "garden").increment();
      blocking.execute(
          () -> {
            try {
              addToGarden.accept(addresses, seconds);
            } finally {
              clientSide.writeAndFlush(reply);
            }
          });
    } else {
      metrics.counter("kampung.gateway.dns", "result", "forwarded").increment();
      clientSide.writeAndFlush(reply);
    }
  }

  private int freeId(int preferred) {
    int id = preferred;
    for (int tries = 0; tries < 65536; tries++) {
      if (pending.putIfAbsent(id, PLACEHOLDER) == null) {
        return id;
      }
      id = (id + 1) & 0xffff;
    }
    return -1;
  }

  private static final Pending PLACEHOLDER = new Pending(null, null, 0, null, Long.MAX_VALUE);

  private void expire() {
    long now = System.nanoTime();
    pending
        .entrySet()
        .removeIf(
            e ->
                e.getValue() != PLACEHOLDER
                    && now - e.getValue().sentNanos() > QUERY_TIMEOUT_MILLIS * 1_000_000);
  }

  public int port() {
    return ((InetSocketAddress) clientSide.localAddress()).getPort();
  }

  @Override
  public void close() {
    clientSide.close().awaitUninterruptibly();
    upstreamSide.close().awaitUninterruptibly();
    pending.values().forEach(p -> ReferenceCountUtil.release(p.question()));
  }
}
