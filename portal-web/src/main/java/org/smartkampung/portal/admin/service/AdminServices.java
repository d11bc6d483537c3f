package org.smartkampung.portal.admin.service;

import java.time.Clock;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.voucher.VoucherBatches;
import org.smartkampung.core.voucher.VoucherCodes;

/**
 * The admin actions the console pages and the JSON API share, made once per portal on the same
 * stores and one audit log.
 */
public record AdminServices(
    Audit audit,
    VoucherService vouchers,
    SessionService sessions,
    SubscriberService subscribers,
    LandingContentService landing) {

  public static AdminServices create(
      KampungStores stores, AdminStores admin, PasswordHasher hasher, Clock clock) {
    Audit audit = new Audit(admin.audit(), clock);
    SessionService sessions =
        new SessionService(stores.sessions(), stores.sessionCommands(), audit);
    return new AdminServices(
        audit,
        new VoucherService(
            stores.vouchers(),
            new VoucherBatches(stores.vouchers(), new VoucherCodes(), clock),
            admin,
            audit),
        sessions,
        new SubscriberService(
            stores.subscribers(),
            hasher,
            stores.sessionCommands(),
            stores.sessions(),
            sessions,
            audit),
        new LandingContentService(
            admin.landingContent(), new ProductPhotos(admin.productPhotos()), audit));
  }
}
