package org.smartkampung.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.durable.AtomicFiles;
import org.smartkampung.core.report.MonthRollup;
import org.smartkampung.core.report.MonthlyRollups;

/**
 * {@link MonthlyRollups} in the data directory: one JSON file per village and month ({@code
 * reports/<village>/<yyyy-MM>.json}), written atomically by {@link #flush} (the rollup job calls it
 * every few minutes, and close does). Months in memory are the ones being written; older ones are
 * read from their file. Files older than {@link #DELETED_AFTER_MONTHS} are deleted.
 */
public final class EmbeddedMonthlyRollups implements MonthlyRollups, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMonthlyRollups.class);
  private static final Pattern VILLAGE = Pattern.compile("[a-z0-9-]+");

  /** Files are kept this long after their month (more than {@link #KEPT_MONTHS}). */
  static final int DELETED_AFTER_MONTHS = 25;

  /** The file's form. */
  record MonthFile(
      Map<String, long[]> days,
      Set<String> users,
      Set<String> devices,
      long sessions,
      long openSeconds,
      long upSeconds) {}

  private static final class Month {
    final Map<String, long[]> days = new TreeMap<>();
    final Set<String> users = new HashSet<>();
    final Set<String> devices = new HashSet<>();
    long sessions;
    long openSeconds;
    long upSeconds;
    boolean dirty;

    MonthFile file() {
      return new MonthFile(days, users, devices, sessions, openSeconds, upSeconds);
    }
  }

  private record Key(String villageId, YearMonth month) {}

  private final Path dir;
  private final Clock clock;
  private final Map<Key, Month> open = new HashMap<>();

  public EmbeddedMonthlyRollups(Path dataDir, Clock clock) {
    this.dir = dataDir.resolve("reports");
    this.clock = clock;
  }

  private Path file(Key key) {
    if (!VILLAGE.matcher(key.villageId()).matches()) {
      throw new IllegalArgumentException("bad village id " + key.villageId());
    }
    return dir.resolve(key.villageId()).resolve(key.month() + ".json");
  }

  private Month load(Key key) {
    Month month = new Month();
    Path file = file(key);
    if (Files.exists(file)) {
      try {
        MonthFile kept =
            StoreJson.read(Files.readString(file, StandardCharsets.UTF_8), MonthFile.class);
        if (kept.days() != null) {
          month.days.putAll(kept.days());
        }
        if (kept.users() != null) {
          month.users.addAll(kept.users());
        }
        if (kept.devices() != null) {
          month.devices.addAll(kept.devices());
        }
        month.sessions = kept.sessions();
        month.openSeconds = kept.openSeconds();
        month.upSeconds = kept.upSeconds();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return month;
  }

  private Month writable(String villageId, YearMonth month) {
    Month m = open.computeIfAbsent(new Key(villageId, month), this::load);
    m.dirty = true;
    return m;
  }

  @Override
  public synchronized void putDay(String villageId, LocalDate day, long[] bytesByHour) {
    writable(villageId, YearMonth.from(day)).days.put(day.toString(), bytesByHour.clone());
  }

  @Override
  public synchronized void activity(
      String villageId, YearMonth month, String userId, String deviceId, boolean newSession) {
    Month m = writable(villageId, month);
    if (userId != null && !userId.isEmpty() && m.users.size() < MAX_DISTINCT) {
      m.users.add(userId);
    }
    if (deviceId != null && !deviceId.isEmpty() && m.devices.size() < MAX_DISTINCT) {
      m.devices.add(deviceId);
    }
    if (newSession) {
      m.sessions++;
    }
  }

  @Override
  public synchronized void availability(
      String villageId, YearMonth month, long openSeconds, long upSeconds) {
    Month m = writable(villageId, month);
    m.openSeconds += openSeconds;
    m.upSeconds += upSeconds;
  }

  @Override
  public synchronized MonthRollup month(String villageId, YearMonth month) {
    Key key = new Key(villageId, month);
    Month m = open.containsKey(key) ? open.get(key) : load(key);
    long[] byHour = new long[24];
    long bytes = 0;
    for (long[] day : m.days.values()) {
      for (int h = 0; h < 24 && h < day.length; h++) {
        byHour[h] += day[h];
        bytes += day[h];
      }
    }
    return new MonthRollup(
        villageId,
        month,
        bytes,
        byHour,
        m.users.size(),
        m.devices.size(),
        m.sessions,
        m.openSeconds,
        m.upSeconds);
  }

  @Override
  public synchronized void flush() {
    YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    for (Map.Entry<Key, Month> e : Map.copyOf(open).entrySet()) {
      Month m = e.getValue();
      if (m.dirty) {
        Path file = file(e.getKey());
        try {
          Files.createDirectories(file.getParent());
          AtomicFiles.write(file, StoreJson.write(m.file()).getBytes(StandardCharsets.UTF_8));
          m.dirty = false;
        } catch (IOException ex) {
          log.warn("monthly rollup {} not written: {}", file, ex.toString());
          continue;
        }
      }
      // Only this and last month are still being written; older ones are read from disk.
      if (e.getKey().month().isBefore(now.minusMonths(1))) {
        open.remove(e.getKey());
      }
    }
    deleteOld(now.minusMonths(DELETED_AFTER_MONTHS));
  }

  private void deleteOld(YearMonth before) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> villages = Files.newDirectoryStream(dir)) {
      for (Path village : villages) {
        try (DirectoryStream<Path> months = Files.newDirectoryStream(village, "*.json")) {
          for (Path file : months) {
            String name = file.getFileName().toString().replace(".json", "");
            try {
              if (YearMonth.parse(name).isBefore(before)) {
                Files.deleteIfExists(file);
              }
            } catch (java.time.format.DateTimeParseException ignored) {
              // not ours
            }
          }
        }
      }
    } catch (IOException e) {
      log.warn("old monthly rollups not deleted: {}", e.toString());
    }
  }

  @Override
  public void close() {
    flush();
  }
}
