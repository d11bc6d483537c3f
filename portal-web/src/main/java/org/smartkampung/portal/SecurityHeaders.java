package org.smartkampung.portal;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Response headers every portal response carries. */
final class SecurityHeaders {

  /**
   * Only our own stylesheet and script; forms may post to the hotspot's login URL (any http or
   * https origin, since that is the NAS's address); no framing; no plugins. Images may come from
   * any https origin: the desa admin's "Produk Desa" photos are links to wherever sellers host them
   * (only https addresses are accepted by the console).
   */
  static final String CSP =
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data: https:; "
          + "form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    // same-origin: services links on other sites do not learn the villager's portal URL.
    h.set("Referrer-Policy", "same-origin");
    h.set("X-Frame-Options", "DENY");
    ctx.next();
  }
}
