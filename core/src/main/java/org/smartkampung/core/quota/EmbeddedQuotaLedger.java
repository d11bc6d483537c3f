package org.smartkampung.core.quota;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota ledger in process memory, for deployments without Redis. Exact under concurrency: each
 * village's counters change under that village's lock, so villages never wait for each other.
 *
 * <p>Counters, session last counters and online devices are written to {@code
 * <dataDir>/counters.json} every {@code snapshotIntervalSeconds} and on {@link #close()}, by
 * writing a temporary file and moving it over the old one. A crash loses at most one interval;
 * since the session last counters roll back with the counters, the next cumulative accounting
 * record charges that interval again. Expired days and months are dropped on load; hourly village
 * counters are kept {@link #HOURLY_RETENTION_DAYS} days and pruned on load and as hours pass.
 */
public final class EmbeddedQuotaLedger implements QuotaLedger {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedQuotaLedger.class);

  static final String SNAPSHOT_FILE = "counters.json";

  private final QuotaCalendar calendar;
  private final LimitsSource limits;
  private final Clock clock;
  private final Path snapshotFile;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, VillageCounters> villages = new ConcurrentHashMap<>();
  private final ScheduledExecutorService snapshots;
  private final Object snapshotLock = new Object();

  /**
   * Opens the ledger, loading {@code <dataDir>/counters.json} when present.
   *
   * @param dataDir directory for the snapshot; created when missing
   * @param snapshotIntervalSeconds how often counters are written to disk; 0 or less writes only on
   *     close
   * @param zones the time zone of each village, for its days and months
   * @param limits the limits that apply now
   * @param clock source of the current period
   * @throws UncheckedIOException when the directory cannot be created or the snapshot not read
   */
  public EmbeddedQuotaLedger(
      Path dataDir,
      int snapshotIntervalSeconds,
      Function<String, ZoneId> zones,
      LimitsSource limits,
      Clock clock) {
    this.calendar = new QuotaCalendar(zones);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    this.snapshotFile = dataDir.resolve(SNAPSHOT_FILE);
    load();
    if (snapshotIntervalSeconds > 0) {
      snapshots =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "kampung-ledger-snapshot");
                thread.setDaemon(true);
                return thread;
              });
      snapshots.scheduleWithFixedDelay(
          this::snapshotQuietly,
          snapshotIntervalSeconds,
          snapshotIntervalSeconds,
          TimeUnit.SECONDS);
    } else {
      snapshots = null;
    }
  }

  @Override
  public QuotaResult charge(
      SessionKey session, long deltaInBytes, long deltaOutBytes, long deltaSeconds) {
    requireNotNegative(deltaInBytes, deltaOutBytes, deltaSeconds);
    VillageCounters village = village(session.villageId());
    QuotaPeriods periods = periods(session.villageId());
    String hour = calendar.hourKey(session.villageId(), clock.instant());
    synchronized (village) {
      village.add(
          periods, hour, session.userId(), deltaInBytes + deltaOutBytes, deltaSeconds, today());
      return ok(village, periods, session.villageId(), session.userId(), null);
    }
  }

  @Override
  public QuotaResult account(
      SessionKey session, long totalInBytes, long totalOutBytes, long totalSeconds) {
    requireNotNegative(totalInBytes, totalOutBytes, totalSeconds);
    VillageCounters village = village(session.villageId());
    QuotaPeriods periods = periods(session.villageId());
    String hour = calendar.hourKey(session.villageId(), clock.instant());
    synchronized (village) {
      long[] last = village.sessions.get(session.sessionId());
      long in = totalInBytes;
      long out = totalOutBytes;
      long seconds = totalSeconds;
      if (last != null
          && totalInBytes >= last[0]
          && totalOutBytes >= last[1]
          && totalSeconds >= last[2]) {
        in -= last[0];
        out -= last[1];
        seconds -= last[2];
      } // else: first record, or counters went backwards (NAS reboot): count from zero.
      village.sessions.put(
          session.sessionId(), new long[] {totalInBytes, totalOutBytes, totalSeconds});
      village.add(periods, hour, session.userId(), in + out, seconds, today());
      return ok(village, periods, session.villageId(), session.userId(), null);
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
    QuotaPeriods periods = periods(villageId);
    synchronized (village) {
      return ok(village, periods, villageId, userId, deviceId);
    }
  }

  @Override
  public QuotaResult sessionStarted(SessionKey session) {
    VillageCounters village = village(session.villageId());
    QuotaPeriods periods = periods(session.villageId());
    synchronized (village) {
      village
          .devices
          .computeIfAbsent(session.userId(), u -> new HashMap<>())
          .put(session.deviceId(), session.sessionId());
      return ok(village, periods, session.villageId(), session.userId(), null);
    }
  }

  @Override
  public QuotaResult sessionEnded(SessionKey session) {
    VillageCounters village = village(session.villageId());
    QuotaPeriods periods = periods(session.villageId());
    synchronized (village) {
      Map<String, String> devices = village.devices.get(session.userId());
      // A re-login of the same device has replaced the session id: keep the device online.
      if (devices != null && session.sessionId().equals(devices.get(session.deviceId()))) {
        devices.remove(session.deviceId());
        if (devices.isEmpty()) {
          village.devices.remove(session.userId());
        }
      }
      village.sessions.remove(session.sessionId());
      return ok(village, periods, session.villageId(), session.userId(), null);
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
    return usage.userExhausted() || usage.villageExhausted();
  }

  /** Stops the snapshot thread and writes a last snapshot. */
  @Override
  public void close() {
    if (snapshots != null) {
      snapshots.shutdown();
      try {
        snapshots.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    snapshotQuietly();
  }

  /** Writes the snapshot now (temp file, then atomic move). */
  void snapshot() throws IOException {
    Map<String, VillageSnapshot> copy = new HashMap<>();
    villages.forEach(
        (id, village) -> {
          synchronized (village) {
            copy.put(id, village.toSnapshot());
          }
        });
    synchronized (snapshotLock) {
      Path temp = snapshotFile.resolveSibling(SNAPSHOT_FILE + ".tmp");
      json.writeValue(temp.toFile(), new Snapshot(clock.millis(), copy));
      // Usage of named villagers: readable by the service's user only (the data dir is 0700).
      if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(
            temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
      try {
        Files.move(
            temp,
            snapshotFile,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, snapshotFile, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private void snapshotQuietly() {
    try {
      snapshot();
    } catch (IOException | RuntimeException e) {
      log.error("Could not write quota counters to {}", snapshotFile, e);
    }
  }

  private void load() {
    if (!Files.exists(snapshotFile)) {
      return;
    }
    Snapshot snapshot;
    try {
      snapshot = json.readValue(snapshotFile.toFile(), Snapshot.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read quota counters from " + snapshotFile, e);
    }
    if (snapshot.villages() == null) {
      return;
    }
    snapshot
        .villages()
        .forEach(
            (id, saved) ->
                villages.put(
                    id,
                    VillageCounters.fromSnapshot(
                        saved, periods(id), calendar.hourKey(id, clock.instant()), today())));
    log.info("Loaded quota counters of {} villages from {}", villages.size(), snapshotFile);
  }

  private VillageCounters village(String villageId) {
    return villages.computeIfAbsent(villageId, id -> new VillageCounters());
  }

  /** Days since the epoch (UTC): only for the retention of totals, which needs no time zone. */
  private long today() {
    return Math.floorDiv(clock.millis(), 86_400_000L);
  }

  private QuotaPeriods periods(String villageId) {
    return calendar.periods(villageId, clock.instant());
  }

  /** Usage of one villager; {@code deviceId} non-null counts only the other devices online. */
  private QuotaResult ok(
      VillageCounters village,
      QuotaPeriods periods,
      String villageId,
      String userId,
      String deviceId) {
    UserDay user = village.users.get(userId);
    boolean today = user != null && user.dayKey.equals(periods.dayKey());
    long[] total = village.totals.get(userId);
    Map<String, String> devices = village.devices.getOrDefault(userId, Map.of());
    int online = devices.size();
    if (deviceId != null && devices.containsKey(deviceId)) {
      online--;
    }
    return new QuotaResult.Ok(
        new Usage(
            today ? user.bytes : 0,
            today ? user.seconds : 0,
            periods.dayKey().equals(village.dayKey) ? village.dayBytes : 0,
            periods.monthKey().equals(village.monthKey) ? village.monthBytes : 0,
            online,
            limits.limitsFor(villageId, userId),
            total == null ? 0 : total[0],
            total == null ? 0 : total[1]));
  }

  private static void requireNotNegative(long in, long out, long seconds) {
    if (in < 0 || out < 0 || seconds < 0) {
      throw new IllegalArgumentException(
          "counters must not be negative: in=" + in + " out=" + out + " seconds=" + seconds);
    }
  }

  /** One village's counters; guarded by its own monitor. */
  private static final class VillageCounters {
    String dayKey = "";
    long dayBytes;
    String monthKey = "";
    long monthBytes;
    final Map<String, UserDay> users = new HashMap<>();
    final Map<String, Map<String, String>> devices = new HashMap<>();
    final Map<String, long[]> sessions = new HashMap<>();

    /** Each villager's {bytes, seconds, epoch day of last use} over all days kept. */
    final Map<String, long[]> totals = new HashMap<>();

    /** Village bytes per local hour, by {@code yyyyMMddHH} key (sorted, so pruning is a range). */
    final NavigableMap<String, Long> hours = new TreeMap<>();

    void add(
        QuotaPeriods periods,
        String hourKey,
        String userId,
        long bytes,
        long seconds,
        long epochDay) {
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
      long[] total = totals.computeIfAbsent(userId, u -> new long[3]);
      total[0] += bytes;
      total[1] += seconds;
      total[2] = epochDay;
    }

    void pruneTotals(long epochDay) {
      totals.values().removeIf(t -> t[2] < epochDay - TOTAL_RETENTION_DAYS);
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
      Map<String, long[]> savedSessions = new HashMap<>();
      sessions.forEach((id, s) -> savedSessions.put(id, s.clone()));
      Map<String, long[]> savedTotals = new HashMap<>();
      totals.forEach((id, t) -> savedTotals.put(id, t.clone()));
      return new VillageSnapshot(
          dayKey,
          dayBytes,
          monthKey,
          monthBytes,
          savedUsers,
          savedDevices,
          savedSessions,
          new HashMap<>(hours),
          savedTotals);
    }

    static VillageCounters fromSnapshot(
        VillageSnapshot saved, QuotaPeriods now, String hourKey, long epochDay) {
      VillageCounters village = new VillageCounters();
      if (saved.userTotals() != null) { // absent in snapshots written before totals
        saved.userTotals().forEach((id, t) -> village.totals.put(id, t.clone()));
        village.pruneTotals(epochDay);
      }
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
      if (saved.sessions() != null) {
        saved.sessions().forEach((id, s) -> village.sessions.put(id, s.clone()));
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

  record Snapshot(long writtenAtEpochMillis, Map<String, VillageSnapshot> villages) {}

  record VillageSnapshot(
      String dayKey,
      long dayBytes,
      String monthKey,
      long monthBytes,
      Map<String, UserSnapshot> users,
      Map<String, Map<String, String>> devices,
      Map<String, long[]> sessions,
      Map<String, Long> hourBytes,
      Map<String, long[]> userTotals) {}

  record UserSnapshot(String dayKey, long bytes, long seconds) {}
}
