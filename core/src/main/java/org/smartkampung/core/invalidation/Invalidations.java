package org.smartkampung.core.invalidation;

/**
 * Notices that something cached was edited in the store, so every process sharing the store drops
 * its copy at once instead of waiting for a poll. A process does not hear its own notices (it
 * updates its own caches as it edits). Thread-safe.
 */
public interface Invalidations extends AutoCloseable {

  /** What was edited. */
  enum Topic {
    /** Village settings (quotas), console villages or NAS clients: the configuration in force. */
    CONFIG,
    /** A subscriber, by username (its quota override). */
    SUBSCRIBER,
    /** A remembered device, by {@code village + " " + mac}. */
    DEVICE,
    /** A village's blocked and bypass devices, by village id. */
    DEVICE_LIST
  }

  /** Hears notices; called on a thread of the bus, so it must not block for long. */
  interface Listener {

    /** {@code key} of {@code topic} was edited by another process. */
    void changed(Topic topic, String key);

    /**
     * Notices may have been missed (the bus just started listening, or its connection was lost and
     * made again): drop or re-read everything.
     */
    void missedSome();
  }

  /** Tells the other processes that {@code key} of {@code topic} changed. Never throws. */
  void publish(Topic topic, String key);

  /**
   * Tells {@code listener} of every notice from now on; first (and after each gap) it calls {@link
   * Listener#missedSome}.
   *
   * @return stops listening
   */
  AutoCloseable listen(Listener listener);

  @Override
  default void close() {}

  /**
   * The bus of a store no other process shares (embedded): nothing to tell anyone, nothing to hear
   * but the first {@code missedSome}.
   */
  static Invalidations inProcess() {
    return new Invalidations() {
      @Override
      public void publish(Topic topic, String key) {}

      @Override
      public AutoCloseable listen(Listener listener) {
        listener.missedSome();
        return () -> {};
      }
    };
  }
}
