package org.smartkampung.radius.testing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.login.RememberedDevice;
import org.smartkampung.core.login.RememberedDeviceStore;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionCommands;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.store.EmbeddedSessionCommands;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.RedeemResult;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * TEST FIXTURE: minimal in-memory stores so the RADIUS tests run before the real embedded stores
 * land on main. Synchronized on one lock; one day, no periods. Counts calls so tests can prove a
 * request ran once.
 */
public final class InMemoryStores implements KampungStores {

  private final Object lock = new Object();
  private volatile Limits limits = Limits.NONE;
  public final AtomicBoolean ledgerDown = new AtomicBoolean();
  public final AtomicInteger accountCalls = new AtomicInteger();
  public final AtomicInteger tokenConsumes = new AtomicInteger();

  private final Map<String, long[]> lastTotals = new HashMap<>();
  private final Map<String, Long> userBytes = new HashMap<>();
  private final Map<String, Long> userSeconds = new HashMap<>();
  private final Map<String, Long> villageBytes = new HashMap<>();
  private final Map<String, Set<String>> devices = new HashMap<>();

  private final Map<String, Subscriber> subscriberMap = new ConcurrentHashMap<>();
  private final Map<String, Voucher> voucherMap = new ConcurrentHashMap<>();
  private final Map<String, Session> sessionMap = new ConcurrentHashMap<>();
  private final Map<String, LoginToken> tokenMap = new ConcurrentHashMap<>();
  private final Set<String> maSeen = ConcurrentHashMap.newKeySet();

  public void setLimits(Limits limits) {
    this.limits = limits;
  }

  public long villageBytesUsed(String village) {
    synchronized (lock) {
      return villageBytes.getOrDefault(village, 0L);
    }
  }

  public long userBytesUsed(String village, String user) {
    synchronized (lock) {
      return userBytes.getOrDefault(village + "/" + user, 0L);
    }
  }

  private Usage usage(String village, String user) {
    String u = village + "/" + user;
    return new Usage(
        userBytes.getOrDefault(u, 0L),
        userSeconds.getOrDefault(u, 0L),
        villageBytes.getOrDefault(village, 0L),
        villageBytes.getOrDefault(village, 0L),
        devices.getOrDefault(u, Set.of()).size(),
        limits);
  }

  private final QuotaLedger ledger =
      new QuotaLedger() {
        @Override
        public QuotaResult charge(SessionKey s, long in, long out, long seconds) {
          if (ledgerDown.get()) {
            return new QuotaResult.StoreUnavailable("test: down");
          }
          synchronized (lock) {
            String u = s.villageId() + "/" + s.userId();
            userBytes.merge(u, in + out, Long::sum);
            userSeconds.merge(u, seconds, Long::sum);
            villageBytes.merge(s.villageId(), in + out, Long::sum);
            return new QuotaResult.Ok(usage(s.villageId(), s.userId()));
          }
        }

        @Override
        public QuotaResult account(SessionKey s, long in, long out, long seconds) {
          accountCalls.incrementAndGet();
          if (ledgerDown.get()) {
            return new QuotaResult.StoreUnavailable("test: down");
          }
          synchronized (lock) {
            long[] last = lastTotals.getOrDefault(s.sessionId(), new long[3]);
            long dIn = in >= last[0] ? in - last[0] : in;
            long dOut = out >= last[1] ? out - last[1] : out;
            long dSec = seconds >= last[2] ? seconds - last[2] : seconds;
            lastTotals.put(s.sessionId(), new long[] {in, out, seconds});
            return charge(s, dIn, dOut, dSec);
          }
        }

        @Override
        public QuotaResult check(String village, String user, String device) {
          if (ledgerDown.get()) {
            return new QuotaResult.StoreUnavailable("test: down");
          }
          synchronized (lock) {
            Usage u = usage(village, user);
            Set<String> online = devices.getOrDefault(village + "/" + user, Set.of());
            int others = online.contains(device) ? online.size() - 1 : online.size();
            return new QuotaResult.Ok(
                new Usage(
                    u.userDayBytes(),
                    u.userDaySeconds(),
                    u.villageDayBytes(),
                    u.villageMonthBytes(),
                    others,
                    u.limits()));
          }
        }

        @Override
        public QuotaResult sessionStarted(SessionKey s) {
          if (ledgerDown.get()) {
            return new QuotaResult.StoreUnavailable("test: down");
          }
          synchronized (lock) {
            devices
                .computeIfAbsent(s.villageId() + "/" + s.userId(), k -> new HashSet<>())
                .add(s.deviceId());
            return new QuotaResult.Ok(usage(s.villageId(), s.userId()));
          }
        }

        @Override
        public QuotaResult sessionEnded(SessionKey s) {
          if (ledgerDown.get()) {
            return new QuotaResult.StoreUnavailable("test: down");
          }
          synchronized (lock) {
            Set<String> d = devices.get(s.villageId() + "/" + s.userId());
            if (d != null) {
              d.remove(s.deviceId());
            }
            lastTotals.remove(s.sessionId());
            return new QuotaResult.Ok(usage(s.villageId(), s.userId()));
          }
        }

        /** Not counted here: every hour reads 0 (the real stores are tested in core). */
        @Override
        public Map<LocalDateTime, Long> hourlyBytes(String village, LocalDateTime from, int hours) {
          Map<LocalDateTime, Long> bytes = new LinkedHashMap<>();
          for (int i = 0; i < hours; i++) {
            bytes.put(from.truncatedTo(ChronoUnit.HOURS).plusHours(i), 0L);
          }
          return bytes;
        }

        @Override
        public boolean isExhausted(String village, String user) {
          synchronized (lock) {
            Usage u = usage(village, user);
            return u.userExhausted() || u.villageExhausted();
          }
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

  private final SessionStore sessions =
      new SessionStore() {
        public void put(Session s) {
          sessionMap.put(s.id(), s);
        }

        public Optional<Session> find(String id) {
          return Optional.ofNullable(sessionMap.get(id));
        }

        public Optional<Session> remove(String id) {
          return Optional.ofNullable(sessionMap.remove(id));
        }

        public List<Session> listByVillage(String village) {
          return sessionMap.values().stream()
              .filter(s -> s.villageId().equals(village))
              .sorted(Comparator.comparing(Session::startedAt))
              .toList();
        }

        public List<Session> listByNas(String nas) {
          return sessionMap.values().stream().filter(s -> s.nasName().equals(nas)).toList();
        }

        public Optional<Session> findByFramedIp(String ip) {
          return sessionMap.values().stream()
              .filter(s -> !ip.isEmpty() && ip.equals(s.framedIp()))
              .max(Comparator.comparing(Session::startedAt));
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

  @Override
  public void close() {}
}
