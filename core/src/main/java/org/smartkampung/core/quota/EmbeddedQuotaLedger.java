package org.smartkampung.core.quota;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.durable.AtomicFiles;
import org.smartkampung.core.durable.GroupCommitLog;
import org.smartkampung.core.durable.Periodic;

/**
 * The quota ledger in process memory, for deployments without Redis. Exact under concurrency: each
 * village's counters change under that village's lock, so villages never wait for each other.
 *
 * <p>Acknowledged means durable: every change is a line in a journal ({@code
 * <dataDir>/ledger.<n>.log}) and a result is returned (or its future completes) only once that line
 * is fsynced. Lines of concurrent callers share one fsync ({@link GroupCommitLog}). Every {@code
 * snapshotIntervalSeconds} and on {@link #close()} the state is written to {@code
 * <dataDir>/counters.json} (temp file, fsync, rename) and the journal files it covers are deleted;
 * at open the snapshot is read and the journal replayed over it, so a crash at any moment loses no
 * acknowledged record. Replay applies each line at the time it was written, so days and months fall
 * where they fell.
 *
 * <p>Closed sessions' counters are kept {@code closedSessionRetention} after their close, and
 * sessions silent that long are dropped, so the session table ends; expired days and months are
 * dropped as they pass; hourly village counters are kept {@link #HOURLY_RETENTION_DAYS} days.
 */
public final class EmbeddedQuotaLedger implements QuotaLedger {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedQuotaLedger.class);

  static final String SNAPSHOT_FILE = "counters.json";
  static final String JOURNAL = "ledger";

  private static final String RESERVED = "~";

  private final QuotaCalendar calendar;
  private final LimitsSource limits;
  private final Clock clock;
  private final Path dataDir;
  private final Path snapshotFile;
  private final long closedRetentionMillis;
  private final ObjectMapper json =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final Map<String, VillageCounters> villages = new ConcurrentHashMap<>();

  /** Changes take it shared; a snapshot takes it alone to cut the journal at a consistent state. */
  private final ReadWriteLock snapshotGate = new ReentrantReadWriteLock();

  private final GroupCommitLog journal;
  private final Periodic snapshots;

  /** As the full constructor, keeping closed sessions {@link #CLOSED_SESSION_RETENTION_HOURS}. */
  public EmbeddedQuotaLedger(
      Path dataDir,
      int snapshotIntervalSeconds,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock) {
    this(
        dataDir,
        snapshotIntervalSeconds,
        zones,
        limits,
        clock,
        Duration.ofHours(CLOSED_SESSION_RETENTION_HOURS));
  }

  /**
   * Opens the ledger: reads {@code <dataDir>/counters.json} when present and replays the journal.
   *
   * @param dataDir directory for the snapshot and journal; created when missing
   * @param snapshotIntervalSeconds how often the state is snapshotted and the journal compacted; 0
   *     or less only on close
   * @param zones the time zone of each village, for its days and months
   * @param limits the standing limits, only for {@link #isExhausted}; charges count without them
   * @param clock source of the current period
   * @param closedSessionRetention how long a session's counters are kept after its close (and a
   *     silent session's after its last record)
   * @throws UncheckedIOException when the directory cannot be created or the files not read
   */
  public EmbeddedQuotaLedger(
      Path dataDir,
      int snapshotIntervalSeconds,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock,
      Duration closedSessionRetention) {
    this.calendar = new QuotaCalendar(zones);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.closedRetentionMillis = closedSessionRetention.toMillis();
    this.dataDir = dataDir;
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    this.snapshotFile = dataDir.resolve(SNAPSHOT_FILE);
    long next = load();
    this.journal = GroupCommitLog.open(dataDir, JOURNAL, next);
    this.snapshots = new Periodic("ledger-snapshot", snapshotIntervalSeconds, this::snapshotNow);
  }

  @Override
  public QuotaResult charge(
      SessionKey session, long deltaInBytes, long deltaOutBytes, long deltaSeconds) {
    SessionCounters delta = new SessionCounters(deltaInBytes, deltaOutBytes, deltaSeconds);
    return durably(change(Entry.of("charge", session, delta, null, clock.millis())));
  }

  @Override
  public QuotaResult record(SessionKey session, AccountingEvent event) {
    return durably(recordAsync(session, event));
  }

  /** {@inheritDoc} Completes when the journal line is fsynced, so no thread waits meanwhile. */
  @Override
  public CompletableFuture<QuotaResult> recordAsync(SessionKey session, AccountingEvent event) {
    long now = clock.millis();
    Entry entry =
        Entry.of("record", session, event.totals(), event.kind(), now)
            .withEvent(now - event.delaySeconds() * 1000);
    return change(entry);
  }

  @Override
  public QuotaResult close(SessionKey session) {
    return durably(change(Entry.of("close", session, SessionCounters.ZERO, null, clock.millis())));
  }

  @Override
  public CompletableFuture<Boolean> closeAll(List<SessionKey> sessions) {
    List<CompletableFuture<QuotaResult>> closed = new ArrayList<>(sessions.size());
    long now = clock.millis();
    for (SessionKey session : sessions) {
      closed.add(change(Entry.of("close", session, SessionCounters.ZERO, null, now)));
    }
    return CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new))
        .thenApply(done -> closed.stream().allMatch(f -> f.join() instanceof QuotaResult.Ok));
  }

  @Override
  public boolean reserveDevice(String villageId, String userId, String deviceId, int maxDevices) {
    SessionKey key = new SessionKey(villageId, userId, deviceId, "");
    Entry entry = Entry.of("reserve", key, SessionCounters.ZERO, null, clock.millis());
    QuotaResult result = durably(change(entry.withMaxDevices(maxDevices)));
    if (!(result instanceof QuotaResult.Ok)) {
      throw new StoreUnavailableException(((QuotaResult.StoreUnavailable) result).reason());
    }
    VillageCounters village = village(villageId);
    synchronized (village) {
      String slot = village.devices.getOrDefault(userId, Map.of()).get(deviceId);
      return slot != null;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@link Usage#userDevices()} counts the villager's devices online other than {@code
   * deviceId}, so the device may join while it is below {@link Limits#maxDevices()}.
   */
  @Override
  public QuotaResult check(String villageId, String userId, String deviceId) {
    VillageCounters village = village(villageId);
    Instant now = clock.instant();
    QuotaPeriods periods = calendar.periods(villageId, now);
    synchronized (village) {
      return new QuotaResult.Ok(usage(village, periods, userId, deviceId, now));
    }
  }

  @Override
  public Map<LocalDateTime, Long> hourlyBytes(String villageId, LocalDateTime fromHour, int hours) {
    RedisQuotaLedger.requireHours(hours);
    LocalDateTime first = fromHour.truncatedTo(ChronoUnit.HOURS);
    VillageCounters village = villages.get(villageId);
    Map<LocalDateTime, Long> bytes = new LinkedHashMap<>();
    for (int i = 0; i < hours; i++) {
      LocalDateTime hour = first.plusHours(i);
      long used = 0;
      if (village != null) {
        synchronized (village) {
          used = village.hours.getOrDefault(hour.format(QuotaCalendar.HOUR), 0L);
        }
      }
      bytes.put(hour, used);
    }
    return bytes;
  }

  @Override
  public boolean isExhausted(String villageId, String userId) {
    Usage usage = check(villageId, userId, null).orThrow();
    Limits standing = limits.limitsFor(villageId, userId);
    return standing.userExhausted(usage) || standing.villageExhausted(usage);
  }

  /** Session records held in memory, open and closed (for tests and gauges of what grows). */
  public int sessionRecordCount() {
    int count = 0;
    for (VillageCounters village : villages.values()) {
      synchronized (village) {
        count += village.sessions.size();
      }
    }
    return count;
  }

  /** Stops the snapshot timer, writes a last snapshot and closes the journal. */
  @Override
  public void close() {
    snapshots.close();
    journal.close();
  }

  /**
   * Writes the state to the snapshot and deletes the journal files it covers. Old closed sessions
   * are dropped first.
   */
  void snapshotNow() {
    Map<String, VillageSnapshot> copy = new HashMap<>();
    long covered;
    long now = clock.millis();
    snapshotGate.writeLock().lock();
    try {
      covered = journal.rotate();
      villages.forEach(
          (id, village) -> {
            synchronized (village) {
              village.prune(now, closedRetentionMillis);
              copy.put(id, village.toSnapshot());
            }
          });
    } finally {
      snapshotGate.writeLock().unlock();
    }
    try {
      AtomicFiles.write(snapshotFile, json.writeValueAsBytes(new Snapshot(now, covered, copy)));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write quota counters to " + snapshotFile, e);
    }
    journal.deleteBefore(covered);
  }

  private QuotaResult durably(CompletableFuture<QuotaResult> result) {
    try {
      return result.join();
    } catch (CompletionException e) {
      return new QuotaResult.StoreUnavailable("ledger journal: " + e.getCause());
    }
  }

  /** Applies a change in memory and journals it; completes once the journal line is durable. */
  private CompletableFuture<QuotaResult> change(Entry entry) {
    VillageCounters village = village(entry.v());
    CompletableFuture<Void> durable;
    QuotaResult result;
    String line;
    try {
      line = json.writeValueAsString(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    snapshotGate.readLock().lock();
    try {
      synchronized (village) {
        result = apply(village, entry);
        // Appended under the village's lock: the journal holds each village's changes in order.
        durable = journal.append(line);
      }
    } finally {
      snapshotGate.readLock().unlock();
    }
    return durable.handle(
        (done, error) ->
            error == null
                ? result
                : new QuotaResult.StoreUnavailable("ledger journal: " + error.getMessage()));
  }

  /** One change, at the time it was made: the same function serves live calls and replay. */
  private QuotaResult.Ok apply(VillageCounters village, Entry entry) {
    Instant at = Instant.ofEpochMilli(entry.t());
    QuotaPeriods periods = calendar.periods(entry.v(), at);
    SessionCounters totals = new SessionCounters(entry.i(), entry.o(), entry.x());
    switch (entry.op()) {
      case "charge" ->
          village.add(periods, calendar.hourKey(entry.v(), at), entry.u(), totals, epochDay(at));
      case "record" -> {
        SessionCounters charged = village.record(entry);
        village.add(periods, calendar.hourKey(entry.v(), at), entry.u(), charged, epochDay(at));
      }
      case "close" -> village.close(entry.s(), entry.u(), entry.d(), entry.t());
      case "reserve" -> village.reserve(entry.u(), entry.d(), entry.m(), entry.t());
      default -> throw new IllegalArgumentException("unknown ledger change " + entry.op());
    }
    SessionState session = village.sessions.get(entry.s());
    return new QuotaResult.Ok(
        usage(village, periods, entry.u(), null, at), session != null && !session.closed());
  }

  /** Reads the snapshot and replays the journal; returns the sequence of the next journal file. */
  private long load() {
    long from = 0;
    if (Files.exists(snapshotFile)) {
      Snapshot snapshot;
      try {
        snapshot = json.readValue(snapshotFile.toFile(), Snapshot.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read quota counters from " + snapshotFile, e);
      }
      from = snapshot.journalSequence();
      Instant now = clock.instant();
      if (snapshot.villages() != null) {
        snapshot
            .villages()
            .forEach(
                (id, saved) ->
                    villages.put(
                        id,
                        VillageCounters.fromSnapshot(
                            saved,
                            calendar.periods(id, now),
                            calendar.hourKey(id, now),
                            epochDay(now))));
      }
    }
    long next = from;
    int replayed = 0;
    for (long sequence : GroupCommitLog.sequences(dataDir, JOURNAL)) {
      next = Math.max(next, sequence + 1);
      if (sequence < from) {
        continue; // covered by the snapshot; its deletion was cut short
      }
      replayed +=
          GroupCommitLog.replay(
              GroupCommitLog.file(dataDir, JOURNAL, sequence),
              line -> {
                try {
                  Entry entry = json.readValue(line, Entry.class);
                  apply(village(entry.v()), entry);
                } catch (IOException e) {
                  throw new UncheckedIOException("damaged ledger journal line: " + line, e);
                }
              });
    }
    if (!villages.isEmpty() || replayed > 0) {
      log.info(
          "Loaded quota counters of {} villages from {} and {} journal records",
          villages.size(),
          snapshotFile,
          replayed);
    }
    return next;
  }

  private VillageCounters village(String villageId) {
    return villages.computeIfAbsent(villageId, id -> new VillageCounters());
  }

  /** Days since the epoch (UTC): only for the retention of totals, which needs no time zone. */
  private static long epochDay(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), 86_400_000L);
  }

  /** Usage of one villager; {@code deviceId} non-null counts only the other devices online. */
  private Usage usage(
      VillageCounters village, QuotaPeriods periods, String userId, String deviceId, Instant now) {
    UserDay user = village.users.get(userId);
    boolean today = user != null && user.dayKey.equals(periods.dayKey());
    UserTotal total = village.totals.get(userId);
    Map<String, String> devices = village.devices.getOrDefault(userId, Map.of());
    // A login (deviceId given) looks at each slot; an accounting record only needs the count.
    int online =
        deviceId != null ? village.liveDevices(userId, now.toEpochMilli()) : devices.size();
    if (deviceId != null && devices.containsKey(deviceId)) {
      online--;
    }
    return new Usage(
        today ? user.bytes : 0,
        today ? user.seconds : 0,
        periods.dayKey().equals(village.dayKey) ? village.dayBytes : 0,
        periods.monthKey().equals(village.monthKey) ? village.monthBytes : 0,
        online,
        total == null ? 0 : total.bytes(),
        total == null ? 0 : total.seconds());
  }

  /**
   * One change as a journal line. Short names keep the lines small.
   *
   * @param t when it was made (epoch millis)
   * @param op charge | record | close | reserve
   * @param v village
   * @param u user
   * @param d device
   * @param s session
   * @param i bytes in (delta for charge, cumulative for record)
   * @param o bytes out
   * @param x seconds
   * @param k record kind
   * @param e the record's event time (t less its Acct-Delay-Time)
   * @param m reserve: max devices
   */
  record Entry(
      long t,
      String op,
      String v,
      String u,
      String d,
      String s,
      long i,
      long o,
      long x,
      AccountingEvent.Kind k,
      long e,
      int m) {

    static Entry of(
        String op, SessionKey key, SessionCounters counters, AccountingEvent.Kind kind, long t) {
      return new Entry(
          t,
          op,
          key.villageId(),
          key.userId(),
          Objects.requireNonNullElse(key.deviceId(), ""),
          Objects.requireNonNullElse(key.sessionId(), ""),
          counters.inBytes(),
          counters.outBytes(),
          counters.seconds(),
          kind,
          t,
          0);
    }

    Entry withEvent(long eventMillis) {
      return new Entry(t, op, v, u, d, s, i, o, x, k, eventMillis, m);
    }

    Entry withMaxDevices(int maxDevices) {
      return new Entry(t, op, v, u, d, s, i, o, x, k, e, maxDevices);
    }
  }

  /**
   * What the ledger remembers of one session.
   *
   * @param last the counters charged up to
   * @param eventMillis event time of the newest record
   * @param closedAtMillis when it was closed; 0 while open
   * @param deviceId its device, for a Stop that names none
   */
  record SessionState(
      SessionCounters last, long eventMillis, long closedAtMillis, String deviceId) {
    SessionState {
      deviceId = Objects.requireNonNullElse(deviceId, "");
    }

    boolean closed() {
      return closedAtMillis > 0;
    }
  }

  /** A villager's totals over all days kept, and the epoch day of their last use. */
  record UserTotal(long bytes, long seconds, long lastEpochDay) {}

  /** One village's counters; guarded by its own monitor. */
  private static final class VillageCounters {
    String dayKey = "";
    long dayBytes;
    String monthKey = "";
    long monthBytes;
    final Map<String, UserDay> users = new HashMap<>();

    /** Per villager: device -> session id, or {@code ~<until millis>} for a held slot. */
    final Map<String, Map<String, String>> devices = new HashMap<>();

    final Map<String, SessionState> sessions = new HashMap<>();
    final Map<String, UserTotal> totals = new HashMap<>();

    /** Village bytes per local hour, by {@code yyyyMMddHH} key (sorted, so pruning is a range). */
    final java.util.NavigableMap<String, Long> hours = new java.util.TreeMap<>();

    /** Applies a record to its session (see {@link SessionCharge}); returns what to charge. */
    SessionCounters record(Entry entry) {
      SessionCounters next = new SessionCounters(entry.i(), entry.o(), entry.x());
      SessionState state = sessions.get(entry.s());
      boolean start = entry.k() == AccountingEvent.Kind.START;
      boolean register = entry.k() != AccountingEvent.Kind.STOP;
      SessionCharge.Outcome outcome;
      if (state == null || (state.closed() && start && entry.e() > state.closedAtMillis())) {
        outcome = SessionCharge.first(next);
        state = new SessionState(next, entry.e(), 0, entry.d());
      } else if (state.closed()) {
        outcome = SessionCharge.closed(state.last(), next);
        register = false;
      } else {
        outcome = SessionCharge.open(state.last(), next, entry.e() - state.eventMillis(), start);
      }
      String device = entry.d().isEmpty() ? state.deviceId() : entry.d();
      state =
          new SessionState(
              outcome.kept(),
              outcome.newestEvent() ? entry.e() : state.eventMillis(),
              state.closedAtMillis(),
              register || state.deviceId().isEmpty() ? device : state.deviceId());
      sessions.put(entry.s(), state);
      if (register && !device.isEmpty()) {
        Map<String, String> mine = devices.computeIfAbsent(entry.u(), u -> new HashMap<>());
        // A Start claims the device; another record only when its Start was lost.
        if (start) {
          mine.put(device, entry.s());
        } else {
          mine.putIfAbsent(device, entry.s());
        }
      }
      if (entry.k() == AccountingEvent.Kind.STOP) {
        close(entry.s(), entry.u(), entry.d(), entry.e());
      }
      return outcome.charged();
    }

    void close(String sessionId, String userId, String deviceId, long at) {
      SessionState state = sessions.get(sessionId);
      if (state != null) {
        free(userId, state.deviceId(), sessionId);
        if (!state.closed()) {
          long closedAt = Math.max(1, at); // 0 means open
          sessions.put(
              sessionId,
              new SessionState(state.last(), state.eventMillis(), closedAt, state.deviceId()));
        }
      }
      free(userId, deviceId, sessionId);
    }

    void reserve(String userId, String deviceId, int maxDevices, long now) {
      Map<String, String> mine = devices.computeIfAbsent(userId, u -> new HashMap<>());
      String current = mine.get(deviceId);
      if (current != null && !current.startsWith(RESERVED)) {
        return; // online already: a re-login takes no new slot
      }
      mine.remove(deviceId);
      if (liveDevices(userId, now) < maxDevices) {
        mine.put(deviceId, RESERVED + (now + DEVICE_RESERVATION_SECONDS * 1000L));
      } else if (mine.isEmpty()) {
        devices.remove(userId);
      }
    }

    private void free(String userId, String deviceId, String sessionId) {
      Map<String, String> mine = devices.get(userId);
      // A re-login of the same device has replaced the session id: keep the device online.
      if (mine != null && deviceId != null && sessionId.equals(mine.get(deviceId))) {
        mine.remove(deviceId);
        if (mine.isEmpty()) {
          devices.remove(userId);
        }
      }
    }

    /** Devices of the villager online now; forgets held slots whose Start never came. */
    int liveDevices(String userId, long now) {
      Map<String, String> mine = devices.get(userId);
      if (mine == null) {
        return 0;
      }
      mine.values().removeIf(v -> v.startsWith(RESERVED) && Long.parseLong(v.substring(1)) <= now);
      return mine.size();
    }

    void add(
        QuotaPeriods periods,
        String hourKey,
        String userId,
        SessionCounters charged,
        long epochDay) {
      long bytes = charged.bytes();
      long seconds = charged.seconds();
      if (bytes == 0 && seconds == 0) {
        return;
      }
      if (!hours.containsKey(hourKey)) {
        pruneHours(hourKey);
      }
      hours.merge(hourKey, bytes, Long::sum);
      if (!periods.dayKey().equals(dayKey)) {
        dayKey = periods.dayKey();
        dayBytes = 0;
        // Yesterday's villagers start again from zero; forget them rather than keep them forever.
        users.values().removeIf(u -> !u.dayKey.equals(periods.dayKey()));
        pruneTotals(epochDay);
      }
      if (!periods.monthKey().equals(monthKey)) {
        monthKey = periods.monthKey();
        monthBytes = 0;
      }
      dayBytes += bytes;
      monthBytes += bytes;
      UserDay user = users.get(userId);
      if (user == null || !user.dayKey.equals(dayKey)) {
        user = new UserDay(dayKey);
        users.put(userId, user);
      }
      user.bytes += bytes;
      user.seconds += seconds;
      UserTotal total = totals.getOrDefault(userId, new UserTotal(0, 0, epochDay));
      totals.put(userId, new UserTotal(total.bytes() + bytes, total.seconds() + seconds, epochDay));
    }

    /** Drops sessions closed, or silent, for longer than the retention, and their devices. */
    void prune(long now, long retentionMillis) {
      sessions
          .entrySet()
          .removeIf(
              e -> {
                SessionState s = e.getValue();
                long since = s.closed() ? s.closedAtMillis() : s.eventMillis();
                return since < now - retentionMillis;
              });
      devices
          .values()
          .forEach(
              mine ->
                  mine.values()
                      .removeIf(
                          v ->
                              v.startsWith(RESERVED)
                                  ? Long.parseLong(v.substring(1)) <= now
                                  : !sessions.containsKey(v)));
      devices.values().removeIf(Map::isEmpty);
    }

    void pruneTotals(long epochDay) {
      totals.values().removeIf(t -> t.lastEpochDay() < epochDay - TOTAL_RETENTION_DAYS);
    }

    /** Drops hours older than the retention, counted back from {@code nowHourKey}. */
    void pruneHours(String nowHourKey) {
      String oldest =
          LocalDateTime.parse(nowHourKey, QuotaCalendar.HOUR)
              .minusDays(HOURLY_RETENTION_DAYS)
              .format(QuotaCalendar.HOUR);
      hours.headMap(oldest, false).clear();
    }

    VillageSnapshot toSnapshot() {
      Map<String, UserSnapshot> savedUsers = new HashMap<>();
      users.forEach((id, u) -> savedUsers.put(id, new UserSnapshot(u.dayKey, u.bytes, u.seconds)));
      Map<String, Map<String, String>> savedDevices = new HashMap<>();
      devices.forEach((id, d) -> savedDevices.put(id, Map.copyOf(d)));
      return new VillageSnapshot(
          dayKey,
          dayBytes,
          monthKey,
          monthBytes,
          savedUsers,
          savedDevices,
          null,
          new HashMap<>(hours),
          null,
          new HashMap<>(sessions),
          new HashMap<>(totals));
    }

    static VillageCounters fromSnapshot(
        VillageSnapshot saved, QuotaPeriods now, String hourKey, long epochDay) {
      VillageCounters village = new VillageCounters();
      if (saved.totals() != null) {
        village.totals.putAll(saved.totals());
      } else if (saved.userTotals() != null) { // written before named records
        saved
            .userTotals()
            .forEach((id, t) -> village.totals.put(id, new UserTotal(t[0], t[1], t[2])));
      }
      village.pruneTotals(epochDay);
      if (saved.hourBytes() != null) { // absent in snapshots written before hourly counters
        village.hours.putAll(saved.hourBytes());
        village.pruneHours(hourKey);
      }
      if (now.dayKey().equals(saved.dayKey())) {
        village.dayKey = saved.dayKey();
        village.dayBytes = saved.dayBytes();
      }
      if (now.monthKey().equals(saved.monthKey())) {
        village.monthKey = saved.monthKey();
        village.monthBytes = saved.monthBytes();
      }
      if (saved.users() != null) {
        saved
            .users()
            .forEach(
                (id, u) -> {
                  if (now.dayKey().equals(u.dayKey())) {
                    UserDay user = new UserDay(u.dayKey());
                    user.bytes = u.bytes();
                    user.seconds = u.seconds();
                    village.users.put(id, user);
                  }
                });
      }
      if (saved.devices() != null) {
        saved.devices().forEach((id, d) -> village.devices.put(id, new HashMap<>(d)));
      }
      if (saved.sessionStates() != null) {
        village.sessions.putAll(saved.sessionStates());
      } else if (saved.sessions() != null) { // written before named records: open sessions
        saved
            .sessions()
            .forEach(
                (id, s) ->
                    village.sessions.put(
                        id, new SessionState(new SessionCounters(s[0], s[1], s[2]), 0, 0, "")));
      }
      return village;
    }
  }

  private static final class UserDay {
    final String dayKey;
    long bytes;
    long seconds;

    UserDay(String dayKey) {
      this.dayKey = dayKey;
    }
  }

  /**
   * The snapshot file.
   *
   * @param journalSequence the first journal file not covered by this snapshot
   */
  record Snapshot(
      long writtenAtEpochMillis, long journalSequence, Map<String, VillageSnapshot> villages) {}

  /**
   * One village in the snapshot. {@code sessions} and {@code userTotals} are the tuple forms of
   * earlier versions, read but no longer written.
   */
  record VillageSnapshot(
      String dayKey,
      long dayBytes,
      String monthKey,
      long monthBytes,
      Map<String, UserSnapshot> users,
      Map<String, Map<String, String>> devices,
      Map<String, long[]> sessions,
      Map<String, Long> hourBytes,
      Map<String, long[]> userTotals,
      Map<String, SessionState> sessionStates,
      Map<String, UserTotal> totals) {}

  record UserSnapshot(String dayKey, long bytes, long seconds) {}
}
