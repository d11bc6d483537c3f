package org.smartkampung.core.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RecordTable} in a {@link JsonJournal} file; each change is on disk before it returns.
 */
final class JournalTable<V> implements RecordTable<V>, AutoCloseable {

  private final JsonJournal<V> journal;

  JournalTable(Path file, Class<V> type) {
    this.journal = JsonJournal.open(file, type);
  }

  @Override
  public synchronized Optional<V> get(String key) {
    return Optional.ofNullable(journal.get(key));
  }

  @Override
  public synchronized boolean putIfAbsent(String key, V value) {
    if (journal.get(key) != null) {
      return false;
    }
    journal.put(key, value);
    return true;
  }

  @Override
  public synchronized boolean replace(String key, V value) {
    if (journal.get(key) == null) {
      return false;
    }
    journal.put(key, value);
    return true;
  }

  @Override
  public synchronized void put(String key, V value) {
    journal.put(key, value);
  }

  @Override
  public synchronized boolean remove(String key) {
    if (journal.get(key) == null) {
      return false;
    }
    journal.remove(key);
    return true;
  }

  @Override
  public synchronized List<V> values() {
    return List.copyOf(journal.values());
  }

  @Override
  public synchronized void close() {
    journal.close();
  }
}
