package org.smartkampung.core.store;

import org.smartkampung.core.invalidation.Invalidations;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.login.RememberedDeviceStore;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.session.SessionCommands;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.signing.SigningKeyStore;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.throttle.FailureCounters;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * Every store a role needs, backed by one implementation: embedded (in-process, snapshotted to the
 * data directory) or Redis. Made once per process by {@link StoreFactory}.
 */
public interface KampungStores extends AutoCloseable {

  QuotaLedger ledger();

  SubscriberStore subscribers();

  VoucherStore vouchers();

  SessionStore sessions();

  LoginTokenStore loginTokens();

  NasStateStore nasState();

  /** Devices remembered for MAC login, per village. */
  RememberedDeviceStore rememberedDevices();

  /** The admin console's channel to the RADIUS role (disconnect requests and their results). */
  SessionCommands sessionCommands();

  /** Failed-login counters for throttles (shared by every server on Redis). */
  FailureCounters failureCounters();

  /** Keys that sign admin cookies, CSRF tokens and villager forms (shared on Redis). */
  SigningKeyStore signingKeys();

  /** Notices of edits to cached data, heard by every process on the store. */
  Invalidations invalidations();

  /** Flushes what is held in memory and releases connections. */
  @Override
  void close();
}
