package org.smartkampung.core.nas;

/** Small facts about NAS clients that must survive a restart and be shared by every server. */
public interface NasStateStore {

  /** Remembers that this client has sent a Message-Authenticator (for the {@code auto} policy). */
  void markMessageAuthenticatorSeen(String nasName);

  boolean messageAuthenticatorSeen(String nasName);

  /** Hears of marks made by any process sharing the store. Called on a store thread. */
  interface Watcher {

    /** {@code nasName} was marked just now. */
    void seen(String nasName);

    /**
     * Marks may have been missed (the watch just started, or its connection was lost and made
     * again): re-read what matters with {@link #messageAuthenticatorSeen}.
     */
    void missedSome();
  }

  /**
   * Tells {@code watcher} of every mark from now on, at once; first (and after each gap) it calls
   * {@link Watcher#missedSome}. This default suits a store no other process shares, whose marks all
   * come through the caller itself: it only calls {@code missedSome} once.
   *
   * @return stops the watch
   */
  default AutoCloseable watchMessageAuthenticatorSeen(Watcher watcher) {
    watcher.missedSome();
    return () -> {};
  }
}
