package org.smartkampung.core.store;

import java.nio.file.Path;
import org.smartkampung.core.nas.NasStateStore;

/**
 * NAS facts in-process, durable in {@code <dataDir>/nas-state.jsonl}: a mark is on disk before the
 * method returns, so the BlastRADIUS {@code auto} policy stays armed across restarts. Thread-safe.
 */
public final class EmbeddedNasStateStore implements NasStateStore, AutoCloseable {

  private final JsonJournal<Boolean> journal;

  public EmbeddedNasStateStore(Path dataDir) {
    this.journal = JsonJournal.open(dataDir.resolve("nas-state.jsonl"), Boolean.class);
  }

  @Override
  public synchronized void markMessageAuthenticatorSeen(String nasName) {
    if (journal.get(nasName) == null) {
      journal.put(nasName, Boolean.TRUE);
    }
  }

  @Override
  public synchronized boolean messageAuthenticatorSeen(String nasName) {
    return journal.get(nasName) != null;
  }

  @Override
  public synchronized void close() {
    journal.close();
  }
}
