package org.smartkampung.core.subscriber;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SubscriberStore} that also answers "which quota override does this user id have" from
 * memory, for the ledger's limits on every charge. A lookup misses to the store at most once per
 * {@link #TTL} per user id; a change made through this store applies at once, one made by another
 * process within {@link #TTL}. User ids that are not subscribers (voucher codes, MACs) are cached
 * as "none" too. Thread-safe.
 */
public final class OverrideCache implements SubscriberStore {

  /** How long another process's subscriber edit may take to reach this process's ledger. */
  public static final Duration TTL = Duration.ofSeconds(30);

  // Beyond this many cached ids the cache starts over, so a flood of voucher ids cannot grow it.
  private static final int MAX_ENTRIES = 200_000;

  private record Entry(QuotaOverride override, Instant loadedAt) {}

  private final SubscriberStore store;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public OverrideCache(SubscriberStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
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
    cache.remove(subscriber.username());
    return created;
  }

  @Override
  public boolean update(Subscriber subscriber) {
    boolean updated = store.update(subscriber);
    cache.remove(subscriber.username());
    return updated;
  }

  @Override
  public boolean delete(String username) {
    boolean deleted = store.delete(username);
    cache.remove(username);
    return deleted;
  }

  @Override
  public List<Subscriber> listByVillage(String villageId) {
    return store.listByVillage(villageId);
  }
}
