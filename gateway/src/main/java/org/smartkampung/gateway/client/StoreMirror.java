package org.smartkampung.gateway.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;

/**
 * The table's sessions as the shared {@link SessionStore} shows them to the console and the portal
 * (id {@code <gateway id>/<Acct-Session-Id>}, NAS name = gateway id). A poll's updates go as one
 * batch ({@link SessionStore#putAsync}, pipelined where the store can). A failing store is logged,
 * never fatal: the gateway's own {@link SessionJournal} is what restores sessions.
 */
final class StoreMirror {

  private static final Logger log = LoggerFactory.getLogger(StoreMirror.class);

  private final String gatewayId;
  private final String villageId;
  private final SessionStore store;
  // Orders a poll's batch against an end's removal: a session never comes back after its removal.
  private final ReentrantLock writing = new ReentrantLock();

  StoreMirror(String gatewayId, String villageId, SessionStore store) {
    this.gatewayId = gatewayId;
    this.villageId = villageId;
    this.store = store;
  }

  SessionStore store() {
    return store;
  }

  /** Writes one session now. */
  void put(ClientSession c, Instant now) {
    try {
      store.put(toSession(c, now));
    } catch (RuntimeException e) {
      log.warn("session store: cannot save session {}: {}", c.acctSessionId(), e.getMessage());
    }
  }

  /**
   * Writes these sessions as one batch and waits for it; a session {@code stillLive} no longer
   * accepts (it ended meanwhile) is left out.
   */
  void putAll(List<ClientSession> sessions, Predicate<ClientSession> stillLive, Instant now) {
    if (sessions.isEmpty()) {
      return;
    }
    writing.lock();
    try {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (ClientSession c : sessions) {
        if (stillLive.test(c)) {
          writes.add(store.putAsync(toSession(c, now)));
        }
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      log.warn("session store: cannot save {} sessions: {}", sessions.size(), e.getMessage());
    } finally {
      writing.unlock();
    }
  }

  /** Removes a session that ended. */
  void remove(ClientSession c) {
    writing.lock();
    try {
      store.remove(id(c.acctSessionId()));
    } catch (RuntimeException e) {
      log.warn("session store: cannot remove session {}: {}", c.acctSessionId(), e.getMessage());
    } finally {
      writing.unlock();
    }
  }

  /** This gateway's sessions in the store. */
  List<Session> listed() {
    return store.listByNas(gatewayId);
  }

  String id(String acctSessionId) {
    return gatewayId + "/" + acctSessionId;
  }

  private Session toSession(ClientSession c, Instant now) {
    return new Session(
        id(c.acctSessionId()),
        villageId,
        c.username(),
        c.mac(),
        gatewayId,
        "",
        c.acctSessionId(),
        c.ip(),
        c.startedAt(),
        now,
        c.downBytes(),
        c.upBytes(),
        0);
  }
}
