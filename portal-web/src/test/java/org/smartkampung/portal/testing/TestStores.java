package org.smartkampung.portal.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.login.RememberedDeviceStore;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.quota.AccountingEvent;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.session.SessionCommands;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * The real embedded stores in a temporary directory, with two test hooks: every minted token is
 * recorded in {@link #tokens}, and {@link #ledgerDown} makes the ledger answer "store unavailable".
 */
public final class TestStores implements KampungStores {

  /** Set to make the ledger report the store as unavailable (as Redis down would). */
  public volatile boolean ledgerDown;

  /** Every token the portal minted, by username, consumed or not. */
  public final Map<String, LoginToken> tokens = new ConcurrentHashMap<>();

  private final KampungStores real;

  private final QuotaLedger ledger =
      new QuotaLedger() {
        @Override
        public QuotaResult charge(SessionKey s, long in, long out, long seconds) {
          return ledgerDown ? down() : real.ledger().charge(s, in, out, seconds);
        }

        @Override
        public QuotaResult record(SessionKey s, AccountingEvent event) {
          return ledgerDown ? down() : real.ledger().record(s, event);
        }

        @Override
        public QuotaResult close(SessionKey s) {
          return ledgerDown ? down() : real.ledger().close(s);
        }

        @Override
        public boolean reserveDevice(String villageId, String userId, String deviceId, int max) {
          if (ledgerDown) {
            throw new StoreUnavailableException("test: ledger down");
          }
          return real.ledger().reserveDevice(villageId, userId, deviceId, max);
        }

        @Override
        public QuotaResult check(String villageId, String userId, String deviceId) {
          return ledgerDown ? down() : real.ledger().check(villageId, userId, deviceId);
        }

        @Override
        public boolean isExhausted(String villageId, String userId) {
          return real.ledger().isExhausted(villageId, userId);
        }

        @Override
        public Map<LocalDateTime, Long> hourlyBytes(
            String villageId, LocalDateTime from, int hours) {
          if (ledgerDown) {
            throw new StoreUnavailableException("test: ledger down");
          }
          return real.ledger().hourlyBytes(villageId, from, hours);
        }

        @Override
        public void close() {}

        private QuotaResult down() {
          return new QuotaResult.StoreUnavailable("test: ledger down");
        }
      };

  private final LoginTokenStore loginTokens =
      new LoginTokenStore() {
        @Override
        public void mint(LoginToken token) {
          tokens.put(token.username(), token);
          real.loginTokens().mint(token);
        }

        @Override
        public Optional<LoginToken> consume(String username, Instant now) {
          return real.loginTokens().consume(username, now);
        }
      };

  /** Opens the embedded stores in {@code dataDir} with the config's limits. */
  public TestStores(KampungConfig config, Path dataDir, Clock clock) {
    this.real =
        StoreFactory.openEmbedded(
            new StoreSettings(StoreType.EMBEDDED, dataDir, 0, null, null),
            StoreFactory.villageZones(config),
            new ConfigLimitsSource(config),
            clock);
  }

  /** Charges what a villager used today, as accounting would. */
  public void used(String village, String user, String device, long bytes, long seconds) {
    real.ledger()
        .charge(
            new SessionKey(village, user, device, "test-" + user + "-" + device), bytes, 0, seconds)
        .orThrow();
  }

  /** Marks a device of a villager online, as an Accounting-Start would. */
  public void online(String village, String user, String device) {
    real.ledger().sessionStarted(new SessionKey(village, user, device, "test-" + device)).orThrow();
  }

  @Override
  public QuotaLedger ledger() {
    return ledger;
  }

  @Override
  public SubscriberStore subscribers() {
    return real.subscribers();
  }

  @Override
  public VoucherStore vouchers() {
    return real.vouchers();
  }

  @Override
  public SessionStore sessions() {
    return real.sessions();
  }

  @Override
  public SessionCommands sessionCommands() {
    return real.sessionCommands();
  }

  @Override
  public RememberedDeviceStore rememberedDevices() {
    return real.rememberedDevices();
  }

  @Override
  public LoginTokenStore loginTokens() {
    return loginTokens;
  }

  @Override
  public NasStateStore nasState() {
    return real.nasState();
  }

  @Override
  public org.smartkampung.core.throttle.FailureCounters failureCounters() {
    return real.failureCounters();
  }

  @Override
  public org.smartkampung.core.signing.SigningKeyStore signingKeys() {
    return real.signingKeys();
  }

  @Override
  public org.smartkampung.core.invalidation.Invalidations invalidations() {
    return real.invalidations();
  }

  @Override
  public org.smartkampung.core.login.FailedLogins failedLogins() {
    return real.failedLogins();
  }

  @Override
  public org.smartkampung.core.health.HotspotSightings hotspotSightings() {
    return real.hotspotSightings();
  }

  @Override
  public org.smartkampung.core.report.MonthlyRollups monthlyRollups() {
    return real.monthlyRollups();
  }

  @Override
  public org.smartkampung.core.device.DeviceListStore deviceLists() {
    return real.deviceLists();
  }

  @Override
  public void close() {
    real.close();
  }
}
