package org.smartkampung.radius;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.codec.RadiusDictionary;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.config.PasswordCheckSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.health.CoalescedSightings;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.report.ActivityRecorder;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.PasswordVerifier;
import org.smartkampung.core.subscriber.VerifiedPasswords;
import org.smartkampung.core.village.Village;
import org.smartkampung.radius.acct.AcctHandler;
import org.smartkampung.radius.acct.LostSessionSweeper;
import org.smartkampung.radius.auth.AuthHandler;
import org.smartkampung.radius.auth.CredentialChecker;
import org.smartkampung.radius.auth.LoginThrottle;
import org.smartkampung.radius.auth.RejectLog;
import org.smartkampung.radius.auth.RememberedDevices;
import org.smartkampung.radius.auth.ReplyAttributes;
import org.smartkampung.radius.auth.SessionLimits;
import org.smartkampung.radius.auth.SubscriberPasswords;
import org.smartkampung.radius.auth.VillageDirectory;
import org.smartkampung.radius.dac.DynamicAuthClient;
import org.smartkampung.radius.dac.KickCommandWorker;
import org.smartkampung.radius.dac.LimitsCommandWorker;
import org.smartkampung.radius.server.LiveClients;
import org.smartkampung.radius.server.PortKind;
import org.smartkampung.radius.server.RadSecConnections;
import org.smartkampung.radius.server.RadSecListener;
import org.smartkampung.radius.server.RadiusMetrics;
import org.smartkampung.radius.server.RadiusPipeline;
import org.smartkampung.radius.server.Reply;
import org.smartkampung.radius.server.RequestHandler;
import org.smartkampung.radius.server.SeenHotspots;
import org.tinyradius.dictionary.Dictionary;

/**
 * The RADIUS role: authentication and Status-Server on the auth port, accounting and Status-Server
 * on the accounting port (Netty UDP, epoll where available), and the dynamic-authorization client.
 * Blocking work (stores) runs on a bounded worker pool, never on the event loop; subscriber
 * password hashes run on a smaller bounded lane of their own, so a login storm never delays
 * vouchers, tokens, accounting or Status-Server. {@link #start} returns once both ports are bound;
 * {@link #close} stops everything.
 */
public final class RadiusServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RadiusServer.class);

  /**
   * Worker threads: store round trips must not stall the loop, but more threads than a few per core
   * only add switching. PBKDF2 (~100 ms each) runs on the password lane, not here.
   */
  static final int WORKER_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  /** Requests waiting for a worker before new ones are dropped (the NAS retransmits). */
  static final int WORKER_QUEUE = 8192;

  /** Limits checks after accounting records waiting for their lane before new ones fail. */
  static final int LIMITS_QUEUE = 65_536;

  /** Accounting-On/Off waiting for the bulk lane before new ones are dropped. */
  static final int BULK_QUEUE = 256;

  /** How often sessions whose Stop never came are looked for. */
  static final int LOST_SESSION_SWEEP_SECONDS = 60;

  private final EventLoopGroup group;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor passwordLane;
  private final Channel auth;
  private final Channel acct;
  private final DynamicAuthClient dynamicAuthorization;
  private final KickCommandWorker kicks;
  private final LimitsCommandWorker limits;
  private final RadiusMetrics metrics;
  private final ThreadPoolExecutor bulk;
  private final ThreadPoolExecutor limitsLane;
  private final LostSessionSweeper sweeper;
  private final EventLoopGroup radSecGroup;
  private final RadSecListener radSec;

  private final ActivityRecorder activity;

  private RadiusServer(
      ActivityRecorder activity,
      EventLoopGroup group,
      ThreadPoolExecutor workers,
      ThreadPoolExecutor bulk,
      ThreadPoolExecutor limitsLane,
      LostSessionSweeper sweeper,
      ThreadPoolExecutor passwordLane,
      Channel auth,
      Channel acct,
      DynamicAuthClient dynamicAuthorization,
      KickCommandWorker kicks,
      LimitsCommandWorker limits,
      RadiusMetrics metrics,
      EventLoopGroup radSecGroup,
      RadSecListener radSec) {
    this.radSecGroup = radSecGroup;
    this.radSec = radSec;
    this.activity = activity;
    this.group = group;
    this.workers = workers;
    this.bulk = bulk;
    this.limitsLane = limitsLane;
    this.sweeper = sweeper;
    this.passwordLane = passwordLane;
    this.auth = auth;
    this.acct = acct;
    this.dynamicAuthorization = dynamicAuthorization;
    this.kicks = kicks;
    this.limits = limits;
    this.metrics = metrics;
  }

  /**
   * Binds the ports named in {@code config.radius()} (0 picks a free port) and starts serving.
   *
   * @throws IllegalArgumentException when a hotspot address is not an IP or CIDR
   */
  public static RadiusServer start(
      KampungConfig config, KampungStores stores, Clock clock, MeterRegistry registry) {
    return start(config, () -> config, stores, clock, registry);
  }

  /**
   * Like {@link #start(KampungConfig, KampungStores, Clock, MeterRegistry)}, with subscriber
   * passwords checked by {@code verifier} instead of PBKDF2 (tests inject a slow or counting one).
   */
  public static RadiusServer start(
      KampungConfig config,
      KampungStores stores,
      Clock clock,
      MeterRegistry registry,
      PasswordVerifier verifier) {
    return start(config, () -> config, () -> {}, listener -> {}, stores, clock, registry, verifier);
  }

  /**
   * Like {@link #start(KampungConfig, KampungStores, Clock, MeterRegistry)}, with villages and
   * policies read from {@code live} at every Access-Request (admin console edits apply to the next
   * login, and running sessions get them by CoA when the console asks); ports and NAS clients stay
   * those of {@code config}.
   */
  public static RadiusServer start(
      KampungConfig config,
      LiveConfig live,
      KampungStores stores,
      Clock clock,
      MeterRegistry registry) {
    return start(
        config,
        live::current,
        live::refresh,
        listener -> {},
        stores,
        clock,
        registry,
        PasswordVerifier.PBKDF2);
  }

  /**
   * Like {@link #start(KampungConfig, LiveConfig, KampungStores, Clock, MeterRegistry)} with a
   * configuration that {@code live} supplies and that needs no reloading.
   */
  public static RadiusServer start(
      KampungConfig config,
      Supplier<KampungConfig> live,
      KampungStores stores,
      Clock clock,
      MeterRegistry registry) {
    return start(
        config, live, () -> {}, listener -> {}, stores, clock, registry, PasswordVerifier.PBKDF2);
  }

  /**
   * Serves the configuration in force in {@code live}: villages and policies as above, and NAS
   * clients too, which are swapped in whenever {@code live} reports a change (a hotspot added or
   * re-keyed in the console answers without a restart). Ports stay those of the file.
   */
  public static RadiusServer start(
      LiveConfig live, KampungStores stores, Clock clock, MeterRegistry registry) {
    return start(
        live.current(),
        live::current,
        live::refresh,
        live::onChange,
        stores,
        clock,
        registry,
        PasswordVerifier.PBKDF2);
  }

  private static RadiusServer start(
      KampungConfig config,
      Supplier<KampungConfig> live,
      Runnable reloadConfig,
      Consumer<Consumer<KampungConfig>> onChange,
      KampungStores stores,
      Clock clock,
      MeterRegistry registry,
      PasswordVerifier verifier) {
    RadiusSettings settings = config.radius();
    Dictionary dictionary =
        RadiusDictionary.load(
            settings.dictionary() == null ? null : Path.of(settings.dictionary()));
    Attributes attributes = new Attributes(dictionary);
    List<NasClient> nasClients = config.nasClients();
    warnAboutWeakClients(nasClients);
    RadiusMetrics metrics = new RadiusMetrics(registry);

    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1,
            new DefaultThreadFactory("radius-io", true),
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Class<? extends DatagramChannel> channelType =
        epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    ThreadPoolExecutor workers = lane("radius-worker", WORKER_THREADS, WORKER_QUEUE);
    // Accounting-On/Off closes a NAS's sessions in bulk: its own lane, never a worker's.
    ThreadPoolExecutor bulk = lane("radius-bulk", 1, BULK_QUEUE);
    // The limits a running session is checked against after each record: store reads on a miss,
    // so never on the thread that completes the store's pipelines.
    ThreadPoolExecutor limitsLane = lane("radius-limits", 1, LIMITS_QUEUE);
    ThreadPoolExecutor passwordLane = passwordLane(settings.passwordChecks());
    // TLS costs CPU per packet: RadSec connections get loops of their own, one per core.
    EventLoopGroup radSecGroup =
        settings.radsec().enabled()
            ? new MultiThreadIoEventLoopGroup(
                Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("radsec-io", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory())
            : null;
    Gauge.builder("kampung.radius.password.queue", passwordLane, lane -> lane.getQueue().size())
        .description("subscriber password checks waiting for the password lane")
        .register(registry);
    try {
      LiveClients clients = new LiveClients(nasClients, stores.nasState(), workers);
      RadSecConnections radSecConnections = new RadSecConnections(clock);
      DynamicAuthClient dac =
          new DynamicAuthClient(
              group,
              channelType,
              settings.bindAddress(),
              clients,
              stores.sessions(),
              attributes,
              metrics,
              clock,
              Duration.ofSeconds(2),
              3,
              radSecConnections);
      RememberedDevices devices =
          new RememberedDevices(
              stores.rememberedDevices(), clock, Duration.ofDays(settings.rememberedDeviceDays()));
      ReplyAttributes replyAttributes = new ReplyAttributes(attributes);
      PasswordCheckSettings checks = settings.passwordChecks();
      SubscriberPasswords passwords =
          new SubscriberPasswords(
              verifier,
              passwordLane,
              new VerifiedPasswords(
                  Duration.ofMinutes(checks.cacheMinutes()),
                  Duration.ofSeconds(checks.wrongCacheSeconds()),
                  checks.cacheEntries(),
                  clock),
              new LoginThrottle(stores.failureCounters(), settings.loginThrottle()),
              metrics);
      SessionLimits sessionLimits =
          new SessionLimits(
              new VillageDirectory(live),
              stores.subscribers(),
              stores.vouchers(),
              clock,
              limitsLane);
      AuthHandler authHandler =
          new AuthHandler(
              new VillageDirectory(live),
              new CredentialChecker(
                  stores.loginTokens(),
                  stores.subscribers(),
                  stores.vouchers(),
                  devices,
                  stores.deviceLists()),
              passwords,
              stores.ledger(),
              devices,
              attributes,
              settings.onStoreOutage(),
              clock,
              new RejectLog(stores.failedLogins(), registry, clock));
      ActivityRecorder activity =
          new ActivityRecorder(
              stores.monthlyRollups(),
              id -> live.get().village(id).map(Village::timeZone).orElse(Village.DEFAULT_ZONE),
              clock);
      AcctHandler acctHandler =
          new AcctHandler(
              stores.ledger(),
              stores.sessions(),
              sessionLimits,
              dac::disconnect,
              metrics,
              clock,
              bulk,
              activity);
      LostSessionSweeper sweeper =
          new LostSessionSweeper(
              new VillageDirectory(live),
              () -> live.get().villages().stream().map(Village::id).toList(),
              stores.sessions(),
              stores.ledger(),
              clock,
              registry,
              LOST_SESSION_SWEEP_SECONDS,
              acctHandler::forget);
      RequestHandler status =
          request ->
              Optional.of(
                  new Reply(
                      request.port() == PortKind.AUTH
                          ? RadiusCode.ACCESS_ACCEPT
                          : RadiusCode.ACCOUNTING_RESPONSE,
                      List.of(),
                      "alive"));
      SeenHotspots seen =
          new SeenHotspots(new CoalescedSightings(stores.hotspotSightings()), clock);
      RadiusPipeline pipeline =
          new RadiusPipeline(
              dictionary,
              clients,
              Duration.ofSeconds(settings.dedupWindowSeconds()),
              workers,
              seen.noting(authHandler),
              seen.noting(acctHandler),
              seen.noting(status),
              metrics);
      Channel authChannel =
          bind(
              group,
              channelType,
              pipeline,
              PortKind.AUTH,
              settings.bindAddress(),
              settings.authPort());
      Channel acctChannel =
          bind(
              group,
              channelType,
              pipeline,
              PortKind.ACCT,
              settings.bindAddress(),
              settings.acctPort());
      RadSecListener radSec =
          settings.radsec().enabled()
              ? RadSecListener.start(
                  radSecGroup,
                  epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class,
                  settings.bindAddress(),
                  settings.radsec(),
                  pipeline,
                  radSecConnections)
              : null;
      KickCommandWorker kicks = new KickCommandWorker(stores.sessionCommands(), dac, clock);
      LimitsCommandWorker limits =
          new LimitsCommandWorker(
              new LimitsCommandWorker.Parts(
                  stores.sessionCommands(),
                  stores.sessions(),
                  stores.ledger(),
                  sessionLimits,
                  clients,
                  replyAttributes,
                  dac,
                  metrics),
              live,
              reloadConfig,
              clock);
      RadiusServer server =
          new RadiusServer(
              activity,
              group,
              workers,
              bulk,
              limitsLane,
              sweeper,
              passwordLane,
              authChannel,
              acctChannel,
              dac,
              kicks,
              limits,
              metrics,
              radSecGroup,
              radSec);
      // Registered last: a listener is called at once, and a failed start must leave none behind.
      onChange.accept(next -> clients.update(next.nasClients()));
      log.info(
          "RADIUS listening on {} auth {} acct {} ({}), {} hotspot(s)",
          settings.bindAddress(),
          server.authPort(),
          server.acctPort(),
          epoll ? "epoll" : "nio",
          nasClients.size());
      if (radSec != null) {
        log.info(
            "RadSec (RADIUS over TLS) listening on {} tcp {} ({}), CA {}{}",
            settings.bindAddress(),
            radSec.port(),
            radSec.tlsProvider(),
            settings.radsec().caCertificates(),
            settings.radsec().crl() == null ? "" : ", CRL " + settings.radsec().crl());
      }
      return server;
    } catch (RuntimeException e) {
      workers.shutdownNow();
      bulk.shutdownNow();
      limitsLane.shutdownNow();
      passwordLane.shutdownNow();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      if (radSecGroup != null) {
        radSecGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
      throw e;
    }
  }

  /**
   * The subscriber password lane: at most cores - 1 threads (at least one), so hashing never takes
   * every core, and a bounded queue; a full queue rejects, and the request is dropped and counted.
   */
  private static ThreadPoolExecutor passwordLane(PasswordCheckSettings checks) {
    int threads = checks.threadsFor(Runtime.getRuntime().availableProcessors());
    if (checks.threads() > threads) {
      log.warn(
          "radius.password-checks.threads {} is more than cores - 1: using {}",
          checks.threads(),
          threads);
    }
    return lane("radius-password", threads, checks.queue());
  }

  /**
   * A bounded lane of daemon threads: when its queue is full, new work is refused at once (the
   * caller drops and counts it, and the NAS retries), never queued without end.
   */
  private static ThreadPoolExecutor lane(String name, int threads, int queue) {
    return new ThreadPoolExecutor(
        threads,
        threads,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue),
        new DefaultThreadFactory(name, true),
        new ThreadPoolExecutor.AbortPolicy());
  }

  private static Channel bind(
      EventLoopGroup group,
      Class<? extends DatagramChannel> channelType,
      RadiusPipeline pipeline,
      PortKind port,
      String address,
      int portNumber) {
    return new Bootstrap()
        .group(group)
        .channel(channelType)
        .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
        .option(ChannelOption.SO_SNDBUF, 1024 * 1024)
        .handler(pipeline.initializer(port))
        .bind(new InetSocketAddress(address, portNumber))
        .syncUninterruptibly()
        .channel();
  }

  private static void warnAboutWeakClients(List<NasClient> clients) {
    for (NasClient client : clients) {
      if (client.requireMessageAuthenticator() == MessageAuthenticatorPolicy.NO) {
        log.warn(
            "hotspot {} does not require Message-Authenticator: its Access-Requests are open to"
                + " BlastRADIUS (CVE-2024-3596) forgery; update its firmware and set 'yes'",
            client.name());
      }
    }
  }

  /** The bound authentication port. */
  public int authPort() {
    return ((InetSocketAddress) auth.localAddress()).getPort();
  }

  /** The bound accounting port. */
  public int acctPort() {
    return ((InetSocketAddress) acct.localAddress()).getPort();
  }

  /** The bound RadSec TCP port, or -1 when RadSec is off. */
  public int radSecPort() {
    return radSec == null ? -1 : radSec.port();
  }

  /** The hotspots connected by RadSec now (none when RadSec is off). */
  public RadSecConnections radSecConnections() {
    return radSec == null ? new RadSecConnections(Clock.systemUTC()) : radSec.connections();
  }

  /** Disconnect and CoA, also for the admin console's "kick". */
  public DynamicAuthClient dynamicAuthorization() {
    return dynamicAuthorization;
  }

  public RadiusMetrics metrics() {
    return metrics;
  }

  /**
   * Closes the sessions whose Stop never came now, as the periodic sweep does.
   *
   * @return how many were closed
   */
  public int sweepLostSessions() {
    return sweeper.sweep();
  }

  @Override
  public void close() {
    sweeper.close();
    bulk.shutdownNow();
    limitsLane.shutdownNow();
    kicks.close();
    limits.close();
    auth.close().syncUninterruptibly();
    acct.close().syncUninterruptibly();
    if (radSec != null) {
      radSec.close();
      radSecGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
    dynamicAuthorization.close();
    // Checks still queued would only answer a NAS that has given up: drop them.
    passwordLane.shutdownNow();
    workers.shutdown();
    try {
      passwordLane.awaitTermination(5, TimeUnit.SECONDS);
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    activity.close();
  }
}
