package org.smartkampung.core.subscriber;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.smartkampung.core.invalidation.Invalidations;

/**
 * A {@link SubscriberStore} that also answers "which quota override does this user id have" from
 * memory, for the ledger's limits on every charge. A lookup misses to the store at most once per
 * {@link #TTL} per user id; a change made through this store applies at once here and, through the
 * store's invalidation notices, at once in every other process (within {@link #TTL} should a notice
 * be lost). User ids that are not subscribers (voucher codes, MACs) are cached as "none" too.
 * Thread-safe.
 */
public final class OverrideCache implements SubscriberStore {

  /** How long another process's subscriber edit may take to arrive when its notice was lost. */
  public static final Duration TTL = Duration.ofSeconds(30);

  // Beyond this many cached ids the cache starts over, so a flood of voucher ids cannot grow it.
  private static final int MAX_ENTRIES = 200_000;

  private record Entry(QuotaOverride override, Instant loadedAt) {}

  private final SubscriberStore store;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private final Invalidations notices;
  private final AutoCloseable listening;

  /** A cache no other process needs to hear from (one process on its store). */
  public OverrideCache(SubscriberStore store, Clock clock) {
    this(store, clock, Invalidations.inProcess());
  }

  /** A cache that announces its edits on {@code notices} and drops what others announce there. */
  public OverrideCache(SubscriberStore store, Clock clock, Invalidations notices) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.notices = notices;
    this.listening =
        notices.listen(
            new Invalidations.Listener() {
              @Override
              public void changed(Invalidations.Topic topic, String key) {
                if (topic == Invalidations.Topic.SUBSCRIBER) {
                  cache.remove(key);
                }
              }

              @Override
              public void missedSome() {
                cache.clear();
              }
            });
  }

  /** Stops hearing notices. */
  public void close() {
    try {
      listening.close();
    } catch (Exception e) {
      // nothing held
    }
  }

  private void edited(String username) {
    cache.remove(username);
    notices.publish(Invalidations.Topic.SUBSCRIBER, username);
  }

  /** The override of an enabled or disabled subscriber, null for none or for a non-subscriber. */
  @Override
  public QuotaOverride overrideOf(String userId) {
    Instant now = clock.instant();
    Entry e = cache.get(userId);
    if (e != null && now.isBefore(e.loadedAt().plus(TTL))) {
      return e.override();
    }
    QuotaOverride o = store.find(userId).map(Subscriber::quotaOverride).orElse(null);
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(userId, new Entry(o, now));
    return o;
  }

  @Override
  public Optional<Subscriber> find(String username) {
    return store.find(username);
  }

  @Override
  public boolean create(Subscriber subscriber) {
    boolean created = store.create(subscriber);
    edited(subscriber.username());
    return created;
  }

  @Override
  public boolean update(Subscriber subscriber) {
    boolean updated = store.update(subscriber);
    edited(subscriber.username());
    return updated;
  }

  @Override
  public boolean delete(String username) {
    boolean deleted = store.delete(username);
    edited(username);
    return deleted;
  }

  @Override
  public List<Subscriber> listByVillage(String villageId) {
    return store.listByVillage(villageId);
  }
}
