package org.smartkampung.gateway.client;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the client table's decisions take effect: who passes, at what rate and up to how many
 * bytes, and what each client used. The kernel enforces; the table only decides and reports.
 *
 * <p>Called from several threads at once (logins, the poll, Disconnect/CoA) without the table's
 * lock; calls for one address never overlap (the table reserves the address first), so an
 * implementation must only be safe for different addresses and for reads alongside changes.
 */
public interface Enforcer {

  /**
   * What one client used since it was admitted (or since the enforcer started).
   *
   * @param upBytes bytes it sent
   * @param downBytes bytes it received (after the shaper, where there is one)
   * @param totalSpent its total octet limit is used up (the kernel stops it already)
   * @param upSpent its upload limit is used up
   * @param downSpent its download limit is used up
   */
  record Usage(
      long upBytes, long downBytes, boolean totalSpent, boolean upSpent, boolean downSpent) {
    boolean anySpent() {
      return totalSpent || upSpent || downSpent;
    }
  }

  /**
   * Bytes both ways.
   *
   * @param upBytes sent by clients
   * @param downBytes received by clients (after the shaper, where there is one)
   */
  record Traffic(long upBytes, long downBytes) {}

  /** Why a client could not be admitted. */
  enum Failure {
    FIREWALL,
    SHAPER
  }

  /**
   * Builds the enforcement from scratch with these sessions (a start or a restart).
   *
   * @throws IllegalStateException when it cannot enforce at all
   */
  void start(Collection<ClientSession> sessions, List<String> staticGarden, Instant now);

  /** Lets a session through; on failure nothing of it is left behind. Empty when admitted. */
  java.util.Optional<Failure> admit(ClientSession session, Instant now);

  /** Returns a session's client to the captive state at once. */
  void release(ClientSession session, Instant now);

  /** Applies a session's new limits (rates and octet limits). */
  void change(ClientSession session, Instant now);

  /**
   * What each of these sessions used, by address; an address missing from the map is no longer let
   * through (its time ran out). Null when the kernel could not be read (skip this round).
   */
  Map<String, Usage> usage(Collection<ClientSession> sessions);

  /**
   * What unauthenticated clients exchanged with the walled garden since {@link #start}; empty when
   * it cannot be read (or this enforcer does not count it).
   */
  default java.util.Optional<Traffic> garden() {
    return java.util.Optional.empty();
  }
}
