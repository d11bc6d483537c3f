package org.smartkampung.core.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.smartkampung.core.durable.AtomicFiles;
import org.smartkampung.core.durable.Periodic;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;

/**
 * Live sessions in memory, with a snapshot in {@code <dataDir>/sessions.json} read at open and
 * written every {@code snapshotIntervalSeconds} when something changed, by {@link #flush()} and by
 * {@link #close()}. Not written on every change: interim updates arrive by the hundred per second.
 * A crash or power cut loses at most one interval of changes; a NAS re-reports its sessions at the
 * next interim, and the built-in gateway restores its clients from here. Thread-safe.
 */
public final class EmbeddedSessionStore implements SessionStore, AutoCloseable {

  /**
   * Live sessions held at most; a new one beyond is refused as a store outage (the NAS retries).
   * Far above a regency's evening peak; the lost-session sweep keeps the table near the real count.
   */
  static final int MAX_SESSIONS = 1_000_000;

  private static final Comparator<Session> OLDEST_FIRST =
      Comparator.comparing(Session::startedAt).thenComparing(Session::id);

  private final Path snapshot;
  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicBoolean changed = new AtomicBoolean();
  private final Periodic snapshots;

  /** Session ids by framed IP; kept in step with {@link #sessions} inside its per-id compute. */
  private final ConcurrentMap<String, Set<String>> idsByFramedIp = new ConcurrentHashMap<>();

  /** Sessions snapshotted only by {@link #flush()} and {@link #close()} (tests). */
  public EmbeddedSessionStore(Path dataDir) {
    this(dataDir, 0);
  }

  /**
   * @param snapshotIntervalSeconds how often a changed set of sessions is written; 0 or less writes
   *     only on {@link #flush()} and {@link #close()}
   */
  public EmbeddedSessionStore(Path dataDir, int snapshotIntervalSeconds) {
    this.snapshot = dataDir.resolve("sessions.json");
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(snapshot)) {
        List<Session> saved =
            StoreJson.MAPPER.readValue(snapshot.toFile(), new TypeReference<List<Session>>() {});
        saved.forEach(this::put);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read session snapshot " + snapshot, e);
    }
    changed.set(false);
    snapshots = new Periodic("session-snapshot", snapshotIntervalSeconds, this::flushIfChanged);
  }

  private void flushIfChanged() {
    if (changed.get()) {
      flush();
    }
  }

  @Override
  public void put(Session session) {
    if (sessions.size() >= MAX_SESSIONS && !sessions.containsKey(session.id())) {
      throw new StoreUnavailableException(
          "embedded session table is full (" + MAX_SESSIONS + " sessions)");
    }
    changed.set(true);
    sessions.compute(
        session.id(),
        (id, old) -> {
          if (old != null && !Objects.equals(old.framedIp(), session.framedIp())) {
            unindex(old);
          }
          index(session);
          return session;
        });
  }

  @Override
  public Optional<Session> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public Optional<Session> remove(String id) {
    changed.set(true);
    Session[] removed = new Session[1];
    sessions.computeIfPresent(
        id,
        (key, old) -> {
          unindex(old);
          removed[0] = old;
          return null;
        });
    return Optional.ofNullable(removed[0]);
  }

  @Override
  public Optional<Session> findByFramedIp(String framedIp) {
    Set<String> ids = framedIp == null ? null : idsByFramedIp.get(framedIp);
    if (ids == null) {
      return Optional.empty();
    }
    return ids.stream()
        .map(sessions::get)
        .filter(s -> s != null && framedIp.equals(s.framedIp()))
        .max(OLDEST_FIRST);
  }

  private void index(Session s) {
    if (s.framedIp() != null && !s.framedIp().isEmpty()) {
      // Added inside compute so a concurrent unindex cannot drop the set between get and add.
      idsByFramedIp.compute(
          s.framedIp(),
          (ip, ids) -> {
            Set<String> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            set.add(s.id());
            return set;
          });
    }
  }

  private void unindex(Session s) {
    if (s.framedIp() == null) {
      return;
    }
    idsByFramedIp.computeIfPresent(
        s.framedIp(),
        (ip, ids) -> {
          ids.remove(s.id());
          return ids.isEmpty() ? null : ids;
        });
  }

  @Override
  public List<Session> listByVillage(String villageId) {
    return sessions.values().stream()
        .filter(s -> s.villageId().equals(villageId))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public List<Session> listByNas(String nasName) {
    return sessions.values().stream()
        .filter(s -> s.nasName().equals(nasName))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  /** Writes the snapshot now (atomically replacing the previous one). */
  public synchronized void flush() {
    changed.set(false); // before the copy: a change made while writing is written next time
    try {
      AtomicFiles.write(
          snapshot, StoreJson.MAPPER.writeValueAsBytes(new ArrayList<>(sessions.values())));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write session snapshot " + snapshot, e);
    }
  }

  /** Stops the periodic snapshots and writes the last one. */
  @Override
  public void close() {
    snapshots.close();
    flush();
  }
}
