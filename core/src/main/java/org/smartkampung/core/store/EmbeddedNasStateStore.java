package org.smartkampung.core.store;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.smartkampung.core.nas.NasStateStore;

/**
 * NAS facts in-process, durable in {@code <dataDir>/nas-state.jsonl}: a mark is on disk before the
 * method returns, so the BlastRADIUS {@code auto} policy stays armed across restarts. Thread-safe.
 * Watchers hear marks on the marking thread (one process shares nothing else).
 */
public final class EmbeddedNasStateStore implements NasStateStore, AutoCloseable {

  private final JsonJournal<Boolean> journal;
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

  public EmbeddedNasStateStore(Path dataDir) {
    this.journal = JsonJournal.open(dataDir.resolve("nas-state.jsonl"), Boolean.class);
  }

  @Override
  public void markMessageAuthenticatorSeen(String nasName) {
    boolean added;
    synchronized (this) {
      added = journal.get(nasName) == null;
      if (added) {
        journal.put(nasName, Boolean.TRUE);
      }
    }
    if (added) {
      watchers.forEach(w -> w.seen(nasName));
    }
  }

  @Override
  public synchronized boolean messageAuthenticatorSeen(String nasName) {
    return journal.get(nasName) != null;
  }

  @Override
  public AutoCloseable watchMessageAuthenticatorSeen(Watcher watcher) {
    watchers.add(watcher);
    watcher.missedSome();
    return () -> watchers.remove(watcher);
  }

  @Override
  public synchronized void close() {
    watchers.clear();
    journal.close();
  }
}
