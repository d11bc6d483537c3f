package org.smartkampung.core.store;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;

/**
 * Subscribers in-process, durable in {@code <dataDir>/subscribers.jsonl}: each change is on disk
 * before the method returns. Thread-safe; one lock serializes changes and their journal lines.
 */
public final class EmbeddedSubscriberStore implements SubscriberStore, AutoCloseable {

  private final JsonJournal<Subscriber> journal;

  public EmbeddedSubscriberStore(Path dataDir) {
    this.journal = JsonJournal.open(dataDir.resolve("subscribers.jsonl"), Subscriber.class);
  }

  @Override
  public synchronized Optional<Subscriber> find(String username) {
    return Optional.ofNullable(journal.get(username));
  }

  @Override
  public synchronized boolean create(Subscriber subscriber) {
    if (journal.get(subscriber.username()) != null) {
      return false;
    }
    journal.put(subscriber.username(), subscriber);
    return true;
  }

  @Override
  public synchronized boolean update(Subscriber subscriber) {
    if (journal.get(subscriber.username()) == null) {
      return false;
    }
    journal.put(subscriber.username(), subscriber);
    return true;
  }

  @Override
  public synchronized boolean delete(String username) {
    if (journal.get(username) == null) {
      return false;
    }
    journal.remove(username);
    return true;
  }

  @Override
  public synchronized List<Subscriber> listByVillage(String villageId) {
    return journal.values().stream()
        .filter(s -> s.villageId().equals(villageId))
        .sorted(Comparator.comparing(Subscriber::username))
        .toList();
  }

  @Override
  public synchronized void close() {
    journal.close();
  }
}
