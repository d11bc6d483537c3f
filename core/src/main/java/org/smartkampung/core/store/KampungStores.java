package org.smartkampung.core.store;

import org.smartkampung.core.device.DeviceListStore;
import org.smartkampung.core.health.HotspotSightings;
import org.smartkampung.core.invalidation.Invalidations;
import org.smartkampung.core.login.FailedLogins;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.login.RememberedDeviceStore;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.report.MonthlyRollups;
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

  /** The recent refused logins of each village (RADIUS rejects and portal failures). */
  FailedLogins failedLogins();

  /** When each hotspot was last heard from, for the hotspot health watch and the console. */
  HotspotSightings hotspotSightings();

  /** Each village's monthly figures for the APBDes report, kept at least 13 months. */
  MonthlyRollups monthlyRollups();

  /** Each village's blocked and bypass devices (shared by every server on Redis). */
  DeviceListStore deviceLists();

  /**
   * Whether the store answers now (Redis: a PING within its timeout; embedded: always). Never
   * throws and never waits longer than the store's timeout.
   */
  default boolean ready() {
    return true;
  }

  /** Flushes what is held in memory and releases connections. */
  @Override
  void close();
}
