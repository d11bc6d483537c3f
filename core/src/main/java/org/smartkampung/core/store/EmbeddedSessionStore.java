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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.smartkampung.core.durable.AtomicFiles;
import org.smartkampung.core.durable.GroupCommitLog;
import org.smartkampung.core.durable.Periodic;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;

/**
 * Live sessions in memory. Every change is a line in a journal ({@code <dataDir>/sessions.<n>.log})
 * and counts as done once that line is fsynced, with concurrent changes sharing one fsync ({@link
 * GroupCommitLog}); so a session a Stop removed stays removed after a crash, and one a Start added
 * is there for the lost-session sweep. Every {@code snapshotIntervalSeconds} when something
 * changed, by {@link #flush()} and by {@link #close()}, the sessions are written to {@code
 * <dataDir>/sessions.json} and the journal files before it deleted; at open the snapshot is read
 * and every journal file left replayed over it, in order. Thread-safe.
 */
public final class EmbeddedSessionStore implements SessionStore, AutoCloseable {

  /**
   * Live sessions held at most; a new one beyond is refused as a store outage (the NAS retries).
   * Far above a regency's evening peak; the lost-session sweep keeps the table near the real count.
   */
  static final int MAX_SESSIONS = 1_000_000;

  private static final Comparator<Session> OLDEST_FIRST =
      Comparator.comparing(Session::startedAt).thenComparing(Session::id);

  private static final String JOURNAL = "sessions";

  private final Path snapshot;
  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicBoolean changed = new AtomicBoolean();
  private final GroupCommitLog journal;
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
        saved.forEach(s -> apply(new Change(s, null)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read session snapshot " + snapshot, e);
    }
    long next = 0;
    for (long sequence : GroupCommitLog.sequences(dataDir, JOURNAL)) {
      GroupCommitLog.replay(
          GroupCommitLog.file(dataDir, JOURNAL, sequence),
          line -> apply(StoreJson.read(line, Change.class)));
      next = sequence + 1;
    }
    journal = GroupCommitLog.open(dataDir, JOURNAL, next);
    changed.set(next > 0);
    snapshots = new Periodic("session-snapshot", snapshotIntervalSeconds, this::flushIfChanged);
  }

  /** One journal line: a session written, or the id of one removed. */
  record Change(Session put, String remove) {}

  /** Applies a change read back from disk (no journal line, no size check). */
  private void apply(Change change) {
    if (change.put() != null) {
      sessions.compute(change.put().id(), (id, old) -> reindexed(old, change.put()));
    } else if (change.remove() != null) {
      sessions.computeIfPresent(
          change.remove(),
          (id, old) -> {
            unindex(old);
            return null;
          });
    }
  }

  private Session reindexed(Session old, Session session) {
    if (old != null && !Objects.equals(old.framedIp(), session.framedIp())) {
      unindex(old);
    }
    index(session);
    return session;
  }

  private void flushIfChanged() {
    if (changed.get()) {
      flush();
    }
  }

  @Override
  public void put(Session session) {
    durably(putAsync(session));
  }

  /** {@inheritDoc} Completes once the journal line is fsynced, sharing the fsync with others. */
  @Override
  public CompletableFuture<Void> putAsync(Session session) {
    if (sessions.size() >= MAX_SESSIONS && !sessions.containsKey(session.id())) {
      return CompletableFuture.failedFuture(
          new StoreUnavailableException(
              "embedded session table is full (" + MAX_SESSIONS + " sessions)"));
    }
    changed.set(true);
    String line = StoreJson.write(new Change(session, null));
    AtomicReference<CompletableFuture<Void>> durable = new AtomicReference<>();
    sessions.compute(
        session.id(),
        (id, old) -> {
          // Journaled inside the per-id compute, so the log orders each session's changes as the
          // map does.
          durable.set(journal.append(line));
          return reindexed(old, session);
        });
    return durable.get();
  }

  @Override
  public Optional<Session> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public Optional<Session> remove(String id) {
    changed.set(true);
    Session[] removed = new Session[1];
    AtomicReference<CompletableFuture<Void>> durable = new AtomicReference<>();
    sessions.computeIfPresent(
        id,
        (key, old) -> {
          durable.set(journal.append(StoreJson.write(new Change(null, id))));
          unindex(old);
          removed[0] = old;
          return null;
        });
    CompletableFuture<Void> written = durable.get();
    if (written != null) {
      durably(written);
    }
    return Optional.ofNullable(removed[0]);
  }

  private static void durably(CompletableFuture<Void> write) {
    try {
      write.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new StoreUnavailableException("session journal: " + e.getCause(), e.getCause());
    }
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

  /** Writes the snapshot now (atomically replacing the previous one) and compacts the journal. */
  public synchronized void flush() {
    changed.set(false); // before the copy: a change made while writing is written next time
    long covered = journal.rotate();
    try {
      AtomicFiles.write(
          snapshot, StoreJson.MAPPER.writeValueAsBytes(new ArrayList<>(sessions.values())));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write session snapshot " + snapshot, e);
    }
    // Changes since the rotation are in the newer file, replayed over this snapshot at open.
    journal.deleteBefore(covered);
  }

  /** Stops the periodic snapshots, writes the last one and closes the journal. */
  @Override
  public void close() {
    snapshots.close();
    flush();
    journal.close();
  }
}
