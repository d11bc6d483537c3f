package org.smartkampung.core.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Live sessions, shared by every instance through the configured store. */
public interface SessionStore {

  /** Inserts or replaces the session. */
  void put(Session session);

  /**
   * As {@link #put}, completing once the write is durable, or exceptionally when it failed. A store
   * that can pipeline sends it with other callers' writes; this default writes now.
   */
  default CompletableFuture<Void> putAsync(Session session) {
    try {
      put(session);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Writes a session whose village, NAS and address are those of a {@link #put} this caller made
   * within the last {@link #INDEX_RENEWAL} (an Interim-Update's new counters): a store may then
   * leave the session's index entries as they are. This default puts it.
   */
  default CompletableFuture<Void> updateAsync(Session session) {
    return putAsync(session);
  }

  /**
   * How often a live session's index entries must be written again at the latest: {@link
   * #updateAsync} may skip them in between, and a store keeps them far longer than this.
   */
  Duration INDEX_RENEWAL = Duration.ofHours(1);

  Optional<Session> find(String id);

  /**
   * As {@link #find}, completing with the answer, or exceptionally when the store failed. A store
   * that can pipeline sends it with other callers' commands; this default reads now.
   */
  default CompletableFuture<Optional<Session>> findAsync(String id) {
    try {
      return CompletableFuture.completedFuture(find(id));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Removes the session; returns the removed one. */
  Optional<Session> remove(String id);

  /**
   * Removes a session the caller holds, completing once durable, or exceptionally when the store
   * failed. A store that can pipeline sends it with other callers' writes.
   */
  default CompletableFuture<Void> removeAsync(Session session) {
    try {
      remove(session.id());
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Removes every session given (Accounting-On/Off), in as few round trips as the store allows. */
  default void removeAll(List<Session> sessions) {
    sessions.forEach(s -> remove(s.id()));
  }

  /** The village's live sessions, oldest first. */
  List<Session> listByVillage(String villageId);

  /** The live sessions reported by one NAS (for Accounting-On/Off). */
  List<Session> listByNas(String nasName);

  /**
   * The live session whose {@link Session#framedIp()} is {@code framedIp}, for the portal's status
   * page and RFC 8908 API, which know a client only by its address. When several share it (a
   * session the NAS never stopped, or two villages' hotspots leasing the same private range), the
   * one that started last. Empty for an empty address.
   */
  Optional<Session> findByFramedIp(String framedIp);
}
