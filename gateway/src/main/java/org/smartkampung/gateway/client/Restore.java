package org.smartkampung.gateway.client;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.session.Session;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.radius.AccountingRecord;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;

/**
 * Which sessions a starting gateway lets through again: those its {@link SessionJournal} holds,
 * with the limits it journaled and the larger of the journal's and the store's counters. A session
 * the store lists but the journal does not know ends with a Stop: its limits are unknown, and a
 * session is never let through without them.
 */
final class Restore {

  private static final Logger log = LoggerFactory.getLogger(Restore.class);

  private final SessionJournal journal;
  private final StoreMirror mirror;
  private final Consumer<AccountingRecord> accounting;
  private final BiConsumer<ClientSession, TerminateCause> end;

  /**
   * @param end forgets a session that cannot go on and sends its Stop (nothing is in the kernel)
   */
  Restore(
      SessionJournal journal,
      StoreMirror mirror,
      Consumer<AccountingRecord> accounting,
      BiConsumer<ClientSession, TerminateCause> end) {
    this.journal = journal;
    this.mirror = mirror;
    this.accounting = accounting;
    this.end = end;
  }

  /** Opens the journal and returns the sessions to let through, by address. */
  Map<String, ClientSession> sessions(Instant now) {
    Map<String, SessionJournal.Saved> saved = new HashMap<>(journal.open());
    Map<String, ClientSession> byIp = new HashMap<>();
    for (Session s : mirror.listed()) {
      if (GardenSession.isGarden(s.acctSessionId())) {
        // Left open by a run that crashed: its counters started again from 0 with the new table.
        mirror.store().remove(s.id());
        accounting.accept(
            GardenSession.leftOver(
                s.acctSessionId(), s.startedAt(), s.outBytes(), s.inBytes(), now));
        continue;
      }
      if (s.framedIp().isEmpty()) {
        continue;
      }
      SessionJournal.Saved known = saved.remove(s.acctSessionId());
      if (known == null) {
        log.warn(
            "session {} of {} is not in the session journal, so its limits are unknown; it ends",
            s.acctSessionId(),
            s.framedIp());
        end.accept(fromStore(s, s.userId(), AccessReply.of(true, List.of()), now), cause());
        continue;
      }
      ClientSession c =
          fromStore(
              s,
              known.username(),
              known.limits(),
              now,
              Math.max(s.outBytes(), known.upBytes()),
              Math.max(s.inBytes(), known.downBytes()));
      keep(c, byIp);
    }
    for (SessionJournal.Saved k : saved.values()) {
      if (k.ip().isEmpty()) {
        journal.end(k.acctSessionId()); // a limits file entry whose session the store ended
        continue;
      }
      // Journaled but not in the store (its write failed, or a crash came between the two).
      ClientSession c =
          new ClientSession(
              k.ip(),
              k.mac(),
              k.username(),
              k.acctSessionId(),
              k.limits(),
              Instant.ofEpochMilli(k.startedAtEpochMillis()),
              k.upBytes(),
              k.downBytes(),
              k.upBytes(),
              k.downBytes(),
              now,
              now);
      if (keep(c, byIp)) {
        mirror.put(c, now);
      }
    }
    return byIp;
  }

  /** Adds a session unless it cannot go on; false when it ended instead. */
  private boolean keep(ClientSession c, Map<String, ClientSession> byIp) {
    if (!ClientTable.MAC.matcher(c.mac()).matches()) {
      // Clients pass by address and MAC now: a session saved without a MAC cannot go on.
      log.warn("session {} of {} has no MAC; it ends", c.acctSessionId(), c.ip());
      end.accept(c, cause());
      return false;
    }
    ClientSession other = byIp.get(c.ip());
    if (other != null) {
      // Two sessions for one address (a crash during a login that replaced one): the later wins.
      boolean later = c.startedAt().isAfter(other.startedAt());
      end.accept(later ? other : c, TerminateCause.USER_REQUEST);
      if (!later) {
        return false;
      }
    }
    byIp.put(c.ip(), c);
    return true;
  }

  private static TerminateCause cause() {
    return TerminateCause.NAS_REQUEST;
  }

  private static ClientSession fromStore(
      Session s, String username, AccessReply limits, Instant now) {
    return fromStore(s, username, limits, now, s.outBytes(), s.inBytes());
  }

  private static ClientSession fromStore(
      Session s, String username, AccessReply limits, Instant now, long up, long down) {
    return new ClientSession(
        s.framedIp(),
        s.deviceMac(),
        username,
        s.acctSessionId(),
        limits,
        s.startedAt(),
        up,
        down,
        up,
        down,
        now,
        now);
  }
}
