package org.smartkampung.portal;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.village.LandingContentStore;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.login.Admission;
import org.smartkampung.portal.login.TokenMinter;
import org.smartkampung.portal.login.VillagerVerifier;
import org.smartkampung.portal.nas.NasLoginCompleter;
import org.smartkampung.portal.page.PageRenderer;
import org.smartkampung.portal.security.AttemptLimit;
import org.smartkampung.portal.security.ClientAddress;
import org.smartkampung.portal.security.StateSigner;

/**
 * What the portal's handlers share; made once by {@link PortalServer}. Every part is thread-safe.
 *
 * <p>{@code failures} limits failed logins per device and per client address as the NAS reported
 * them; {@code sourceFailures} is a looser limit per source address, because behind a NATing
 * hotspot a whole village reaches the portal from one address.
 */
record PortalParts(
    Vertx vertx,
    Supplier<KampungConfig> liveConfig,
    KampungStores stores,
    Clock clock,
    MeterRegistry registry,
    PageRenderer pages,
    StateSigner signer,
    AttemptLimit failures,
    AttemptLimit sourceFailures,
    VillagerVerifier verifier,
    Admission admission,
    TokenMinter minter,
    NasLoginCompleter completer,
    LandingContentStore landing) {

  /** How long a landing page's form stays usable. */
  static final Duration FORM_MAX_AGE = Duration.ofHours(1);

  /** How long a status link keeps working. */
  static final Duration STATUS_MAX_AGE = Duration.ofDays(1);

  /**
   * The configuration in force: the file's, plus villages and hotspots added in the console when
   * the console runs in this portal.
   */
  KampungConfig config() {
    return liveConfig.get();
  }

  /** The village with that id, or the first configured one (the demo) for an empty id. */
  Optional<Village> village(String id) {
    KampungConfig config = config();
    if (id == null || id.isEmpty()) {
      return config.villages().stream().findFirst();
    }
    return config.village(id);
  }

  /** The portal's public base URL without a trailing slash. */
  String publicUrl() {
    String url = config().portal().publicUrl();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The request's client address (behind a trusted proxy, the one it forwarded for). */
  static String sourceIp(RoutingContext ctx) {
    return ClientAddress.of(ctx);
  }

  /** A signed, address-bound CSRF token for a form that carries no other state. */
  String csrfToken(RoutingContext ctx) {
    return signer.sign(Map.of("ip", sourceIp(ctx), "p", "csrf"));
  }

  /** Whether the token is one we issued to this address within the form lifetime. */
  boolean csrfValid(RoutingContext ctx, String token) {
    return signer
        .verify(token, FORM_MAX_AGE)
        .filter(m -> sourceIp(ctx).equals(m.get("ip")))
        .isPresent();
  }
}
