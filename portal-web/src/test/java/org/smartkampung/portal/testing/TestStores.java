package org.smartkampung.portal.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.store.EmbeddedLoginTokenStore;
import org.smartkampung.core.store.EmbeddedNasStateStore;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.core.store.EmbeddedSubscriberStore;
import org.smartkampung.core.store.EmbeddedVoucherStore;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * The real embedded stores plus a stand-in ledger (until the embedded ledger lands on main) that
 * answers {@link #usage} for every check, so a test sets the usage it wants the portal to see.
 */
public final class TestStores implements KampungStores {

  /** The usage the ledger reports; tests replace it. */
  public volatile Usage usage = new Usage(0, 0, 0, 0, 1, Limits.NONE);

  /** Set to make the ledger report the store as unavailable. */
  public volatile boolean ledgerDown;

  public final Map<String, LoginToken> tokens = new ConcurrentHashMap<>();

  private final QuotaLedger ledger =
      new QuotaLedger() {
        @Override
        public QuotaResult charge(SessionKey s, long in, long out, long seconds) {
          return check(s.villageId(), s.userId(), s.deviceId());
        }

        @Override
        public QuotaResult account(SessionKey s, long in, long out, long seconds) {
          return check(s.villageId(), s.userId(), s.deviceId());
        }

        @Override
        public QuotaResult check(String villageId, String userId, String deviceId) {
          return ledgerDown ? new QuotaResult.StoreUnavailable("test") : new QuotaResult.Ok(usage);
        }

        @Override
        public QuotaResult sessionStarted(SessionKey s) {
          return check(s.villageId(), s.userId(), s.deviceId());
        }

        @Override
        public QuotaResult sessionEnded(SessionKey s) {
          return check(s.villageId(), s.userId(), s.deviceId());
        }

        @Override
        public boolean isExhausted(String villageId, String userId) {
          return usage.userExhausted() || usage.villageExhausted();
        }

        @Override
        public void close() {}
      };

  private final EmbeddedLoginTokenStore realTokens;
  private final EmbeddedSubscriberStore subscribers;
  private final EmbeddedVoucherStore vouchers;
  private final EmbeddedSessionStore sessions;
  private final EmbeddedNasStateStore nasState;

  /** Records every minted token so tests can read what the portal handed the NAS. */
  private final LoginTokenStore loginTokens =
      new LoginTokenStore() {
        @Override
        public void mint(LoginToken token) {
          tokens.put(token.username(), token);
          realTokens.mint(token);
        }

        @Override
        public Optional<LoginToken> consume(String username, Instant now) {
          return realTokens.consume(username, now);
        }
      };

  /** Real embedded stores in {@code dataDir}; only the ledger is a stand-in. */
  public TestStores(Path dataDir, Clock clock) {
    realTokens = new EmbeddedLoginTokenStore(clock);
    subscribers = new EmbeddedSubscriberStore(dataDir);
    vouchers = new EmbeddedVoucherStore(dataDir);
    sessions = new EmbeddedSessionStore(dataDir);
    nasState = new EmbeddedNasStateStore(dataDir);
  }

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
    return loginTokens;
  }

  @Override
  public NasStateStore nasState() {
    return nasState;
  }

  @Override
  public void close() {
    subscribers.close();
    vouchers.close();
    sessions.close();
    nasState.close();
  }
}
