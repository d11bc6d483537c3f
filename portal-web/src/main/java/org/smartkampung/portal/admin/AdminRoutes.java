package org.smartkampung.portal.admin;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.smartkampung.portal.admin.service.ProductPhotos;
import org.smartkampung.portal.security.AllowedNetworks;

/**
 * Every route of the admin console and its JSON API, in one place. Authorization runs before any
 * handler: {@link AdminGuard#signedIn} on everything but the sign-in page, {@link
 * AdminGuard#village} on every {@code :village} route, {@link AdminGuard#kabupaten} on the
 * kabupaten pages.
 */
public final class AdminRoutes {

  static final String ROOT = "/admin";
  static final String SIGN_IN = "/admin/masuk";
  static final String KABUPATEN = "/admin/kabupaten";
  static final String API = "/api/admin/v1";

  /** The Produk Desa add and edit forms, which take a photo upload. */
  private static final String PRODUCT = ROOT + "/desa/:village/beranda/produk";

  private static final Pattern READS_OWN_BODY =
      Pattern.compile(Pattern.quote(ROOT) + "/desa/[^/]+/beranda/produk(/[^/]+)?");

  /** Where uploads wait while a request is read; each is deleted when the request ends. */
  private static final String UPLOADS =
      Path.of(System.getProperty("java.io.tmpdir"), "kampung-uploads").toString();

  private AdminRoutes() {}

  /** Whether the console reads this POST's body itself (a photo upload, larger than a form). */
  public static boolean readsOwnBody(String path) {
    return path != null && READS_OWN_BODY.matcher(path).matches();
  }

  static String villagePath(String villageId) {
    return ROOT + "/desa/" + villageId;
  }

  /** Adds the console's routes to the portal's router (after its security headers and body). */
  public static void mount(Router router, AdminParts parts) {
    AdminGuard guard = new AdminGuard(parts);
    SignInPages signIn = new SignInPages(parts);
    VillagePages village = new VillagePages(parts);
    VoucherPages vouchers = new VoucherPages(parts);
    SessionPages sessions = new SessionPages(parts);
    FailedLoginPages failedLogins = new FailedLoginPages(parts);
    ReportPages reports = new ReportPages(parts);
    UsagePages usage = new UsagePages(parts);
    SubscriberPages subscribers = new SubscriberPages(parts);
    LandingContentPages landing = new LandingContentPages(parts);
    KabupatenPages kabupaten = new KabupatenPages(parts);
    AdminAccountPages accounts = new AdminAccountPages(parts);
    AdminAccountStatus accountStatus = new AdminAccountStatus(parts, accounts);
    // One lock for both, so a village is never removed while a NAS client is added to it.
    Object registryLock = new Object();
    VillageEdits villageEdits = new VillageEdits(parts, registryLock);
    NasClientEdits nasEdits = new NasClientEdits(parts, registryLock);
    VillageRegistryPages villages = new VillageRegistryPages(parts, villageEdits);
    NasClientPages nasClients = new NasClientPages(parts, nasEdits);
    AdminApi api = new AdminApi(parts, kabupaten);
    RegistryApi registryApi = new RegistryApi(parts, api, villageEdits, nasEdits);
    UsageApi usageApi = new UsageApi(parts, usage);
    LandingContentApi landingApi = new LandingContentApi(parts, api, landing);
    AdminAccountApi accountApi = new AdminAccountApi(parts, api, accounts, accountStatus);
    DevicePages devices = new DevicePages(parts);

    // Only from the networks the operator allows (everyone when none are set).
    AllowedNetworks allowed =
        AllowedNetworks.of(parts.live.base().portal().admin().allowedNetworks());
    Handler<RoutingContext> network =
        ctx -> {
          if (allowed.allows(SignInPages.sourceIp(ctx))) {
            ctx.next();
          } else {
            parts.status(ctx, 403);
          }
        };
    router.route(ROOT).handler(network);
    router.route(ROOT + "/*").handler(network);
    router.route("/api/admin").handler(network);
    router.route("/api/admin/*").handler(network);

    // Open to everyone: the sign-in form (with its own address-bound token).
    router.get(SIGN_IN).handler(signIn::form);
    router.post(SIGN_IN).handler(signIn::signIn);

    router
        .route(API + "/*")
        .method(HttpMethod.PUT)
        .method(HttpMethod.DELETE)
        // 64 KiB: a whole landing page (10 news of 2,000 characters, 20 products) in one PUT.
        .handler(
            BodyHandler.create(false).setBodyLimit(64 * 1024).setDeleteUploadedFilesOnEnd(true));

    // Produk Desa photos: multipart up to 2 MB (the portal's own body handler skips these paths),
    // read before the guard so it finds the CSRF field; too large is a page that says so.
    BodyHandler uploads =
        BodyHandler.create(UPLOADS)
            .setBodyLimit(ProductPhotos.MAX_BYTES + 64 * 1024L)
            .setDeleteUploadedFilesOnEnd(true);
    for (String path : List.of(PRODUCT, PRODUCT + "/:index")) {
      router.post(path).handler(uploads);
      router.post(path).failureHandler(landing::uploadFailed);
    }
    // Served to everyone, before login too: the portal host is inside the walled garden.
    router.get(ProductPhotos.PATH + ":village/:photo").handler(landing::photo);

    // Everything else needs a session, and a CSRF token unless it only reads.
    router.route(ROOT).handler(guard::signedIn);
    router.route(ROOT + "/*").handler(guard::signedIn);
    router.route(API + "/*").handler(guard::signedIn);
    router.route(ROOT + "/desa/:village").handler(guard::village);
    router.route(ROOT + "/desa/:village/*").handler(guard::village);
    router.route(KABUPATEN).handler(guard::kabupaten);
    router.route(KABUPATEN + "/*").handler(guard::kabupaten);
    router.route(API + "/villages/:village").handler(guard::village);
    router.route(API + "/villages/:village/*").handler(guard::village);
    router.route(API + "/overview").handler(guard::kabupaten);
    router.route(API + "/kabupaten/*").handler(guard::kabupaten);

    router.get(ROOT).handler(signIn::home);
    router.post(ROOT + "/keluar").handler(signIn::signOut);
    router.get(ROOT + "/sandi").handler(signIn::passwordForm);
    router.post(ROOT + "/sandi").handler(signIn::changePassword);

    // One village (desa admin of that village, or a kabupaten operator).
    router.get(ROOT + "/desa/:village").handler(village::dashboard);
    router.get(ROOT + "/desa/:village/kuota").handler(village::quotaForm);
    router.post(ROOT + "/desa/:village/kuota").handler(village::saveQuota);
    router.get(ROOT + "/desa/:village/voucher").handler(vouchers::list);
    router.post(ROOT + "/desa/:village/voucher").handler(vouchers::create);
    router.post(ROOT + "/desa/:village/voucher/cabut").handler(vouchers::revoke);
    router.get(ROOT + "/desa/:village/voucher/cetak").handler(vouchers::print);
    router.get(ROOT + "/desa/:village/sesi").handler(sessions::list);
    router.post(ROOT + "/desa/:village/sesi/putus").handler(sessions::kick);
    router.get(ROOT + "/desa/:village/gagal-masuk").handler(failedLogins::list);
    // The village's blocked and bypass devices (#15).
    router.post(ROOT + "/desa/:village/sesi/blokir").handler(devices::blockFromSession);
    router.get(ROOT + "/desa/:village/perangkat").handler(devices::list);
    router.post(ROOT + "/desa/:village/perangkat").handler(devices::add);
    router.post(ROOT + "/desa/:village/perangkat/hapus").handler(devices::remove);
    router.get(ROOT + "/desa/:village/laporan").handler(reports::page);
    router.get(ROOT + "/desa/:village/laporan/csv").handler(reports::villageCsv);
    router.get(ROOT + "/desa/:village/pemakaian").handler(usage::page);
    router.get(ROOT + "/desa/:village/pemakaian/csv").handler(usage::csv);
    router.get(ROOT + "/desa/:village/beranda").handler(landing::form);
    router.post(ROOT + "/desa/:village/beranda/hapus").handler(landing::remove);
    router.post(ROOT + "/desa/:village/beranda/tautan-asal").handler(landing::linksMode);
    router.post(ROOT + "/desa/:village/beranda/kontak").handler(landing::contact);
    router.get(ROOT + "/desa/:village/beranda/produk/:index").handler(landing::productForm);
    router.post(ROOT + "/desa/:village/beranda/produk/:index").handler(landing::saveProduct);
    router.post(ROOT + "/desa/:village/beranda/:kind").handler(landing::add);
    router.get(ROOT + "/desa/:village/pelanggan").handler(subscribers::list);
    router.post(ROOT + "/desa/:village/pelanggan").handler(subscribers::create);
    router.get(ROOT + "/desa/:village/pelanggan/:username").handler(subscribers::detail);
    router
        .post(ROOT + "/desa/:village/pelanggan/:username/sandi")
        .handler(subscribers::resetPassword);
    router
        .post(ROOT + "/desa/:village/pelanggan/:username/status")
        .handler(subscribers::setEnabled);
    router
        .post(ROOT + "/desa/:village/pelanggan/:username/kuota")
        .handler(subscribers::saveOverride);
    router.post(ROOT + "/desa/:village/pelanggan/:username/hapus").handler(subscribers::delete);

    // The whole kabupaten (kabupaten operators only).
    router.get(KABUPATEN).handler(kabupaten::overview);
    router.get(KABUPATEN + "/csv").handler(kabupaten::csv);
    router.get(KABUPATEN + "/audit").handler(kabupaten::audit);
    router.get(KABUPATEN + "/laporan/csv").handler(reports::kabupatenCsv);
    router.get(AdminAccountPages.ADMINS).handler(accounts::list);
    router.post(AdminAccountPages.ADMINS).handler(accounts::create);
    router.post(AdminAccountPages.ADMINS + "/:username/sandi").handler(accounts::resetPassword);
    router.post(AdminAccountPages.ADMINS + "/:username/status").handler(accountStatus::setEnabled);
    router.post(AdminAccountPages.ADMINS + "/:username/hapus").handler(accountStatus::delete);
    router.get(VillageRegistryPages.VILLAGES).handler(villages::list);
    router.post(VillageRegistryPages.VILLAGES).handler(villages::create);
    router.get(VillageRegistryPages.VILLAGES + "/:id").handler(villages::editForm);
    router.post(VillageRegistryPages.VILLAGES + "/:id").handler(villages::update);
    router.post(VillageRegistryPages.VILLAGES + "/:id/hapus").handler(villages::remove);
    router.get(NasClientPages.HOTSPOTS).handler(nasClients::list);
    router.post(NasClientPages.HOTSPOTS).handler(nasClients::create);
    router.get(NasClientPages.HOTSPOTS + "/:name").handler(nasClients::editForm);
    router.post(NasClientPages.HOTSPOTS + "/:name").handler(nasClients::update);
    router.post(NasClientPages.HOTSPOTS + "/:name/hapus").handler(nasClients::remove);

    // JSON API: the same guard; the session cookie plus the X-CSRF-Token header.
    router.get(API + "/me").handler(api::me);
    router.get(API + "/villages/:village/settings").handler(api::settings);
    router.put(API + "/villages/:village/settings").handler(api::saveSettings);
    router.get(API + "/villages/:village/vouchers").handler(api::vouchers);
    router.post(API + "/villages/:village/vouchers").handler(api::createVouchers);
    router.post(API + "/villages/:village/vouchers/revoke").handler(api::revokeVoucher);
    router.get(API + "/villages/:village/sessions").handler(api::sessions);
    router.post(API + "/villages/:village/sessions/kick").handler(api::kick);
    router.get(API + "/villages/:village/kicks/:id").handler(api::kickResult);
    router.get(API + "/villages/:village/limits/:id").handler(api::limitsResult);
    router.get(API + "/villages/:village/subscribers").handler(api::subscribers);
    router.post(API + "/villages/:village/subscribers").handler(api::createSubscriber);
    router.put(API + "/villages/:village/subscribers/:username").handler(api::updateSubscriber);
    router.delete(API + "/villages/:village/subscribers/:username").handler(api::deleteSubscriber);
    router.get(API + "/villages/:village/usage").handler(usageApi::usage);
    router.get(API + "/villages/:village/usage/csv").handler(usageApi::csv);
    router.get(API + "/villages/:village/landing").handler(landingApi::get);
    router.put(API + "/villages/:village/landing").handler(landingApi::put);
    router.get(API + "/overview").handler(api::overview);
    router.get(API + "/kabupaten/villages").handler(registryApi::villages);
    router.post(API + "/kabupaten/villages").handler(registryApi::createVillage);
    router.put(API + "/kabupaten/villages/:id").handler(registryApi::updateVillage);
    router.delete(API + "/kabupaten/villages/:id").handler(registryApi::removeVillage);
    router.get(API + "/kabupaten/nas-clients").handler(registryApi::nasClients);
    router.post(API + "/kabupaten/nas-clients").handler(registryApi::createNasClient);
    router.put(API + "/kabupaten/nas-clients/:name").handler(registryApi::updateNasClient);
    router.delete(API + "/kabupaten/nas-clients/:name").handler(registryApi::removeNasClient);
    router.get(API + "/kabupaten/admins").handler(accountApi::list);
    router.post(API + "/kabupaten/admins").handler(accountApi::create);
    router.put(API + "/kabupaten/admins/:username").handler(accountApi::update);
    router.delete(API + "/kabupaten/admins/:username").handler(accountApi::delete);
    router.get(API + "/kabupaten/audit").handler(accountApi::audit);
  }
}
