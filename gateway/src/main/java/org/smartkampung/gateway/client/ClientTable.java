package org.smartkampung.gateway.client;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.session.Session;
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
 * enforcer acts in the kernel at once; this table decides and reports. Accounting requests go out
 * in order on one thread, so a session's Start always precedes its Interim-Updates and Stop.
 *
 * <p>Sessions are mirrored into the shared {@link SessionStore} (id {@code <gateway id>/<Acct-
 * Session-Id>}, NAS name = gateway id) at login, at every Interim-Update and at a clean stop, and
 * restored from it on start.
 */
public final class ClientTable implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClientTable.class);

  /** Everything a client table works with. */
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
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

  private final Parts parts;
  private final LimitsFile limitsFile;
  private final Map<String, ClientSession> byIp = new HashMap<>();
  // Read without the lock by the DNS forwarder's event loop on every query.
  private final Set<String> onlineIps = ConcurrentHashMap.newKeySet();
  // "ip mac" pairs already reported as taken over, so each is logged once.
  private final Set<String> takeoversLogged = new HashSet<>();
  private final AccountingSender accounting;
  // The walled garden's traffic before login, charged to the village; one per start.
  private GardenSession garden;
  private final AtomicLong gardenBytes = new AtomicLong();

  public ClientTable(Parts parts) {
    this.parts = parts;
    this.limitsFile = new LimitsFile(parts.limitsFile());
    this.accounting = new AccountingSender(parts.radius(), parts.metrics());
    this.garden = new GardenSession(parts.clock().instant());
    parts.metrics().gauge("kampung.gateway.clients", byIp, Map::size);
    parts.metrics().gauge("kampung.gateway.garden.bytes", gardenBytes);
  }

  /**
   * Builds the gateway's table with the sessions the store still holds for this gateway, so a
   * restart keeps villagers online.
   *
   * @throws IllegalStateException when nft refuses the table (the gateway cannot enforce)
   */
  public synchronized void start(List<String> staticGarden) {
    Instant now = parts.clock().instant();
    Map<String, LimitsFile.Saved> saved = limitsFile.read();
    garden = new GardenSession(now);
    for (Session s : parts.sessions().listByNas(parts.gatewayId())) {
      if (GardenSession.isGarden(s.acctSessionId())) {
        // Left open by a run that crashed: its counters started again from 0 with the new table.
        parts.sessions().remove(s.id());
        accounting.send(
            GardenSession.leftOver(
                s.acctSessionId(), s.startedAt(), s.outBytes(), s.inBytes(), now));
        continue;
      }
      if (s.framedIp().isEmpty()) {
        continue;
      }
      LimitsFile.Saved known =
          saved.getOrDefault(
              s.acctSessionId(), new LimitsFile.Saved(s.userId(), AccessReply.of(true, List.of())));
      ClientSession c =
          new ClientSession(
              s.framedIp(),
              s.deviceMac(),
              known.username(),
              s.acctSessionId(),
              known.limits(),
              s.startedAt(),
              s.outBytes(),
              s.inBytes(),
              s.outBytes(),
              s.inBytes(),
              now,
              now);
      if (!MAC.matcher(c.mac()).matches()) {
        // Clients pass by address and MAC now: a session saved without a MAC cannot go on.
        log.warn("session {} of {} has no MAC; it ends", c.acctSessionId(), c.ip());
        parts.sessions().remove(sessionId(c));
        send(c, Status.STOP, TerminateCause.NAS_REQUEST, now);
        continue;
      }
      byIp.put(c.ip(), c);
      onlineIps.add(c.ip());
    }
    parts.enforcer().start(byIp.values(), staticGarden, now);
    if (!byIp.isEmpty()) {
      log.info("restored {} sessions from the session store", byIp.size());
    }
  }

  /**
   * Authenticates a client with RADIUS and, when accepted, lets it through. Blocking (RADIUS round
   * trips and nft); call it off the event loops.
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
    Instant now = parts.clock().instant();
    ClientSession session =
        new ClientSession(ip, deviceMac, username, acctSessionId, reply, now, 0, 0, 0, 0, now, now);
    synchronized (this) {
      ClientSession old = byIp.get(ip);
      if (old != null) {
        end(old, TerminateCause.USER_REQUEST);
      }
      Optional<Enforcer.Failure> failure = parts.enforcer().admit(session, now);
      if (failure.isPresent()) {
        count(failure.get() == Enforcer.Failure.FIREWALL ? "nft-failed" : "tc-failed");
        return new AuthorizeResult(Outcome.FAILED, "Gerbang internet bermasalah. Coba lagi.");
      }
      byIp.put(ip, session);
      onlineIps.add(ip);
      takeoversLogged.removeIf(k -> k.startsWith(ip + " "));
      parts.sessions().put(toSession(session, now));
      saveLimits();
      // Queued under the lock, so a poll cannot queue this session's Stop before its Start.
      send(session, Status.START, null, now);
    }
    count("accepted");
    log.info("client {} ({}) online as {}, session {}", ip, deviceMac, username, acctSessionId);
    return new AuthorizeResult(Outcome.ACCEPTED, reply.replyMessage());
  }

  /** Reads the counters and ends or reports sessions as their limits say. */
  public synchronized void poll() {
    pollGarden();
    if (byIp.isEmpty()) {
      return;
    }
    Map<String, Enforcer.Usage> usage = parts.enforcer().usage(byIp.values());
    if (usage == null) {
      return;
    }
    Instant now = parts.clock().instant();
    for (ClientSession old : List.copyOf(byIp.values())) {
      reportTakeover(old);
      Enforcer.Usage used = usage.get(old.ip());
      if (used == null) {
        // nft's element timeout ran out first (it is the session timeout).
        end(old, TerminateCause.SESSION_TIMEOUT);
        continue;
      }
      ClientSession c = old.counted(used.upBytes(), used.downBytes(), now);
      byIp.put(c.ip(), c);
      if (used.anySpent()) {
        // The kernel stopped it at its octet limit already (dropping the packet that would have
        // crossed it); the session used its limit up, so that is what the Stop reports.
        c = c.spent(used.totalSpent(), used.upSpent(), used.downSpent());
      }
      Optional<TerminateCause> cause = CutOff.due(c, now);
      if (cause.isPresent()) {
        end(c, cause.get());
      } else if (CutOff.interimDue(c, now)) {
        byIp.put(c.ip(), c.interimSent(now));
        // Saved with each Interim-Update, so a power cut loses at most one interval of counts.
        parts.sessions().put(toSession(c, now));
        send(c, Status.INTERIM_UPDATE, null, now);
      }
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
  public synchronized int disconnect(Predicate<ClientSession> which, TerminateCause cause) {
    List<ClientSession> matching = byIp.values().stream().filter(which).toList();
    if (!matching.isEmpty()) {
      poll(); // final counters for the Stop
    }
    int ended = 0;
    for (ClientSession c : matching) {
      ClientSession current = byIp.get(c.ip());
      if (current != null && current.acctSessionId().equals(c.acctSessionId())) {
        end(current, cause);
        ended++;
      }
    }
    return ended;
  }

  /** Applies new limits from a CoA-Request to matching sessions; returns how many changed. */
  public synchronized int change(Predicate<ClientSession> which, AccessReply newLimits) {
    int changed = 0;
    for (ClientSession c : byIp.values().stream().filter(which).toList()) {
      ClientSession updated = c.withLimits(newLimits.over(c.limits()));
      byIp.put(c.ip(), updated);
      parts.enforcer().change(updated, parts.clock().instant());
      changed++;
    }
    if (changed > 0) {
      saveLimits();
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
   * Stops the table. Sessions are not ended: they stay in the store with their latest counters and
   * the next start restores them (a restart is not a logout). A session whose time ran out
   * meanwhile gets its Stop at the first poll after that start.
   */
  @Override
  public void close() {
    synchronized (this) {
      poll();
      Instant now = parts.clock().instant();
      for (ClientSession c : byIp.values()) {
        parts.sessions().put(toSession(c, now));
      }
      // The next start counts the garden from 0 again (a new table): this session is over.
      garden.stop(now).ifPresent(accounting::send);
    }
    accounting.close();
  }

  /** Returns the client to the captive state and sends its Stop; caller holds the lock. */
  private void end(ClientSession c, TerminateCause cause) {
    byIp.remove(c.ip());
    onlineIps.remove(c.ip());
    parts.enforcer().release(c, parts.clock().instant());
    parts.sessions().remove(sessionId(c));
    saveLimits();
    parts
        .metrics()
        .counter("kampung.gateway.cutoff", "cause", cause.name().toLowerCase(Locale.ROOT))
        .increment();
    log.info("client {} ({}) captive again: {}", c.ip(), c.username(), cause);
    send(c, Status.STOP, cause, parts.clock().instant());
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

  private void send(ClientSession c, Status status, TerminateCause cause, Instant now) {
    accounting.send(c, status, cause, now);
  }

  private void saveLimits() {
    Map<String, LimitsFile.Saved> saved = new HashMap<>();
    byIp.values()
        .forEach(c -> saved.put(c.acctSessionId(), new LimitsFile.Saved(c.username(), c.limits())));
    limitsFile.write(saved);
  }

  private Session toSession(ClientSession c, Instant now) {
    return new Session(
        sessionId(c),
        parts.villageId(),
        c.username(),
        c.mac(),
        parts.gatewayId(),
        "",
        c.acctSessionId(),
        c.ip(),
        c.startedAt(),
        now,
        c.downBytes(),
        c.upBytes(),
        0);
  }

  private String sessionId(ClientSession c) {
    return parts.gatewayId() + "/" + c.acctSessionId();
  }

  private void count(String result) {
    parts.metrics().counter("kampung.gateway.authorize", "result", result).increment();
  }
}
