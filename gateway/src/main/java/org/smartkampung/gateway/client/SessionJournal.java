package org.smartkampung.gateway.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.durable.AtomicFiles;
import org.smartkampung.core.durable.GroupCommitLog;
import org.smartkampung.gateway.radius.AccessReply;

/**
 * The gateway's own durable record of its live sessions: who logged in, from which address and
 * device, with which RADIUS limits, and what they had used at the last snapshot. The shared session
 * store does not hold the limits, so this is what lets a restarted gateway enforce them again.
 *
 * <p>A login is one appended line, on disk (fsync, shared with concurrent logins) before the login
 * is answered; an end or a CoA's new limits is one line too. Once per poll {@link #compact} writes
 * the whole state as a snapshot (atomically replaced) and deletes the lines it covers, so the files
 * hold at most one snapshot plus the lines of one poll interval. Thread-safe.
 */
final class SessionJournal implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SessionJournal.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * One session as saved.
   *
   * @param ip client IPv4 address; empty in a file written before the journal (then the session
   *     store has it)
   * @param mac client MAC
   * @param username the User-Name that logged in
   * @param acctSessionId its Acct-Session-Id
   * @param limits the Access-Accept's limits (changed by CoA)
   * @param startedAtEpochMillis when it started
   * @param upBytes bytes it had sent at the last snapshot
   * @param downBytes bytes it had received at the last snapshot
   */
  record Saved(
      String ip,
      String mac,
      String username,
      String acctSessionId,
      AccessReply limits,
      long startedAtEpochMillis,
      long upBytes,
      long downBytes) {

    static Saved of(ClientSession c) {
      return new Saved(
          c.ip(),
          c.mac(),
          c.username(),
          c.acctSessionId(),
          c.limits(),
          c.startedAt().toEpochMilli(),
          c.upBytes(),
          c.downBytes());
    }

    Saved withLimits(AccessReply newLimits) {
      return new Saved(
          ip, mac, username, acctSessionId, newLimits, startedAtEpochMillis, upBytes, downBytes);
    }

    Saved withCounters(long up, long down) {
      return new Saved(ip, mac, username, acctSessionId, limits, startedAtEpochMillis, up, down);
    }
  }

  /** One journal line: {@code login} (session), {@code end} (id) or {@code limits} (id, limits). */
  private record Line(String op, Saved session, String acctSessionId, AccessReply limits) {}

  /** The snapshot: every session, covering the journal files before {@code nextSequence}. */
  private record Snapshot(long nextSequence, List<Saved> sessions) {}

  /** Bytes a session had used, for a snapshot. */
  record Counters(long upBytes, long downBytes) {}

  private final Path snapshotFile;
  private final Path dir;
  private final String prefix;
  private final Counter snapshots;
  private final Object compacting = new Object();

  // Guarded by this.
  private final Map<String, Saved> sessions = new LinkedHashMap<>();
  private GroupCommitLog lines;
  private boolean dirty;

  /**
   * @param snapshotFile the snapshot; the journal's files ({@code <name>.<n>.log}) lie beside it
   */
  SessionJournal(Path snapshotFile, MeterRegistry metrics) {
    this.snapshotFile = snapshotFile.toAbsolutePath();
    this.dir = this.snapshotFile.getParent();
    String name = this.snapshotFile.getFileName().toString();
    this.prefix = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    this.snapshots = metrics.counter("kampung.gateway.journal.snapshots");
  }

  /**
   * Reads the snapshot and replays the journal after it, then opens a new journal file for what
   * comes next.
   *
   * @return every saved session, by Acct-Session-Id
   * @throws IllegalStateException when the files cannot be read or the journal cannot be opened
   *     (the gateway must not let anyone through that it could not restore with their limits)
   */
  synchronized Map<String, Saved> open() {
    if (lines != null) {
      throw new IllegalStateException("journal " + snapshotFile + " is open already");
    }
    sessions.clear();
    long from = readSnapshot();
    long next = from;
    for (long sequence : GroupCommitLog.sequences(dir, prefix)) {
      next = Math.max(next, sequence + 1);
      if (sequence >= from) {
        GroupCommitLog.replay(GroupCommitLog.file(dir, prefix, sequence), this::apply);
      }
    }
    try {
      lines = GroupCommitLog.open(dir, prefix, next);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("cannot open the session journal: " + e.getMessage(), e);
    }
    AtomicFiles.syncDirectory(dir);
    dirty = true; // the first compaction drops what replaying covered
    return Map.copyOf(sessions);
  }

  private long readSnapshot() {
    if (!Files.exists(snapshotFile)) {
      return 0;
    }
    try {
      JsonNode root = JSON.readTree(snapshotFile.toFile());
      if (root.has("sessions")) {
        Snapshot snapshot = JSON.treeToValue(root, Snapshot.class);
        snapshot.sessions().forEach(s -> sessions.put(s.acctSessionId(), s));
        return snapshot.nextSequence();
      }
      // The limits file of a gateway before the journal: username and limits by session id.
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        JsonNode v = e.getValue();
        AccessReply limits = JSON.convertValue(v.get("limits"), AccessReply.class);
        sessions.put(
            e.getKey(),
            new Saved("", "", v.path("username").asText(), e.getKey(), limits, 0, 0, 0));
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot read the session journal's snapshot " + snapshotFile + ": " + e.getMessage(), e);
    }
  }

  private void apply(String text) {
    Line line;
    try {
      line = JSON.readValue(text, Line.class);
    } catch (IOException e) {
      log.warn("skipping an unreadable line of the session journal: {}", e.getMessage());
      return;
    }
    switch (line.op()) {
      case "login" -> sessions.put(line.session().acctSessionId(), line.session());
      case "end" -> sessions.remove(line.acctSessionId());
      case "limits" ->
          sessions.computeIfPresent(line.acctSessionId(), (id, s) -> s.withLimits(line.limits()));
      default -> log.warn("skipping a session journal line of unknown kind {}", line.op());
    }
  }

  /**
   * Records a login and returns once it is on disk.
   *
   * @throws IOException when it could not be written (the login must then be refused)
   */
  void login(ClientSession c) throws IOException {
    Saved saved = Saved.of(c);
    CompletableFuture<Void> durable;
    synchronized (this) {
      sessions.put(c.acctSessionId(), saved);
      durable = append(new Line("login", saved, null, null));
    }
    try {
      durable.join();
    } catch (CompletionException e) {
      synchronized (this) {
        sessions.remove(c.acctSessionId());
      }
      throw new IOException("session journal not written: " + e.getCause().getMessage(), e);
    }
  }

  /**
   * Makes the saved sessions exactly these (a start that restored them, having ended the others);
   * written by the next {@link #compact}.
   */
  synchronized void replaceAll(Collection<ClientSession> live) {
    sessions.clear();
    live.forEach(c -> sessions.put(c.acctSessionId(), Saved.of(c)));
    dirty = true;
  }

  /** Records new limits; completes once they are on disk. */
  CompletableFuture<Void> limits(String acctSessionId, AccessReply limits) {
    synchronized (this) {
      if (sessions.computeIfPresent(acctSessionId, (id, s) -> s.withLimits(limits)) == null) {
        return CompletableFuture.completedFuture(null);
      }
      return append(new Line("limits", null, acctSessionId, limits));
    }
  }

  /**
   * Records that a session ended; completes once that is on disk. Wait for it before the session
   * leaves the session store: a start restores what the journal holds, even without the store.
   */
  CompletableFuture<Void> end(String acctSessionId) {
    synchronized (this) {
      if (sessions.remove(acctSessionId) == null) {
        return CompletableFuture.completedFuture(null);
      }
      return append(new Line("end", null, acctSessionId, null));
    }
  }

  private CompletableFuture<Void> append(Line line) {
    dirty = true;
    if (lines == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("journal not open"));
    }
    try {
      return lines.append(JSON.writeValueAsString(line));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Writes the snapshot and deletes the journal lines it covers, when anything changed since the
   * last one: a line was appended, or {@code countersMoved}. At most one file write per call.
   *
   * @param counters what sessions have used by now, by Acct-Session-Id (others keep theirs)
   */
  void compact(Map<String, Counters> counters, boolean countersMoved) {
    synchronized (compacting) {
      long next;
      List<Saved> all;
      synchronized (this) {
        if (lines == null || !(dirty || countersMoved)) {
          return;
        }
        counters.forEach(
            (id, c) ->
                sessions.computeIfPresent(
                    id, (k, s) -> s.withCounters(c.upBytes(), c.downBytes())));
        try {
          // Every line appended so far is on disk in the files before `next`; later ones go after.
          next = lines.rotate();
        } catch (UncheckedIOException e) {
          log.warn("cannot rotate the session journal: {}", e.getMessage());
          return;
        }
        all = new ArrayList<>(sessions.values());
        dirty = false;
      }
      try {
        AtomicFiles.write(snapshotFile, JSON.writeValueAsBytes(new Snapshot(next, all)));
        snapshots.increment();
      } catch (IOException e) {
        synchronized (this) {
          dirty = true;
        }
        log.warn("cannot write the session snapshot {}: {}", snapshotFile, e.getMessage());
        return;
      }
      lines.deleteBefore(next);
    }
  }

  @Override
  public void close() {
    GroupCommitLog open;
    synchronized (this) {
      open = lines;
    }
    if (open != null) {
      open.close();
    }
  }
}
