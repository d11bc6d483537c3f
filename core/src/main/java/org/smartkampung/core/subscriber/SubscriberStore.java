package org.smartkampung.core.subscriber;

import java.util.List;
import java.util.Optional;

/** Subscribers, durable in the configured store. Usernames are unique across the regency. */
public interface SubscriberStore {

  Optional<Subscriber> find(String username);

  /**
   * Creates the subscriber.
   *
   * @return false, changing nothing, when the username is taken
   */
  boolean create(Subscriber subscriber);

  /** Replaces an existing subscriber; returns false when there is none with that username. */
  boolean update(Subscriber subscriber);

  boolean delete(String username);

  /** The village's subscribers ordered by username. */
  List<Subscriber> listByVillage(String villageId);

  /** The quota override of a user id, null when there is none (or no such subscriber). */
  default QuotaOverride overrideOf(String userId) {
    return find(userId).map(Subscriber::quotaOverride).orElse(null);
  }
}
