package org.smartkampung.radius.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.login.RememberedDevice;
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
import org.smartkampung.core.store.EmbeddedSessionCommands;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.RedeemResult;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * TEST FIXTURE: the real embedded ledger and session store in a temporary directory, with a switch
 * that takes the ledger down and counts of ledger records and token consumptions, so tests can
 * prove a request ran once; simple maps for subscribers, vouchers, tokens and NAS facts.
 */
public final class InMemoryStores implements KampungStores {

  private volatile Limits limits = Limits.NONE;
  public final AtomicBoolean ledgerDown = new AtomicBoolean();
  public final AtomicInteger accountCalls = new AtomicInteger();
  public final AtomicInteger tokenConsumes = new AtomicInteger();

  private final Map<String, Subscriber> subscriberMap = new ConcurrentHashMap<>();
  private final Map<String, Voucher> voucherMap = new ConcurrentHashMap<>();
  private final Map<String, LoginToken> tokenMap = new ConcurrentHashMap<>();
  private final Set<String> maSeen = ConcurrentHashMap.newKeySet();

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

  private final SubscriberStore subscribers =
      new SubscriberStore() {
        public Optional<Subscriber> find(String username) {
          return Optional.ofNullable(subscriberMap.get(username));
        }

        public boolean create(Subscriber s) {
          return subscriberMap.putIfAbsent(s.username(), s) == null;
        }

        public boolean update(Subscriber s) {
          return subscriberMap.replace(s.username(), s) != null;
        }

        public boolean delete(String username) {
          return subscriberMap.remove(username) != null;
        }

        public List<Subscriber> listByVillage(String village) {
          return subscriberMap.values().stream()
              .filter(s -> s.villageId().equals(village))
              .toList();
        }
      };

  private final VoucherStore vouchers =
      new VoucherStore() {
        public Optional<Voucher> find(String code) {
          return Optional.ofNullable(voucherMap.get(code));
        }

        public boolean createAll(List<Voucher> list) {
          list.forEach(v -> voucherMap.put(v.code(), v));
          return true;
        }

        public synchronized RedeemResult redeem(
            String village, String code, String device, Instant now) {
          Voucher v = voucherMap.get(code);
          if (v == null || !v.villageId().equals(village)) {
            return RedeemResult.UNKNOWN;
          }
          switch (v.statusAt(now)) {
            case EXPIRED:
              return RedeemResult.EXPIRED;
            case REVOKED:
              return RedeemResult.REVOKED;
            case USED:
              return RedeemResult.USED;
            default:
              break;
          }
          List<String> held =
              v.devices() == null || v.devices().isEmpty()
                  ? new ArrayList<>()
                  : new ArrayList<>(List.of(v.devices().split(",")));
          if (held.contains(device)) {
            return RedeemResult.ALREADY_YOURS;
          }
          if (held.size() >= v.maxDevices()) {
            return RedeemResult.USED;
          }
          held.add(device);
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
                  String.join(",", held)));
          return RedeemResult.REDEEMED;
        }

        public boolean markUsed(String code) {
          return false;
        }

        public boolean revoke(String code) {
          return false;
        }

        public List<Voucher> listByVillage(String village) {
          return List.copyOf(voucherMap.values());
        }
      };

  private final LoginTokenStore tokens =
      new LoginTokenStore() {
        public void mint(LoginToken t) {
          tokenMap.put(t.username(), t);
        }

        public Optional<LoginToken> consume(String username, Instant now) {
          tokenConsumes.incrementAndGet();
          LoginToken t = tokenMap.remove(username);
          return t == null || !now.isBefore(t.expiresAt()) ? Optional.empty() : Optional.of(t);
        }
      };

  private final Map<String, RememberedDevice> deviceMap = new ConcurrentHashMap<>();

  private final RememberedDeviceStore rememberedDevices =
      new RememberedDeviceStore() {
        public void remember(RememberedDevice d) {
          deviceMap.put(d.villageId() + "/" + d.mac(), d);
        }

        public Optional<RememberedDevice> find(String village, String mac, Instant now) {
          RememberedDevice d = deviceMap.get(village + "/" + mac);
          return d == null || !now.isBefore(d.expiresAt()) ? Optional.empty() : Optional.of(d);
        }
      };

  private final NasStateStore nasState =
      new NasStateStore() {
        public void markMessageAuthenticatorSeen(String nas) {
          maSeen.add(nas);
        }

        public boolean messageAuthenticatorSeen(String nas) {
          return maSeen.contains(nas);
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

  private final org.smartkampung.core.health.HotspotSightings sightings =
      new org.smartkampung.core.store.EmbeddedHotspotSightings();

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
  public void close() {
    realLedger.close();
    sessions.close();
  }
}
