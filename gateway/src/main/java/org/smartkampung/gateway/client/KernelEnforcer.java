package org.smartkampung.gateway.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.gateway.firewall.Firewall;
import org.smartkampung.gateway.firewall.Firewall.ClientBytes;
import org.smartkampung.gateway.firewall.NftRuleset;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.shaping.TcShaper;

/**
 * The enforcer over nftables (who passes, octet limits as quotas, counters) and tc (rates; a shaped
 * client's download is counted by its tc class, after the shaper's drops).
 *
 * <p>Thread-safe as {@link Enforcer} asks: every nft change is one {@code nft -f -} batch on its
 * standard input (no batch files), which the kernel applies atomically, and {@link TcShaper} locks
 * only its class-id bookkeeping.
 */
public final class KernelEnforcer implements Enforcer {

  private static final Logger log = LoggerFactory.getLogger(KernelEnforcer.class);

  private final Firewall firewall;
  private final NftRuleset rules;
  private final TcShaper shaper;

  /**
   * @param shaper null when shaping is off
   */
  public KernelEnforcer(Firewall firewall, TcShaper shaper) {
    this.firewall = firewall;
    this.rules = firewall.rules();
    this.shaper = shaper;
  }

  @Override
  public void start(Collection<ClientSession> sessions, List<String> staticGarden, Instant now) {
    List<NftRuleset.Client> elements = sessions.stream().map(c -> element(c, now)).toList();
    if (!firewall.apply(rules.create(elements, staticGarden))) {
      throw new IllegalStateException("nft refused the gateway's table; see the log");
    }
    if (!firewall.apply(rules.ipv6Guard())) {
      throw new IllegalStateException("nft refused the IPv6 guard table; see the log");
    }
    sessions.forEach(this::shape);
  }

  @Override
  public Optional<Failure> admit(ClientSession session, Instant now) {
    if (!firewall.apply(rules.allow(element(session, now)))) {
      return Optional.of(Failure.FIREWALL);
    }
    if (!shape(session)) {
      firewall.apply(rules.revoke(element(session, now)));
      return Optional.of(Failure.SHAPER);
    }
    return Optional.empty();
  }

  @Override
  public void release(ClientSession session, Instant now) {
    if (!firewall.apply(rules.revoke(element(session, now)))) {
      log.error(
          "could not revoke {} in nft; it may still pass until its element expires", session.ip());
    }
    if (shaper != null) {
      shaper.removeClient(session.ip());
    }
  }

  @Override
  public void change(ClientSession session, Instant now) {
    shape(session);
    if (!firewall.apply(rules.replaceQuotas(element(session, now)))) {
      log.error("could not apply the new octet limits of {} in nft", session.ip());
    }
  }

  @Override
  public Map<String, Usage> usage(Collection<ClientSession> sessions) {
    Map<String, ClientBytes> counters = firewall.counters();
    Set<String> spent = firewall.exhaustedQuotas();
    // Uploads pass the shaper (ingress, ifb) before nft counts them; downloads after it, so
    // those are read from the client's tc class: the shaper's drops are not billed.
    Map<String, Long> delivered = shaper == null ? Map.of() : shaper.deliveredDownBytes();
    if (counters == null || spent == null || delivered == null) {
      return null;
    }
    Map<String, Usage> usage = new HashMap<>();
    for (ClientSession c : sessions) {
      ClientBytes bytes = counters.get(c.ip());
      if (bytes == null) {
        continue;
      }
      long down =
          shaper == null
              ? bytes.downBytes()
              : delivered.getOrDefault(c.ip(), c.downBytes() - c.baseDownBytes());
      List<String> quotas = NftRuleset.quotaNames(c.acctSessionId());
      usage.put(
          c.ip(),
          new Usage(
              bytes.upBytes(),
              down,
              spent.contains(quotas.get(0)),
              spent.contains(quotas.get(1)),
              spent.contains(quotas.get(2))));
    }
    return usage;
  }

  @Override
  public Optional<Traffic> garden() {
    long up = firewall.namedCounterBytes(NftRuleset.GARDEN_UP_BYTES);
    // Replies are counted where they leave the shaper's garden class: what clients really got.
    long down =
        shaper == null
            ? firewall.namedCounterBytes(NftRuleset.GARDEN_DOWN_BYTES)
            : shaper.deliveredGardenDownBytes();
    return up < 0 || down < 0 ? Optional.empty() : Optional.of(new Traffic(up, down));
  }

  private boolean shape(ClientSession c) {
    return shaper == null || shaper.addClient(c.ip(), c.limits().downKbps(), c.limits().upKbps());
  }

  /** The client's firewall element with what is left of its time and octet limits. */
  static NftRuleset.Client element(ClientSession c, Instant now) {
    AccessReply l = c.limits();
    return new NftRuleset.Client(
        c.ip(),
        c.mac(),
        remainingSeconds(c, now),
        c.acctSessionId(),
        new NftRuleset.ByteQuota(
            left(l.maxTotalBytes(), c.upBytes() + c.downBytes()),
            left(l.maxUpBytes(), c.upBytes()),
            left(l.maxDownBytes(), c.downBytes())));
  }

  /** Bytes left of a limit (0 = no limit; at least 1, so a spent limit stays a limit). */
  private static long left(long limitBytes, long usedBytes) {
    return limitBytes <= 0 ? 0 : Math.max(1, limitBytes - usedBytes);
  }

  private static long remainingSeconds(ClientSession c, Instant now) {
    long timeout = c.limits().sessionTimeoutSeconds();
    if (timeout <= 0) {
      return 0;
    }
    long left = timeout - Duration.between(c.startedAt(), now).toSeconds();
    // nft needs a positive timeout; a session past its time ends at the next poll anyway.
    return Math.max(left, 1) + 1;
  }
}
