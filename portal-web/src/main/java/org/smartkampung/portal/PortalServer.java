package org.smartkampung.portal;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.admin.SignInAttempts;
import org.smartkampung.core.config.GatewaySettings;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.signing.SigningKeys;
import org.smartkampung.core.store.EmbeddedSignInAttempts;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.LandingContentStore;
import org.smartkampung.portal.admin.AdminParts;
import org.smartkampung.portal.admin.AdminRoutes;
import org.smartkampung.portal.admin.AdminSetup;
import org.smartkampung.portal.i18n.Messages;
import org.smartkampung.portal.login.Admission;
import org.smartkampung.portal.login.TokenMinter;
import org.smartkampung.portal.login.VillagerVerifier;
import org.smartkampung.portal.nas.GatewayApi;
import org.smartkampung.portal.nas.NasLoginCompleter;
import org.smartkampung.portal.nas.NasRedirect;
import org.smartkampung.portal.page.PageRenderer;
import org.smartkampung.portal.security.AttemptLimit;
import org.smartkampung.portal.security.StateSigner;

/**
 * The villager portal's HTTP server: landing, login, status and explanation pages, the NAS login
 * adapters and the RFC 8908 API. Start with {@link #start}; stop with {@link #close}.
 */
public final class PortalServer {

  private static final Logger log = LoggerFactory.getLogger(PortalServer.class);

  /** Failed logins a device or address may make per {@link #FAILURE_WINDOW}. */
  public static final int MAX_FAILURES = 5;

  public static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

  /**
   * Failed logins one source address may make per {@link #FAILURE_WINDOW}, summed over every
   * villager behind it (a NATing hotspot shows the portal one address for the whole village).
   */
  public static final int MAX_SOURCE_FAILURES = 30;

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer server;

  private PortalServer(Vertx vertx, boolean ownsVertx, HttpServer server) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.server = server;
  }

  /**
   * Starts the portal on {@code config.portal()}'s address and port (0 picks a free port) with a
   * per-process signing key: forms and status links survive as long as the process does.
   *
   * @param vertx the Vert.x to run on; null to create one that {@link #close} also closes
   */
  public static Future<PortalServer> start(
      Vertx vertx,
      KampungConfig config,
      KampungStores stores,
      Clock clock,
      MeterRegistry registry) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return start(vertx, config, stores, clock, registry, key);
  }

  /**
   * Starts the portal with a given state-signing key (at least 32 bytes), which several portal
   * instances behind one address must share.
   */
  public static Future<PortalServer> start(
      Vertx vertx,
      KampungConfig config,
      KampungStores stores,
      Clock clock,
      MeterRegistry registry,
      byte[] stateKey) {
    return start(vertx, config, stores, clock, registry, stateKey, null);
  }

  /**
   * Starts the portal and, when {@code admin} is not null, the admin console under {@code /admin}
   * and its JSON API under {@code /api/admin/v1}, signed with the same key.
   */
  public static Future<PortalServer> start(
      Vertx vertx,
      KampungConfig config,
      KampungStores stores,
      Clock clock,
      MeterRegistry registry,
      byte[] stateKey,
      AdminSetup admin) {
    return start(vertx, config, stores, clock, registry, SigningKeys.fixed(stateKey), admin);
  }

  /**
   * Starts the portal and, when {@code admin} is not null, the console, signing forms, cookies and
   * CSRF tokens with {@code keys}: keys from the store let every instance on it verify what another
   * one signed.
   */
  public static Future<PortalServer> start(
      Vertx vertx,
      KampungConfig config,
      KampungStores stores,
      Clock clock,
      MeterRegistry registry,
      SigningKeys stateKey,
      AdminSetup admin) {
    boolean owns = vertx == null;
    Vertx vx = owns ? Vertx.vertx() : vertx;
    try {
      // The console's landing content when it runs here; else only the config file's links.
      LandingContentStore landing =
          admin == null ? NO_LANDING_CONTENT : admin.stores().landingContent();
      // Villages and hotspots added in the console get landing pages and NAS recognition too.
      Supplier<KampungConfig> live = admin == null ? () -> config : admin.live()::current;
      // Login attempts are counted in the console's store when it runs here (as `kampung run`
      // does), so every portal instance on one store shares the limits; else in this process.
      SignInAttempts attempts =
          admin == null ? new EmbeddedSignInAttempts() : admin.stores().signInAttempts();
      PortalParts parts =
          parts(vx, config, live, stores, clock, registry, stateKey, landing, attempts);
      HttpServerOptions options =
          new HttpServerOptions()
              .setHost(config.portal().bindAddress())
              .setPort(config.portal().port())
              .setCompressionSupported(true)
              .setIdleTimeout(config.portal().idleTimeoutSeconds())
              // No h2c upgrade sniffing: with it, a connection is handed to us only once a whole
              // request head arrived, so a slow sender would escape the header timeout.
              .setHttp2ClearTextEnabled(false);
      ConnectionLimits limits = new ConnectionLimits(vx, config.portal(), registry);
      Router router = withAdmin(PortalRoutes.create(parts), parts, admin, stateKey);
      return vx.createHttpServer(options)
          .connectionHandler(limits::accept)
          .requestHandler(limits.wrap(router))
          .listen()
          .map(
              server -> {
                log.info(
                    "villager portal listening on {}:{} (public URL {})",
                    config.portal().bindAddress(),
                    server.actualPort(),
                    config.portal().publicUrl());
                return new PortalServer(vx, owns, server);
              })
          .recover(
              e -> {
                if (owns) {
                  vx.close();
                }
                return Future.failedFuture(e);
              });
    } catch (RuntimeException e) {
      if (owns) {
        vx.close();
      }
      return Future.failedFuture(e);
    }
  }

  private static PortalParts parts(
      Vertx vx,
      KampungConfig config,
      Supplier<KampungConfig> live,
      KampungStores stores,
      Clock clock,
      MeterRegistry registry,
      SigningKeys stateKey,
      LandingContentStore landing,
      SignInAttempts attempts) {
    return new PortalParts(
        vx,
        live,
        stores,
        clock,
        registry,
        new PageRenderer(vx, Messages.load(), config),
        new StateSigner(stateKey, clock),
        new AttemptLimit("villager", MAX_FAILURES, FAILURE_WINDOW, attempts, clock),
        new AttemptLimit("villager-source", MAX_SOURCE_FAILURES, FAILURE_WINDOW, attempts, clock),
        new VillagerVerifier(stores.vouchers(), stores.subscribers(), clock),
        new Admission(live, stores.ledger(), stores.subscribers(), clock),
        new TokenMinter(stores.loginTokens(), clock),
        new NasLoginCompleter(
            hotspot ->
                NasRedirect.hotspot(live.get(), hotspot)
                    .map(NasClientSettings::uamSecret)
                    .orElse(null),
            gatewayApi(vx, config.gateway(), clock)),
        landing);
  }

  /**
   * Our gateway's API when {@code gateway:} names one with a signing key; the portal needs it even
   * when the gateway role runs on another box ({@code enabled: false} here).
   */
  private static Optional<GatewayApi> gatewayApi(Vertx vx, GatewaySettings gateway, Clock clock) {
    if (gateway.id() == null || gateway.signingKey() == null || gateway.signingKey().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(GatewayApi.of(vx, gateway, clock));
  }

  private static final LandingContentStore NO_LANDING_CONTENT =
      new LandingContentStore() {
        @Override
        public LandingContent find(String villageId) {
          return LandingContent.empty(villageId);
        }

        @Override
        public void put(LandingContent content) {
          throw new UnsupportedOperationException("no admin store");
        }
      };

  private static Router withAdmin(
      Router router, PortalParts parts, AdminSetup admin, SigningKeys stateKey) {
    if (admin != null) {
      AdminRoutes.mount(
          router,
          AdminParts.create(
              parts.vertx(),
              admin,
              parts.stores(),
              parts.clock(),
              new StateSigner(stateKey, parts.clock())));
    }
    return router;
  }

  /** The port the server listens on (the real one when 0 was configured). */
  public int port() {
    return server.actualPort();
  }

  /** Stops listening; closes Vert.x too when the portal created it. The stores stay open. */
  public Future<Void> close() {
    // Closing our own Vert.x closes the server too; composing on the server's close would need
    // the event loop that vertx.close() is shutting down.
    return ownsVertx ? vertx.close() : server.close();
  }
}
