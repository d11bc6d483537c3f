package org.smartkampung.gateway.client;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.gateway.client.AuthorizeResult.Outcome;
import org.smartkampung.gateway.neighbour.NeighbourTable;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.radius.AccountingRecord.Status;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;
import org.smartkampung.gateway.radius.RadiusClient;

/**
 * The one owner of the gateway's authenticated clients, keyed by IP address. It lets clients
 * through its {@link Enforcer} (nftables and tc) after RADIUS accepts them, reads what they used,
 * ends sessions (timeouts, octet limits, Disconnect-Request) and sends their accounting. The
 * enforcer acts in the kernel at once; this table decides and reports.
 *
 * <p>The table's lock guards only its maps: kernel commands, the journal's fsync and the session
 * store run outside it, so a login storm never holds up {@link #find}, {@link #all}, a poll or a
 * Disconnect. What keeps them apart is a per-address reservation ({@link Reservations}): whoever
 * changes an address in the kernel (a login, an end, a CoA) holds it, so two logins for one address
 * run one after the other (the later one ends the earlier), and a session is visible only once it
 * is wholly admitted and journaled. Accounting requests go out in order on one thread: a session's
 * Start is queued when it becomes visible, its Interim-Updates and Stop only after that.
 *
 * <p>A login is durable ({@link SessionJournal}, fsync'd) before it is answered, an end before the
 * store forgets it; the journal's snapshot is written at most once per poll. Sessions are mirrored
 * into the shared {@link SessionStore} for the console and the portal ({@link StoreMirror}); a
 * start restores what the journal holds, and ends any session the store lists that the journal does
 * not know (its limits are unknown, so it is never let through without them).
 */
public final class ClientTable implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClientTable.class);

  /**
   * Everything a client table works with.
   *
   * @param limitsFile the session journal's snapshot; its journal files lie beside it
   */
  public record Parts(
      String gatewayId,
      String villageId,
      Enforcer enforcer,
      RadiusClient radius,
      NeighbourTable neighbours,
      SessionStore sessions,
      Path limitsFile,
      Clock clock,
      MeterRegistry metrics) {}

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

  private final Parts parts;
  private final SessionJournal journal;
  private final StoreMirror mirror;
  private final AccountingSender accounting;
  private final Reservations reservations = new Reservations();

  // Guarded by this.
  private final Map<String, ClientSession> byIp = new HashMap<>();

  // Read without the lock by the DNS forwarder's event loop on every query.
  private final Set<String> onlineIps = ConcurrentHashMap.newKeySet();
  // "ip mac" pairs already reported as taken over, so each is logged once.
  private final Set<String> takeoversLogged = ConcurrentHashMap.newKeySet();

  // One poll at a time (the scheduler, a Disconnect, close); guards the garden session.
  private final ReentrantLock polling = new ReentrantLock();
  // The walled garden's traffic before login, charged to the village; one per start.
  private GardenSession garden;
  private final AtomicLong gardenBytes = new AtomicLong();

  public ClientTable(Parts parts) {
    this.parts = parts;
    this.journal = new SessionJournal(parts.limitsFile(), parts.metrics());
    this.mirror = new StoreMirror(parts.gatewayId(), parts.villageId(), parts.sessions());
    this.accounting = new AccountingSender(parts.radius(), parts.metrics());
    this.garden = new GardenSession(parts.clock().instant());
    parts.metrics().gauge("kampung.gateway.clients", onlineIps, Set::size);
    parts.metrics().gauge("kampung.gateway.garden.bytes", gardenBytes);
  }

  /**
   * Builds the gateway's table with the sessions its journal holds, so a restart keeps villagers
   * online.
   *
   * @throws IllegalStateException when nft refuses the table or the journal cannot be opened (the
   *     gateway cannot enforce)
   */
  public void start(List<String> staticGarden) {
    polling.lock();
    try {
      Instant now = parts.clock().instant();
      garden = new GardenSession(now);
      Map<String, ClientSession> restored =
          new Restore(journal, mirror, accounting::send, this::notRestored).sessions(now);
      synchronized (this) {
        byIp.putAll(restored);
        onlineIps.addAll(restored.keySet());
      }
      parts.enforcer().start(restored.values(), staticGarden, now);
      journal.replaceAll(restored.values());
      journal.compact(Map.of(), true);
      if (!restored.isEmpty()) {
        log.info("restored {} sessions from the session journal", restored.size());
      }
    } finally {
      polling.unlock();
    }
  }

  /**
   * Authenticates a client with RADIUS and, when accepted, lets it through. Blocking (RADIUS round
   * trips, nft, tc, an fsync); call it off the event loops.
   */
  public AuthorizeResult authorize(String ip, String mac, String username, String password) {
    // The address goes into nft batch text: only a plain IPv4 literal may get that far.
    if (!IPV4.matcher(ip).matches() || !(mac.isEmpty() || MAC.matcher(mac).matches())) {
      count("malformed");
      return new AuthorizeResult(Outcome.REJECTED, "Permintaan tidak sah.");
    }
    Optional<String> kernelMac = parts.neighbours().macOf(ip);
    if (!mac.isEmpty() && kernelMac.isPresent() && !kernelMac.get().equals(mac)) {
      count("wrong-device");
      return new AuthorizeResult(Outcome.WRONG_DEVICE, "Perangkat tidak cocok. Coba lagi.");
    }
    String deviceMac = kernelMac.orElse(mac);
    if (deviceMac.isEmpty()) {
      // The firewall lets a client through by address and MAC: without a MAC nothing would pass.
      count("no-mac");
      return new AuthorizeResult(
          Outcome.WRONG_DEVICE, "Perangkat tidak dikenali. Sambungkan ulang Wi-Fi lalu coba lagi.");
    }
    String acctSessionId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    AccessReply reply;
    try {
      reply = parts.radius().authenticate(username, password, ip, deviceMac, acctSessionId);
    } catch (IOException e) {
      log.warn("authorize {} for {}: {}", username, ip, e.getMessage());
      count("radius-failed");
      return new AuthorizeResult(
          Outcome.FAILED, "Server login tidak menjawab. Coba lagi sebentar lagi.");
    }
    if (!reply.accepted()) {
      count("rejected");
      String message = reply.replyMessage().isEmpty() ? "Login ditolak." : reply.replyMessage();
      return new AuthorizeResult(Outcome.REJECTED, message);
    }
    if (!admit(ip, deviceMac, username, acctSessionId, reply)) {
      return new AuthorizeResult(Outcome.FAILED, "Gerbang internet bermasalah. Coba lagi.");
    }
    count("accepted");
    log.info("client {} ({}) online as {}, session {}", ip, deviceMac, username, acctSessionId);
    return new AuthorizeResult(Outcome.ACCEPTED, reply.replyMessage());
  }

  /**
   * Lets an accepted session through: ends the address's old session, admits the new one in the
   * kernel, journals it, and only then makes it visible. False (counted) when it could not be
   * admitted; nothing of it is then left behind.
   */
  private boolean admit(
      String ip, String mac, String username, String acctSessionId, AccessReply reply) {
    Instant now = parts.clock().instant();
    ClientSession session =
        new ClientSession(ip, mac, username, acctSessionId, reply, now, 0, 0, 0, 0, now, now);
    if (!reservations.reserve(ip)) {
      count("interrupted");
      return false;
    }
    try {
      ClientSession old;
      synchronized (this) {
        old = detach(ip);
      }
      if (old != null) {
        stop(List.of(new Ending(old, TerminateCause.USER_REQUEST)));
      }
      Optional<Enforcer.Failure> failure = parts.enforcer().admit(session, now);
      if (failure.isPresent()) {
        count(failure.get() == Enforcer.Failure.FIREWALL ? "nft-failed" : "tc-failed");
        return false;
      }
      try {
        journal.login(session);
      } catch (IOException e) {
        log.error("client {} not let through: {}", ip, e.getMessage());
        parts.enforcer().release(session, now);
        count("journal-failed");
        return false;
      }
      mirror.put(session, now);
      synchronized (this) {
        byIp.put(ip, session);
        onlineIps.add(ip);
        takeoversLogged.removeIf(k -> k.startsWith(ip + " "));
        // Queued as it becomes visible: no poll can queue its Interim or Stop before this.
        send(session, Status.START, null, now);
      }
      return true;
    } finally {
      reservations.release(ip);
    }
  }

  /** Reads the counters and ends or reports sessions as their limits say. */
  public void poll() {
    polling.lock();
    try {
      pollGarden();
      List<ClientSession> seen = all();
      if (seen.isEmpty()) {
        journal.compact(Map.of(), false);
        return;
      }
      // Kernel reads and the neighbour table, outside the table's lock.
      Map<String, Enforcer.Usage> usage = parts.enforcer().usage(seen);
      if (usage == null) {
        return;
      }
      seen.forEach(this::reportTakeover);
      Instant now = parts.clock().instant();
      List<ClientSession> interims = new ArrayList<>();
      List<Ending> endings = new ArrayList<>();
      synchronized (this) {
        for (ClientSession s : seen) {
          ClientSession current = byIp.get(s.ip());
          if (!same(current, s)) {
            continue; // ended or replaced while the kernel was read
          }
          Enforcer.Usage used = usage.get(s.ip());
          if (used == null) {
            // nft's element timeout ran out first (it is the session timeout).
            endings.add(new Ending(current, TerminateCause.SESSION_TIMEOUT));
            continue;
          }
          ClientSession c = current.counted(used.upBytes(), used.downBytes(), now);
          if (used.anySpent()) {
            // The kernel stopped it at its octet limit already (dropping the packet that would
            // have crossed it); the session used its limit up, so that is what the Stop reports.
            c = c.spent(used.totalSpent(), used.upSpent(), used.downSpent());
          }
          byIp.put(c.ip(), c);
          Optional<TerminateCause> cause = CutOff.due(c, now);
          if (cause.isPresent()) {
            endings.add(new Ending(c, cause.get()));
          } else if (CutOff.interimDue(c, now)) {
            c = c.interimSent(now);
            byIp.put(c.ip(), c);
            interims.add(c);
            send(c, Status.INTERIM_UPDATE, null, now);
          }
        }
      }
      endAll(endings);
      // One batch per poll: the store with each Interim's counters, the journal's snapshot.
      mirror.putAll(interims, this::isCurrent, now);
      journal.compact(counters(all()), !interims.isEmpty());
    } finally {
      polling.unlock();
    }
  }

  /** Reports the walled garden's traffic before login as its pseudo-session's accounting. */
  private void pollGarden() {
    Optional<Enforcer.Traffic> traffic = parts.enforcer().garden();
    if (traffic.isEmpty()) {
      return;
    }
    Instant now = parts.clock().instant();
    garden
        .counted(traffic.get().upBytes(), traffic.get().downBytes(), now)
        .forEach(accounting::send);
    gardenBytes.set(garden.totalBytes());
  }

  /** Ends every session matching {@code which}; returns how many ended. */
  public int disconnect(Predicate<ClientSession> which, TerminateCause cause) {
    List<ClientSession> matching = all().stream().filter(which).toList();
    if (matching.isEmpty()) {
      return 0;
    }
    poll(); // final counters for the Stop
    int ended = 0;
    for (ClientSession c : matching) {
      // One at a time: only a poll holds several addresses, so no two callers wait on each other.
      if (endAll(List.of(new Ending(c, cause))) == 1) {
        ended++;
      }
    }
    return ended;
  }

  /** Applies new limits from a CoA-Request to matching sessions; returns how many changed. */
  public int change(Predicate<ClientSession> which, AccessReply newLimits) {
    int changed = 0;
    for (ClientSession c : all().stream().filter(which).toList()) {
      if (!reserveSame(c)) {
        continue;
      }
      ClientSession updated;
      synchronized (this) {
        ClientSession current = byIp.get(c.ip());
        updated = current.withLimits(newLimits.over(current.limits()));
        byIp.put(c.ip(), updated);
      }
      try {
        parts.enforcer().change(updated, parts.clock().instant());
        journal.limits(updated.acctSessionId(), updated.limits()).join();
        changed++;
      } catch (RuntimeException e) {
        log.warn("new limits of {} not journaled: {}", c.ip(), e.getMessage());
        changed++; // the kernel has them; the next snapshot saves them
      } finally {
        reservations.release(c.ip());
      }
    }
    return changed;
  }

  /** Whether a client with this address is logged in; lock-free, for the event loops. */
  public boolean isOnline(String ip) {
    return onlineIps.contains(ip);
  }

  public synchronized Optional<ClientSession> find(String ip) {
    return Optional.ofNullable(byIp.get(ip));
  }

  public synchronized List<ClientSession> all() {
    return List.copyOf(byIp.values());
  }

  /**
   * Stops the table. Sessions are not ended: they stay in the journal and the store with their
   * latest counters and the next start restores them (a restart is not a logout). A session whose
   * time ran out meanwhile gets its Stop at the first poll after that start.
   */
  @Override
  public void close() {
    polling.lock();
    try {
      poll();
      Instant now = parts.clock().instant();
      List<ClientSession> live = all();
      mirror.putAll(live, c -> true, now);
      journal.compact(counters(live), true);
      // The next start counts the garden from 0 again (a new table): this session is over.
      garden.stop(now).ifPresent(accounting::send);
    } finally {
      polling.unlock();
    }
    accounting.close();
    journal.close();
  }

  /** A session a poll ends, once its address is reserved. */
  private record Ending(ClientSession session, TerminateCause cause) {}

  /**
   * Ends those of {@code endings} that are still their address's session, holding their addresses
   * meanwhile; returns how many ended.
   */
  private int endAll(List<Ending> endings) {
    List<Ending> detached = new ArrayList<>();
    try {
      for (Ending e : endings) {
        if (reserveSame(e.session())) {
          synchronized (this) {
            detached.add(new Ending(detach(e.session().ip()), e.cause()));
          }
        }
      }
      stop(detached);
      return detached.size();
    } finally {
      detached.forEach(e -> reservations.release(e.session().ip()));
    }
  }

  /**
   * Ends detached sessions whose addresses the caller holds: returns the clients to the captive
   * state, journals the ends (one fsync for all, before the store forgets them, so a start cannot
   * bring one back), forgets them and sends their Stops.
   */
  private void stop(List<Ending> detached) {
    if (detached.isEmpty()) {
      return;
    }
    Instant now = parts.clock().instant();
    List<CompletableFuture<Void>> ends = new ArrayList<>();
    for (Ending e : detached) {
      parts.enforcer().release(e.session(), now);
      ends.add(journal.end(e.session().acctSessionId()));
    }
    try {
      CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException ex) {
      log.error("session journal: {} ends not written: {}", ends.size(), ex.getMessage());
    }
    detached.forEach(e -> forget(e.session(), e.cause()));
  }

  /**
   * Reserves the address of {@code c} and confirms it is still the address's session; false (and
   * nothing reserved) when it ended or was replaced meanwhile, or on interrupt. Not under the lock.
   */
  private boolean reserveSame(ClientSession c) {
    if (!reservations.reserve(c.ip())) {
      return false;
    }
    synchronized (this) {
      if (same(byIp.get(c.ip()), c)) {
        return true;
      }
    }
    reservations.release(c.ip());
    return false;
  }

  /** Takes the address's session out of the table (it is no longer visible); holds the lock. */
  private ClientSession detach(String ip) {
    ClientSession c = byIp.remove(ip);
    onlineIps.remove(ip);
    takeoversLogged.removeIf(k -> k.startsWith(ip + " "));
    return c;
  }

  /** Takes an ended session out of the store, counts it and sends its Stop. */
  private void forget(ClientSession c, TerminateCause cause) {
    mirror.remove(c);
    parts
        .metrics()
        .counter("kampung.gateway.cutoff", "cause", cause.name().toLowerCase(Locale.ROOT))
        .increment();
    log.info("client {} ({}) captive again: {}", c.ip(), c.username(), cause);
    send(c, Status.STOP, cause, parts.clock().instant());
  }

  /** Ends a session a start cannot let through again (nothing of it is in the kernel yet). */
  private void notRestored(ClientSession c, TerminateCause cause) {
    journal.end(c.acctSessionId());
    forget(c, cause);
  }

  private synchronized boolean isCurrent(ClientSession c) {
    return same(byIp.get(c.ip()), c);
  }

  private static boolean same(ClientSession current, ClientSession c) {
    return current != null && current.acctSessionId().equals(c.acctSessionId());
  }

  /**
   * Logs (once) when the kernel's neighbour entry for a logged-in address names another device: the
   * firewall lets only the session's own MAC through, so the other device gets nothing.
   */
  private void reportTakeover(ClientSession c) {
    Optional<String> now = parts.neighbours().macOf(c.ip());
    if (now.isPresent()
        && !now.get().equals(c.mac())
        && takeoversLogged.add(c.ip() + " " + now.get())) {
      parts.metrics().counter("kampung.gateway.takeover").increment();
      log.warn(
          "address {} of session {} ({}) is now used by device {}: that device gets nothing",
          c.ip(),
          c.acctSessionId(),
          c.mac(),
          now.get());
    }
  }

  private static Map<String, SessionJournal.Counters> counters(
      java.util.Collection<ClientSession> sessions) {
    Map<String, SessionJournal.Counters> counters = new HashMap<>();
    sessions.forEach(
        c ->
            counters.put(
                c.acctSessionId(), new SessionJournal.Counters(c.upBytes(), c.downBytes())));
    return counters;
  }

  private void send(ClientSession c, Status status, TerminateCause cause, Instant now) {
    accounting.send(c, status, cause, now);
  }

  private void count(String result) {
    parts.metrics().counter("kampung.gateway.authorize", "result", result).increment();
  }
}
