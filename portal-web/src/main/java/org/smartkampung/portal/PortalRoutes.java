package org.smartkampung.portal;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.smartkampung.portal.admin.AdminRoutes;
import org.smartkampung.portal.captive.CaptiveApiHandler;
import org.smartkampung.portal.security.ClientAddress;

/**
 * Every route of the villager portal, in one place. Paths are in Bahasa Indonesia like the pages.
 */
final class PortalRoutes {

  private static final long MAX_FORM_BYTES = 8 * 1024;

  private PortalRoutes() {}

  static Router create(PortalParts parts) {
    Router router = Router.router(parts.vertx());
    LandingPages landing = new LandingPages(parts);
    LoginHandlers login = new LoginHandlers(parts);
    StatusPages status = new StatusPages(parts);
    StaticAssets assets = StaticAssets.load();
    CaptiveApiHandler captive =
        new CaptiveApiHandler(
            parts.config(),
            parts.stores().ledger(),
            parts.stores().sessions(),
            parts.stores().subscribers(),
            parts.stores().vouchers(),
            parts.clock());

    // First: every limit and check below sees the client, not a trusted proxy in front.
    router
        .route()
        .handler(ClientAddress.trusting(parts.config().portal().trustedProxies())::resolve);
    router.route().handler(SecurityHeaders::apply);
    router.route().handler(RequestGuards::wellFormedQuery);
    router.route().handler(RequestGuards::noNullOrigin);
    // Forms only: a multipart upload is read and dropped, never written to disk. The console's
    // photo upload reads its own body, with its own limit.
    BodyHandler forms =
        BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES).setDeleteUploadedFilesOnEnd(true);
    router
        .route()
        .method(HttpMethod.POST)
        .handler(
            ctx -> {
              if (AdminRoutes.readsOwnBody(ctx.request().path())) {
                ctx.next();
              } else {
                forms.handle(ctx);
              }
            });

    // Landing and public pages: reachable without login.
    router.get("/").handler(landing::landing);
    router.get("/desa/:village").handler(landing::landing);
    router.get("/desa/:village/layanan").handler(landing::services);
    router.get("/info/:reason").handler(landing::explanation);

    // Login: the portal verifies the villager, then finishes the NAS's own login.
    router.post("/masuk/gratis").handler(login::clickThrough);
    router.post("/masuk/voucher").handler(login::voucher);
    router.post("/masuk/pelanggan").handler(login::subscriber);

    // After login.
    router.get("/status").handler(status::status);
    router.post("/keluar").handler(status::logout);

    // RFC 8908 Captive Portal API.
    router.get("/api/captive").handler(captive::handle);

    // Same-origin stylesheet and the auto-submit script, so the CSP needs no unsafe-inline.
    router.get("/static/:file").handler(assets::serve);

    router.errorHandler(404, landing::notFound);
    router.errorHandler(405, landing::notFound);
    router.errorHandler(500, landing::failure);
    return router;
  }
}
