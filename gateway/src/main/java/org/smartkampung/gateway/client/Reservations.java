package org.smartkampung.gateway.client;

import java.util.HashSet;
import java.util.Set;

/**
 * Per-address reservations of the client table: whoever holds an address may change it in the
 * kernel (admit, release, new limits); others wait. Two logins for one address thus run one after
 * the other, and a session's kernel state is never changed by two threads at once. Never reserve
 * while holding the table's lock: a holder needs that lock to finish.
 */
final class Reservations {

  private final Set<String> held = new HashSet<>();

  /** Waits until no one holds {@code ip}, then holds it; false (nothing held) when interrupted. */
  synchronized boolean reserve(String ip) {
    while (held.contains(ip)) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    held.add(ip);
    return true;
  }

  synchronized void release(String ip) {
    held.remove(ip);
    notifyAll();
  }
}
