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
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;

/**
 * Live sessions in memory, with a snapshot in {@code <dataDir>/sessions.json} read at open and
 * written by {@link #flush()} and {@link #close()}. Not written on every change: interim updates
 * arrive by the hundred per second and a lost session is re-reported by the NAS's next interim,
 * unlike admin data. Thread-safe.
 */
public final class EmbeddedSessionStore implements SessionStore, AutoCloseable {

  private static final Comparator<Session> OLDEST_FIRST =
      Comparator.comparing(Session::startedAt).thenComparing(Session::id);

  private final Path snapshot;
  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();

  /** Session ids by framed IP; kept in step with {@link #sessions} inside its per-id compute. */
  private final ConcurrentMap<String, Set<String>> idsByFramedIp = new ConcurrentHashMap<>();

  public EmbeddedSessionStore(Path dataDir) {
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
  }

  @Override
  public void put(Session session) {
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
    try {
      AtomicFiles.write(
          snapshot, StoreJson.MAPPER.writeValueAsBytes(new ArrayList<>(sessions.values())));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write session snapshot " + snapshot, e);
    }
  }

  /** Writes the snapshot. */
  @Override
  public void close() {
    flush();
  }
}
