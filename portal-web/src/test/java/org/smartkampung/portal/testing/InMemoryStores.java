package org.smartkampung.portal.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.RedeemResult;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * Small in-memory stores for portal tests until the embedded stores land on main. The ledger
 * answers {@link #usage} for every check, so a test sets the usage it wants the portal to see.
 */
public final class InMemoryStores implements KampungStores {

  /** The usage the ledger reports; tests replace it. */
  public volatile Usage usage = new Usage(0, 0, 0, 0, 1, Limits.NONE);

  /** Set to make the ledger report the store as unavailable. */
  public volatile boolean ledgerDown;

  public final Map<String, LoginToken> tokens = new ConcurrentHashMap<>();
  public final Map<String, Subscriber> subscriberMap = new ConcurrentHashMap<>();
  public final Map<String, Voucher> voucherMap = new ConcurrentHashMap<>();
  public final Map<String, Session> sessionMap = new ConcurrentHashMap<>();

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

  private final LoginTokenStore loginTokens =
      new LoginTokenStore() {
        @Override
        public void mint(LoginToken token) {
          tokens.put(token.username(), token);
        }

        @Override
        public Optional<LoginToken> consume(String username, Instant now) {
          LoginToken t = tokens.remove(username);
          return t == null || !now.isBefore(t.expiresAt()) ? Optional.empty() : Optional.of(t);
        }
      };

  private final SubscriberStore subscribers =
      new SubscriberStore() {
        @Override
        public Optional<Subscriber> find(String username) {
          return Optional.ofNullable(subscriberMap.get(username));
        }

        @Override
        public boolean create(Subscriber s) {
          return subscriberMap.putIfAbsent(s.username(), s) == null;
        }

        @Override
        public boolean update(Subscriber s) {
          return subscriberMap.replace(s.username(), s) != null;
        }

        @Override
        public boolean delete(String username) {
          return subscriberMap.remove(username) != null;
        }

        @Override
        public List<Subscriber> listByVillage(String villageId) {
          return subscriberMap.values().stream()
              .filter(s -> s.villageId().equals(villageId))
              .sorted(Comparator.comparing(Subscriber::username))
              .toList();
        }
      };

  private final VoucherStore vouchers =
      new VoucherStore() {
        @Override
        public Optional<Voucher> find(String code) {
          return Optional.ofNullable(voucherMap.get(code));
        }

        @Override
        public synchronized boolean createAll(List<Voucher> list) {
          if (list.stream().anyMatch(v -> voucherMap.containsKey(v.code()))) {
            return false;
          }
          list.forEach(v -> voucherMap.put(v.code(), v));
          return true;
        }

        @Override
        public synchronized RedeemResult redeem(
            String villageId, String code, String deviceId, Instant now) {
          Voucher v = voucherMap.get(code);
          if (v == null || !v.villageId().equals(villageId)) {
            return RedeemResult.UNKNOWN;
          }
          VoucherStatus status = v.statusAt(now);
          if (status == VoucherStatus.EXPIRED) {
            return RedeemResult.EXPIRED;
          }
          if (status == VoucherStatus.REVOKED) {
            return RedeemResult.REVOKED;
          }
          if (status == VoucherStatus.USED) {
            return RedeemResult.USED;
          }
          List<String> devices =
              v.devices() == null || v.devices().isEmpty()
                  ? new ArrayList<>()
                  : new ArrayList<>(Arrays.asList(v.devices().split(",")));
          if (devices.contains(deviceId)) {
            return RedeemResult.ALREADY_YOURS;
          }
          if (devices.size() >= v.maxDevices()) {
            return RedeemResult.USED;
          }
          devices.add(deviceId);
          voucherMap.put(
              code,
              new Voucher(
                  v.code(),
                  v.villageId(),
                  v.batchId(),
                  v.createdAt(),
                  v.expiresAt(),
                  v.bytesLimit(),
                  v.minutesLimit(),
                  v.maxDevices(),
                  VoucherStatus.IN_USE,
                  v.firstUsedAt() == null ? now : v.firstUsedAt(),
                  String.join(",", devices)));
          return RedeemResult.REDEEMED;
        }

        @Override
        public boolean markUsed(String code) {
          return false;
        }

        @Override
        public boolean revoke(String code) {
          return false;
        }

        @Override
        public List<Voucher> listByVillage(String villageId) {
          return voucherMap.values().stream().filter(v -> v.villageId().equals(villageId)).toList();
        }
      };

  private final SessionStore sessions =
      new SessionStore() {
        @Override
        public void put(Session s) {
          sessionMap.put(s.id(), s);
        }

        @Override
        public Optional<Session> find(String id) {
          return Optional.ofNullable(sessionMap.get(id));
        }

        @Override
        public Optional<Session> remove(String id) {
          return Optional.ofNullable(sessionMap.remove(id));
        }

        @Override
        public List<Session> listByVillage(String villageId) {
          return sessionMap.values().stream()
              .filter(s -> s.villageId().equals(villageId))
              .sorted(Comparator.comparing(Session::startedAt))
              .toList();
        }

        @Override
        public List<Session> listByNas(String nasName) {
          return sessionMap.values().stream().filter(s -> s.nasName().equals(nasName)).toList();
        }
      };

  private final NasStateStore nasState =
      new NasStateStore() {
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

        @Override
        public void markMessageAuthenticatorSeen(String nasName) {
          seen.put(nasName, true);
        }

        @Override
        public boolean messageAuthenticatorSeen(String nasName) {
          return seen.containsKey(nasName);
        }
      };

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
  public void close() {}
}
