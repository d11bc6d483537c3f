package org.smartkampung.gateway.client;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory kernel for the client table's concurrency tests: who is admitted, by address. An
 * admit or a release for an address can be held on a latch to stand for slow nft and tc; an admit
 * for an address still admitted, or a release of one that is not, is recorded as a violation.
 */
final class FakeEnforcer implements Enforcer {

  private final Map<String, String> admitted = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> releaseHolds = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> releasing = new ConcurrentHashMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  final List<String> violations = new CopyOnWriteArrayList<>();
  final List<String> admits = new CopyOnWriteArrayList<>();

  /** Holds admits for {@code ip} until the returned latch is counted down. */
  CountDownLatch hold(String ip) {
    CountDownLatch release = new CountDownLatch(1);
    holds.put(ip, release);
    entered.put(ip, new CountDownLatch(1));
    return release;
  }

  /** Waits until an admit for {@code ip} is being held. */
  boolean awaitHeld(String ip) throws InterruptedException {
    return entered.get(ip).await(10, TimeUnit.SECONDS);
  }

  /** Holds releases for {@code ip} until the returned latch is counted down. */
  CountDownLatch holdRelease(String ip) {
    CountDownLatch release = new CountDownLatch(1);
    releaseHolds.put(ip, release);
    releasing.put(ip, new CountDownLatch(1));
    return release;
  }

  /** Waits until a release for {@code ip} is being held. */
  boolean awaitReleaseHeld(String ip) throws InterruptedException {
    return releasing.get(ip).await(10, TimeUnit.SECONDS);
  }

  void failAdmits(String ip) {
    failing.add(ip);
  }

  /** Admitted sessions (Acct-Session-Id) by address. */
  Map<String, String> admitted() {
    return Map.copyOf(admitted);
  }

  @Override
  public void start(Collection<ClientSession> sessions, List<String> staticGarden, Instant now) {
    admitted.clear();
    sessions.forEach(s -> admitted.put(s.ip(), s.acctSessionId()));
  }

  @Override
  public Optional<Failure> admit(ClientSession session, Instant now) {
    CountDownLatch latch = holds.get(session.ip());
    if (latch != null) {
      entered.get(session.ip()).countDown();
      try {
        latch.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failing.contains(session.ip())) {
      return Optional.of(Failure.FIREWALL);
    }
    String before = admitted.putIfAbsent(session.ip(), session.acctSessionId());
    if (before != null) {
      violations.add("admit " + session.acctSessionId() + " over " + before);
    }
    admits.add(session.acctSessionId());
    return Optional.empty();
  }

  @Override
  public void release(ClientSession session, Instant now) {
    CountDownLatch latch = releaseHolds.get(session.ip());
    if (latch != null) {
      releasing.get(session.ip()).countDown();
      try {
        latch.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!admitted.remove(session.ip(), session.acctSessionId())) {
      violations.add("release " + session.acctSessionId() + " not admitted");
    }
  }

  @Override
  public void change(ClientSession session, Instant now) {}

  @Override
  public Map<String, Usage> usage(Collection<ClientSession> sessions) {
    Map<String, Usage> usage = new HashMap<>();
    for (ClientSession c : sessions) {
      if (c.acctSessionId().equals(admitted.get(c.ip()))) {
        usage.put(c.ip(), new Usage(0, 0, false, false, false));
      }
    }
    return usage;
  }
}
