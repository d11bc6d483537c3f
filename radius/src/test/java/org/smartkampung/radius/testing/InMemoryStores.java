package org.smartkampung.radius.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.login.RememberedDeviceStore;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.quota.AccountingEvent;
import org.smartkampung.core.quota.EmbeddedQuotaLedger;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.session.SessionCommands;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.store.EmbeddedLoginTokenStore;
import org.smartkampung.core.store.EmbeddedNasStateStore;
import org.smartkampung.core.store.EmbeddedRememberedDeviceStore;
import org.smartkampung.core.store.EmbeddedSessionCommands;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.core.store.EmbeddedSubscriberStore;
import org.smartkampung.core.store.EmbeddedVoucherStore;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * TEST FIXTURE: the real embedded stores (ledger, sessions, subscribers, vouchers, tokens,
 * remembered devices, NAS facts) in a temporary directory, with a switch that takes the ledger down
 * and counts of ledger records and token consumptions, so tests can prove a request ran once. No
 * store logic of its own.
 */
public final class InMemoryStores implements KampungStores {

  private volatile Limits limits = Limits.NONE;
  public final AtomicBoolean ledgerDown = new AtomicBoolean();
  public final AtomicInteger accountCalls = new AtomicInteger();
  public final AtomicInteger tokenConsumes = new AtomicInteger();

  /** The real embedded ledger and session store, in a directory of their own. */
  private final Path dataDir = temporaryDirectory();

  private final EmbeddedQuotaLedger realLedger =
      new EmbeddedQuotaLedger(
          dataDir, 0, village -> ZoneId.of("Asia/Jakarta"), (v, u) -> limits, Clock.systemUTC());

  private final EmbeddedSessionStore sessions = new EmbeddedSessionStore(dataDir);

  public void setLimits(Limits limits) {
    this.limits = limits;
  }

  public long villageBytesUsed(String village) {
    return realLedger.check(village, "", "").orThrow().villageDayBytes();
  }

  public long userBytesUsed(String village, String user) {
    return realLedger.check(village, user, "").orThrow().userDayBytes();
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("kampung-radius-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private QuotaResult down() {
    return new QuotaResult.StoreUnavailable("test: down");
  }

  /**
   * The embedded ledger, which a test can take down ({@link #ledgerDown}) and whose records it
   * counts.
   */
  private final QuotaLedger ledger =
      new QuotaLedger() {
        @Override
        public QuotaResult charge(SessionKey s, long in, long out, long seconds) {
          return ledgerDown.get() ? down() : realLedger.charge(s, in, out, seconds);
        }

        @Override
        public QuotaResult record(SessionKey s, AccountingEvent event) {
          accountCalls.incrementAndGet();
          return ledgerDown.get() ? down() : realLedger.record(s, event);
        }

        @Override
        public CompletableFuture<QuotaResult> recordAsync(SessionKey s, AccountingEvent event) {
          accountCalls.incrementAndGet();
          return ledgerDown.get()
              ? CompletableFuture.completedFuture(down())
              : realLedger.recordAsync(s, event);
        }

        @Override
        public QuotaResult close(SessionKey s) {
          return ledgerDown.get() ? down() : realLedger.close(s);
        }

        @Override
        public boolean reserveDevice(String village, String user, String device, int max) {
          if (ledgerDown.get()) {
            throw new StoreUnavailableException("test: down");
          }
          return realLedger.reserveDevice(village, user, device, max);
        }

        @Override
        public QuotaResult check(String village, String user, String device) {
          return ledgerDown.get() ? down() : realLedger.check(village, user, device);
        }

        @Override
        public Map<LocalDateTime, Long> hourlyBytes(String village, LocalDateTime from, int hours) {
          return realLedger.hourlyBytes(village, from, hours);
        }

        @Override
        public boolean isExhausted(String village, String user) {
          return realLedger.isExhausted(village, user);
        }

        @Override
        public void close() {}
      };

  /** The real embedded stores, in the same directory; only token consumptions are counted. */
  private final EmbeddedSubscriberStore subscribers = new EmbeddedSubscriberStore(dataDir);

  private final EmbeddedVoucherStore vouchers = new EmbeddedVoucherStore(dataDir);

  private final LoginTokenStore realTokens = new EmbeddedLoginTokenStore(Clock.systemUTC());

  private final LoginTokenStore tokens =
      new LoginTokenStore() {
        @Override
        public void mint(LoginToken t) {
          realTokens.mint(t);
        }

        @Override
        public Optional<LoginToken> consume(String username, Instant now) {
          tokenConsumes.incrementAndGet();
          return realTokens.consume(username, now);
        }
      };

  private final EmbeddedRememberedDeviceStore rememberedDevices =
      new EmbeddedRememberedDeviceStore(dataDir, Instant.now());

  private final EmbeddedNasStateStore nasState = new EmbeddedNasStateStore(dataDir);

  @Override
  public QuotaLedger ledger() {
    return ledger;
  }

  @Override
  public SubscriberStore subscribers() {
    return subscribers;
  }

  @Override
  public VoucherStore vouchers() {
    return vouchers;
  }

  @Override
  public SessionStore sessions() {
    return sessions;
  }

  @Override
  public LoginTokenStore loginTokens() {
    return tokens;
  }

  @Override
  public RememberedDeviceStore rememberedDevices() {
    return rememberedDevices;
  }

  @Override
  public NasStateStore nasState() {
    return nasState;
  }

  // The embedded store's channel is plain in-process code: no reason for a second copy here.
  private final SessionCommands commands = new EmbeddedSessionCommands(java.time.Clock.systemUTC());

  @Override
  public SessionCommands sessionCommands() {
    return commands;
  }

  private final org.smartkampung.core.throttle.FailureCounters failures =
      new org.smartkampung.core.store.EmbeddedFailureCounters(java.time.Clock.systemUTC());

  @Override
  public org.smartkampung.core.throttle.FailureCounters failureCounters() {
    return failures;
  }

  private final org.smartkampung.core.login.FailedLogins failedLogins =
      new org.smartkampung.core.store.EmbeddedFailedLogins();

  @Override
  public org.smartkampung.core.login.FailedLogins failedLogins() {
    return failedLogins;
  }

  private final org.smartkampung.core.store.EmbeddedHotspotSightings sightings =
      new org.smartkampung.core.store.EmbeddedHotspotSightings(dataDir, 0);

  private final org.smartkampung.core.store.EmbeddedDeviceListStore deviceLists =
      new org.smartkampung.core.store.EmbeddedDeviceListStore(dataDir);

  @Override
  public org.smartkampung.core.device.DeviceListStore deviceLists() {
    return deviceLists;
  }

  @Override
  public org.smartkampung.core.health.HotspotSightings hotspotSightings() {
    return sightings;
  }

  private final org.smartkampung.core.store.EmbeddedMonthlyRollups rollups =
      new org.smartkampung.core.store.EmbeddedMonthlyRollups(dataDir, Clock.systemUTC());

  @Override
  public org.smartkampung.core.report.MonthlyRollups monthlyRollups() {
    return rollups;
  }

  @Override
  public org.smartkampung.core.signing.SigningKeyStore signingKeys() {
    byte[] key = new byte[org.smartkampung.core.signing.SigningKeyStore.KEY_BYTES];
    return (period, keepFor) -> key;
  }

  @Override
  public org.smartkampung.core.invalidation.Invalidations invalidations() {
    return org.smartkampung.core.invalidation.Invalidations.inProcess();
  }

  @Override
  public void close() {
    realLedger.close();
    sessions.close();
    subscribers.close();
    vouchers.close();
    rememberedDevices.close();
    nasState.close();
    sightings.close();
    deviceLists.close();
  }
}
