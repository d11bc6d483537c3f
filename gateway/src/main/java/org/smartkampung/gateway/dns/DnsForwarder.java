package org.smartkampung.gateway.dns;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.gateway.pipeline.PipelineErrors;
import org.smartkampung.gateway.pipeline.Transport;
import org.smartkampung.gateway.pipeline.WarnLimiter;

/**
 * The DNS forwarder clients use. It listens on the gateway's client-side address only. Each query
 * goes upstream from a socket of its own, connected to one of the configured resolvers (a fresh
 * random source port), under a random id; only an answer from that resolver, with that id and
 * exactly the question asked, is taken. A resolver that does not answer within {@link
 * #ATTEMPT_TIMEOUT_MILLIS} (or refuses with an ICMP port-unreachable) gets the question no longer:
 * the next resolver is asked, from a new socket under a new id, and is asked first from then on.
 * When the question is a walled-garden name, the answer's A records go into the nftables garden set
 * for their TTL <em>before</em> the client gets the answer, so its first connection already passes.
 * Clients that have not logged in get only what {@link BeforeLogin} allows, and only A, AAAA and
 * CNAME records back.
 */
public final class DnsForwarder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DnsForwarder.class);

  /** How long one resolver has to answer before the next one is asked. */
  static final long ATTEMPT_TIMEOUT_MILLIS = 2000;

  private static final long MIN_TTL_SECONDS = 60;
  private static final long MAX_TTL_SECONDS = 86_400;
  private static final int MAX_IN_FLIGHT = 1024;
  private static final Set<DnsRecordType> BEFORE_LOGIN_TYPES =
      Set.of(DnsRecordType.A, DnsRecordType.AAAA, DnsRecordType.CNAME);

  /**
   * Who may ask what.
   *
   * @param garden the walled-garden names
   * @param online whether a client address has logged in (asked on the event loop: must not block)
   * @param beforeLogin the rules for clients that have not
   */
  public record Policy(WalledGarden garden, Predicate<String> online, BeforeLogin beforeLogin) {}

  private final Transport transport;
  private final List<InetSocketAddress> upstreams;
  private final Policy policy;
  private final BiConsumer<List<String>, Long> addToGarden;
  private final Executor blocking;
  private final MeterRegistry metrics;
  private final PipelineErrors errors;
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger inFlight = new AtomicInteger();
  // The resolver asked first: the one after the last that failed to answer.
  private final AtomicInteger preferred = new AtomicInteger();
  private final WarnLimiter silentResolver;
  private Channel clientSide;

  private DnsForwarder(
      Transport transport,
      List<InetSocketAddress> upstreams,
      Policy policy,
      BiConsumer<List<String>, Long> addToGarden,
      Executor blocking,
      MeterRegistry metrics,
      PipelineErrors errors,
      Clock clock) {
    if (upstreams.isEmpty()) {
      throw new IllegalArgumentException("at least one upstream resolver is needed");
    }
    this.transport = transport;
    this.upstreams = List.copyOf(upstreams);
    this.silentResolver = new WarnLimiter(log, clock);
    this.policy = policy;
    this.addToGarden = addToGarden;
    this.blocking = blocking;
    this.metrics = metrics;
    this.errors = errors;
  }

  /**
   * @param bind the client-side address and port to listen on (never the wildcard address)
   * @param upstreams the resolvers, asked one after the other until one answers
   * @param addToGarden called with (IPv4 address, seconds) off the event loop; must return only
   *     after the address passes the firewall
   * @param errors the pipeline's error reporter
   */
  public static DnsForwarder start(
      Transport transport,
      InetSocketAddress bind,
      List<InetSocketAddress> upstreams,
      Policy policy,
      BiConsumer<List<String>, Long> addToGarden,
      Executor blocking,
      MeterRegistry metrics,
      PipelineErrors errors,
      Clock clock)
      throws InterruptedException {
    DnsForwarder forwarder =
        new DnsForwarder(
            transport, upstreams, policy, addToGarden, blocking, metrics, errors, clock);
    forwarder.clientSide =
        new Bootstrap()
            .group(transport.group())
            .channel(transport.datagramChannel())
            .handler(
                new ChannelInitializer<DatagramChannel>() {
                  @Override
                  protected void initChannel(DatagramChannel ch) {
                    ch.pipeline()
                        .addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder())
                        .addLast(
                            new SimpleChannelInboundHandler<DatagramDnsQuery>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, DatagramDnsQuery query) {
                                forwarder.forward(query);
                              }
                            })
                        .addLast(errors);
                  }
                })
            .bind(bind)
            .sync()
            .channel();
    return forwarder;
  }

  private void forward(DatagramDnsQuery query) {
    DnsQuestion asked = query.recordAt(DnsSection.QUESTION);
    if (asked == null
        || query.count(DnsSection.QUESTION) != 1
        || !query.opCode().equals(DnsOpCode.QUERY)) {
      count("malformed");
      return;
    }
    String client = query.sender().getAddress().getHostAddress();
    boolean online = policy.online().test(client);
    if (!online) {
      Optional<BeforeLogin.Refusal> refusal = policy.beforeLogin().refusal(client, asked);
      if (refusal.isPresent()) {
        count("refused-" + refusal.get().name().toLowerCase(Locale.ROOT));
        clientSide.writeAndFlush(
            reply(query.recipient(), query.sender(), query.id(), query.isRecursionDesired(), asked)
                .setCode(DnsResponseCode.REFUSED)
                .setRecursionAvailable(true));
        return;
      }
    }
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      count("busy");
      return;
    }
    ask(new Query(query, asked, online, preferred.get()), 0);
  }

  /** Asks the {@code attempt}-th resolver (counting from the one asked first) from a new socket. */
  private void ask(Query q, int attempt) {
    int index = (q.first + attempt) % upstreams.size();
    InetSocketAddress upstream = upstreams.get(index);
    Attempt up = new Attempt(q, attempt, index, random.nextInt(0x10000));
    ChannelFuture connecting =
        new Bootstrap()
            .group(transport.group())
            .channel(transport.datagramChannel())
            .handler(
                new ChannelInitializer<DatagramChannel>() {
                  @Override
                  protected void initChannel(DatagramChannel ch) {
                    ch.pipeline()
                        .addLast(new DatagramDnsQueryEncoder(), new DatagramDnsResponseDecoder())
                        .addLast(up)
                        .addLast(errors);
                  }
                })
            .connect(upstream);
    connecting.addListener(
        (ChannelFuture f) -> {
          if (!f.isSuccess()) {
            count("upstream-failed");
            f.channel().close();
            inFlight.decrementAndGet();
            clientSide.writeAndFlush(reply(q, DnsResponseCode.SERVFAIL));
            return;
          }
          DatagramDnsQuery out = new DatagramDnsQuery(null, upstream, up.id);
          out.setRecursionDesired(q.recursionDesired);
          out.addRecord(DnsSection.QUESTION, q.question);
          f.channel().writeAndFlush(out);
          f.channel()
              .eventLoop()
              .schedule(
                  () -> up.giveUp(f.channel(), "timeout"),
                  ATTEMPT_TIMEOUT_MILLIS,
                  TimeUnit.MILLISECONDS);
        });
  }

  /** One client question, asked of one resolver after the other until one answers. */
  private static final class Query {
    final InetSocketAddress client;
    final InetSocketAddress local;
    final int clientId;
    final boolean recursionDesired;
    final DnsQuestion question;
    final boolean online;
    final int first;

    Query(DatagramDnsQuery query, DnsQuestion asked, boolean online, int first) {
      this.client = query.sender();
      this.local = query.recipient();
      this.clientId = query.id();
      this.recursionDesired = query.isRecursionDesired();
      this.question = new DefaultDnsQuestion(asked.name(), asked.type(), asked.dnsClass());
      this.online = online;
      this.first = first;
    }
  }

  /** One resolver's turn: takes the first answer that matches it, then closes. */
  private final class Attempt extends SimpleChannelInboundHandler<DatagramDnsResponse> {
    final Query query;
    final int attempt;
    final int index;
    final int id;
    // Answered, timed out or refused: touched on this channel's event loop only.
    boolean over;
    boolean answered;

    Attempt(Query query, int attempt, int index, int id) {
      this.query = query;
      this.attempt = attempt;
      this.index = index;
      this.id = id;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsResponse response) {
      if (over) {
        return;
      }
      if (response.id() != id || !asksExactly(response, query.question)) {
        count("mismatched");
        return; // not our answer: keep waiting for the real one
      }
      over = true;
      answered = true;
      inFlight.decrementAndGet();
      answer(query, response);
    }

    /** Closed once the read is over: closing inside it would fail the read loop's next recv. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (answered) {
        ctx.close();
      }
      ctx.fireChannelReadComplete();
    }

    /** The resolver's ICMP port-unreachable: it is down, so the next one is asked at once. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof PortUnreachableException) {
        giveUp(ctx.channel(), "unreachable");
      } else {
        ctx.fireExceptionCaught(cause);
      }
    }

    /** This resolver did not answer: ask the next one, or leave the client to retry. */
    void giveUp(Channel channel, String why) {
      if (over) {
        return;
      }
      over = true;
      channel.close();
      count(why);
      InetSocketAddress silent = upstreams.get(index);
      if (attempt + 1 < upstreams.size()) {
        preferred.compareAndSet(index, (index + 1) % upstreams.size());
        silentResolver.warn("resolver {} did not answer ({}); asking the next one", silent, why);
        ask(query, attempt + 1);
      } else {
        inFlight.decrementAndGet();
        silentResolver.warn("no resolver answered ({}), last asked {}", why, silent);
      }
    }
  }

  private static boolean asksExactly(DatagramDnsResponse response, DnsQuestion question) {
    if (response.count(DnsSection.QUESTION) != 1) {
      return false;
    }
    DnsRecord q = response.recordAt(DnsSection.QUESTION);
    return q.type().equals(question.type())
        && q.dnsClass() == question.dnsClass()
        && q.name().equalsIgnoreCase(question.name());
  }

  private void answer(Query p, DatagramDnsResponse response) {
    DatagramDnsResponse reply = new DatagramDnsResponse(p.local, p.client, p.clientId);
    reply.setOpCode(response.opCode());
    reply.setCode(response.code());
    reply.setRecursionDesired(p.recursionDesired);
    reply.setRecursionAvailable(response.isRecursionAvailable());
    reply.setTruncated(response.isTruncated());
    reply.addRecord(DnsSection.QUESTION, p.question);
    List<String> addresses = new ArrayList<>();
    long ttl = MAX_TTL_SECONDS;
    List<DnsSection> sections =
        p.online ? List.of(DnsSection.ANSWER, DnsSection.AUTHORITY) : List.of(DnsSection.ANSWER);
    for (DnsSection section : sections) {
      for (int i = 0; i < response.count(section); i++) {
        DnsRecord record = response.recordAt(section, i);
        if (!(record instanceof DnsRawRecord raw)
            || (!p.online && !BEFORE_LOGIN_TYPES.contains(raw.type()))) {
          continue;
        }
        reply.addRecord(section, raw.retainedDuplicate());
        if (section == DnsSection.ANSWER
            && raw.type().equals(DnsRecordType.A)
            && raw.content().readableBytes() == 4) {
          addresses.add(ipv4(raw.content()));
          ttl = Math.min(ttl, raw.timeToLive());
        }
      }
    }
    if (policy.garden().matches(p.question.name()) && !addresses.isEmpty()) {
      long seconds = Math.max(MIN_TTL_SECONDS, ttl);
      count("garden");
      blocking.execute(
          () -> {
            try {
              addToGarden.accept(addresses, seconds);
            } finally {
              clientSide.writeAndFlush(reply);
            }
          });
    } else {
      count("forwarded");
      clientSide.writeAndFlush(reply);
    }
  }

  private static DatagramDnsResponse reply(Query q, DnsResponseCode code) {
    return reply(q.local, q.client, q.clientId, q.recursionDesired, q.question).setCode(code);
  }

  /** The reply goes back the way the question came: from where it was sent to, to its sender. */
  private static DatagramDnsResponse reply(
      InetSocketAddress from,
      InetSocketAddress to,
      int id,
      boolean recursionDesired,
      DnsQuestion asked) {
    DatagramDnsResponse reply = new DatagramDnsResponse(from, to, id);
    reply.setRecursionDesired(recursionDesired);
    reply.addRecord(
        DnsSection.QUESTION, new DefaultDnsQuestion(asked.name(), asked.type(), asked.dnsClass()));
    return reply;
  }

  private static String ipv4(ByteBuf c) {
    int at = c.readerIndex();
    return c.getUnsignedByte(at)
        + "."
        + c.getUnsignedByte(at + 1)
        + "."
        + c.getUnsignedByte(at + 2)
        + "."
        + c.getUnsignedByte(at + 3);
  }

  private void count(String result) {
    metrics.counter("kampung.gateway.dns", "result", result).increment();
  }

  public int port() {
    return ((InetSocketAddress) clientSide.localAddress()).getPort();
  }

  @Override
  public void close() {
    clientSide.close().awaitUninterruptibly();
  }
}
