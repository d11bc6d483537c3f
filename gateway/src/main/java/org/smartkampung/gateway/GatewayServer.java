package org.smartkampung.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.config.GatewayRadSecSettings;
import org.smartkampung.core.config.GatewaySettings;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.gateway.api.AuthorizeApi;
import org.smartkampung.gateway.client.ClientTable;
import org.smartkampung.gateway.client.KernelEnforcer;
import org.smartkampung.gateway.client.MacLogin;
import org.smartkampung.gateway.dac.DacListener;
import org.smartkampung.gateway.dac.DynamicAuthorization;
import org.smartkampung.gateway.dns.BeforeLogin;
import org.smartkampung.gateway.dns.DnsForwarder;
import org.smartkampung.gateway.dns.QueryBudget;
import org.smartkampung.gateway.dns.WalledGarden;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.firewall.Firewall;
import org.smartkampung.gateway.firewall.NftRuleset;
import org.smartkampung.gateway.intercept.CaptiveInterceptor;
import org.smartkampung.gateway.intercept.InterceptSettings;
import org.smartkampung.gateway.neighbour.NeighbourTable;
import org.smartkampung.gateway.pipeline.PipelineErrors;
import org.smartkampung.gateway.pipeline.Transport;
import org.smartkampung.gateway.radius.RadiusClient;
import org.smartkampung.gateway.radius.RadiusTransport;
import org.smartkampung.gateway.radius.UdpTransport;
import org.smartkampung.gateway.radsec.RadSecClient;
import org.smartkampung.gateway.shaping.TcShaper;

/**
 * The running gateway role. {@link #start} builds the nftables table (restoring live sessions from
 * the session store), sets up shaping and opens the interceptor, the authorize API, the DNS
 * forwarder and the Disconnect/CoA listener; {@link #close} stops them and removes the table and
 * shaping unless {@code keep-table-on-stop} is set. Needs root or CAP_NET_ADMIN.
 */
public final class GatewayServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
  private static final Pattern IPV4_OR_BLOCK =
      Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?");
  private static final long INTERCEPT_DEADLINE_MILLIS = 10_000;
  // Before login a phone looks up its probe and a few names at once, then little: 30 at once and
  // 2 a second is plenty for that and useless for tunnelling.
  private static final int DNS_BURST_BEFORE_LOGIN = 30;
  private static final double DNS_PER_SECOND_BEFORE_LOGIN = 2;
  private static final int DNS_BUDGET_CLIENTS = 4096;

  private final GatewaySettings settings;
  private final Transport transport;
  private final ExecutorService blocking;
  private final ScheduledExecutorService poller;
  private final Firewall firewall;
  private final TcShaper shaper;
  private final ClientTable clients;
  private final List<AutoCloseable> servers = new ArrayList<>();
  private CaptiveInterceptor interceptor;
  private AuthorizeApi api;
  private DacListener dac;
  private final RadSecClient radSec;
  private DnsForwarder dns;

  private GatewayServer(
      GatewaySettings settings,
      Firewall firewall,
      TcShaper shaper,
      ClientTable clients,
      Transport transport,
      ExecutorService blocking,
      RadSecClient radSec) {
    this.settings = settings;
    this.firewall = firewall;
    this.shaper = shaper;
    this.clients = clients;
    this.transport = transport;
    this.blocking = blocking;
    this.radSec = radSec;
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gateway-poller"));
  }

  /** Starts the gateway on this host's network (commands run directly, neighbours from /proc). */
  public static GatewayServer start(
      KampungConfig config, KampungStores stores, Clock clock, MeterRegistry metrics) {
    return start(config, stores, clock, metrics, CommandRunner.local(), Path.of("/proc/net/arp"));
  }

  /**
   * Starts the gateway.
   *
   * @throws IllegalStateException when the gateway is disabled or cannot take the network
   */
  public static GatewayServer start(
      KampungConfig config,
      KampungStores stores,
      Clock clock,
      MeterRegistry metrics,
      CommandRunner commands,
      Path arpFile) {
    GatewaySettings s = config.gateway();
    if (!s.enabled()) {
      throw new IllegalStateException("gateway is not enabled in the config");
    }
    List<Integer> protectedPorts = new ArrayList<>(List.of(s.apiPort(), s.dacPort()));
    InetAddress listen = ClientSide.address(s.clientInterface());
    ClientSide.refuseBridgeNetfilter(
        s.clientInterface(), s.shaping(), Path.of("/sys"), Path.of("/proc"));
    NftRuleset rules =
        new NftRuleset(
            s.tableName(),
            s.clientInterface(),
            s.masquerade() ? s.upstreamInterface() : null,
            s.clientSubnet(),
            listen.getHostAddress(),
            s.httpPort(),
            s.dnsPort(),
            protectedPorts,
            s.gardenTcpPorts());
    Firewall firewall = new Firewall(rules, commands);
    TcShaper shaper = null;
    if (s.shaping()) {
      BandwidthPackage bw = config.village(s.village()).map(v -> v.bandwidthPackage()).orElse(null);
      long downKbps = bw == null || bw.downlinkMbps() <= 0 ? 10_000_000 : bw.downlinkMbps() * 1000L;
      long upKbps = bw == null || bw.uplinkMbps() <= 0 ? 10_000_000 : bw.uplinkMbps() * 1000L;
      shaper = new TcShaper(s.clientInterface(), downKbps, upKbps, commands);
    }
    NeighbourTable neighbours = new NeighbourTable(arpFile, s.clientInterface());
    Transport transport = Transport.create(2);
    ExecutorService blocking =
        Executors.newFixedThreadPool(4, r -> new Thread(r, "gateway-blocking"));
    RadSecClient radSec = null;
    RadiusTransport radiusTransport;
    try {
      if (s.radsec().enabled()) {
        radSec = RadSecClient.start(radSecSettings(s), transport, blocking, metrics, clock);
        radiusTransport = radSec;
      } else {
        radiusTransport =
            new UdpTransport(
                new InetSocketAddress(s.radiusServer(), s.radiusAuthPort()),
                new InetSocketAddress(s.radiusServer(), s.radiusAcctPort()),
                s.radiusSecret(),
                s.radiusTimeoutMillis(),
                s.radiusRetries());
      }
    } catch (IllegalArgumentException e) {
      blocking.shutdown();
      transport.close();
      throw new IllegalStateException("gateway did not start: " + e.getMessage(), e);
    }
    RadiusClient radius =
        new RadiusClient(
            radiusTransport, new RadiusClient.NasIdentity(s.id(), s.nasIpAddress(), s.id()));
    Path limitsFile = config.store().dataDir().resolve("gateway-" + s.id() + "-limits.json");
    ClientTable clients =
        new ClientTable(
            new ClientTable.Parts(
                s.id(),
                s.village(),
                new KernelEnforcer(firewall, shaper),
                radius,
                neighbours,
                stores.sessions(),
                limitsFile,
                clock,
                metrics));
    GatewayServer server =
        new GatewayServer(s, firewall, shaper, clients, transport, blocking, radSec);
    try {
      server.open(listen, neighbours, clock, metrics);
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("gateway did not start: " + e.getMessage(), e);
    }
    return server;
  }

  private void open(
      InetAddress listen, NeighbourTable neighbours, Clock clock, MeterRegistry metrics)
      throws InterruptedException {
    GatewaySettings s = settings;
    List<String> staticGarden = new ArrayList<>();
    List<String> gardenNames = new ArrayList<>();
    List<String> entries = new ArrayList<>(s.walledGarden());
    entries.add(URI.create(s.portalUrl()).getHost());
    for (String entry : entries) {
      (IPV4_OR_BLOCK.matcher(entry).matches() ? staticGarden : gardenNames).add(entry);
    }
    if (shaper != null && !shaper.start()) {
      throw new IllegalStateException("tc shaping could not be set up; see the log");
    }
    clients.start(staticGarden);
    WalledGarden garden = new WalledGarden(gardenNames);
    GatewaySignature signature =
        new GatewaySignature(s.signingKey(), clock, s.signatureMaxAgeSeconds());
    interceptor =
        CaptiveInterceptor.start(
            transport,
            new InetSocketAddress(listen, s.httpPort()),
            new InterceptSettings(
                s.id(),
                s.portalUrl(),
                signature,
                neighbours,
                metrics,
                INTERCEPT_DEADLINE_MILLIS,
                new MacLogin(clients, blocking, clock)::tryAdmit),
            new PipelineErrors("interceptor", metrics, clock));
    servers.add(interceptor);
    api =
        AuthorizeApi.start(
            transport,
            new InetSocketAddress(s.apiBindAddress(), s.apiPort()),
            s.id(),
            signature,
            clients,
            blocking,
            metrics,
            new PipelineErrors("authorize-api", metrics, clock));
    servers.add(api);
    if (radSec != null) {
      // Disconnect/CoA come over the RadSec connection; no UDP port is opened for them.
      radSec.onDynamicRequests(new DynamicAuthorization(RadSecClient.SECRET, clients, metrics));
    } else {
      InetAddress radiusServer = resolve(s.radiusServer());
      dac =
          DacListener.start(
              transport,
              new InetSocketAddress(ClientSide.localAddressTowards(radiusServer), s.dacPort()),
              radiusServer,
              s.radiusSecret(),
              clients,
              blocking,
              metrics,
              clock,
              new PipelineErrors("dac", metrics, clock));
      servers.add(dac);
    }
    dns =
        DnsForwarder.start(
            transport,
            new InetSocketAddress(listen, s.dnsPort()),
            s.upstreamDns().stream().map(GatewayServer::upstream).toList(),
            new DnsForwarder.Policy(
                garden,
                clients::isOnline,
                new BeforeLogin(
                    garden,
                    new QueryBudget(
                        DNS_BURST_BEFORE_LOGIN,
                        DNS_PER_SECOND_BEFORE_LOGIN,
                        DNS_BUDGET_CLIENTS,
                        clock))),
            (addresses, ttl) -> {
              StringBuilder batch = new StringBuilder();
              addresses.forEach(a -> batch.append(firewall.rules().garden(a, ttl)));
              firewall.apply(batch.toString());
            },
            blocking,
            metrics,
            new PipelineErrors("dns", metrics, clock),
            clock);
    servers.add(dns);
    poller.scheduleWithFixedDelay(
        this::pollSafely, s.pollIntervalSeconds(), s.pollIntervalSeconds(), TimeUnit.SECONDS);
    log.info(
        "gateway {} up: interface {}, interceptor {}:{}, api {}:{}, dns {}:{}, dac {}",
        s.id(),
        s.clientInterface(),
        listen.getHostAddress(),
        interceptor.port(),
        s.apiBindAddress(),
        api.port(),
        listen.getHostAddress(),
        dns.port(),
        dac != null ? ":" + dac.port() : "over RadSec to " + radSecSettings(s).host());
  }

  private void pollSafely() {
    try {
      clients.poll();
    } catch (RuntimeException e) {
      log.error("counter poll failed", e);
    }
  }

  /** The client table, for the app's status pages and tests. */
  public ClientTable clients() {
    return clients;
  }

  private static RadSecClient.Settings radSecSettings(GatewaySettings s) {
    GatewayRadSecSettings r = s.radsec();
    return new RadSecClient.Settings(
        r.server() == null || r.server().isBlank() ? s.radiusServer() : r.server().trim(),
        r.port(),
        r.certificate(),
        r.privateKey(),
        r.caCertificates(),
        // No retransmits over TCP: one request may wait as long as all UDP attempts would.
        s.radiusTimeoutMillis() * s.radiusRetries(),
        r.keepaliveSeconds(),
        r.reconnectMaxSeconds());
  }

  /** The RadSec connection to the server, when RADIUS goes over it. */
  public Optional<RadSecClient> radSec() {
    return Optional.ofNullable(radSec);
  }

  private static InetAddress resolve(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("cannot resolve RADIUS server " + host, e);
    }
  }

  private static InetSocketAddress upstream(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0 && hostPort.indexOf(':') == colon) {
      return new InetSocketAddress(
          hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
    return new InetSocketAddress(hostPort, 53);
  }

  @Override
  public void close() {
    poller.shutdownNow();
    for (AutoCloseable server : servers) {
      try {
        server.close();
      } catch (Exception e) {
        log.warn("closing {}: {}", server, e.getMessage());
      }
    }
    boolean keep = settings.keepTableOnStop();
    clients.close();
    if (radSec != null) {
      radSec.close();
    }
    if (!keep) {
      firewall.apply(firewall.rules().delete());
      if (shaper != null) {
        shaper.stop();
      }
    }
    blocking.shutdown();
    transport.close();
    log.info("gateway {} stopped{}", settings.id(), keep ? " (table kept)" : "");
  }
}
