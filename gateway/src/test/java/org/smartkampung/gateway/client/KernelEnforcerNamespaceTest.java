package org.smartkampung.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.smartkampung.gateway.firewall.Firewall;
import org.smartkampung.gateway.firewall.NftRuleset;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.shaping.TcShaper;
import org.smartkampung.gateway.testing.NetnsLab;

/**
 * The client table admits and ends clients of different addresses at once, and polls meanwhile: the
 * real nft and tc, in a namespace, take concurrent admissions, releases and usage reads without
 * losing or mixing up anyone.
 */
class KernelEnforcerNamespaceTest {

  private static final int THREADS = 4;
  private static final int PER_THREAD = 6;

  @Test
  void admissionsReleasesAndUsageReadsOfDifferentClientsRunAtOnce() throws Exception {
    NetnsLab.requireRootAnd("ip", "nft", "tc");
    try (NetnsLab lab = new NetnsLab()) {
      String ns = lab.namespace("enf");
      lab.sh(
          ns,
          "ip link add cl0 type veth peer name cl1 && ip link set cl0 up && ip link set cl1 up");
      NftRuleset rules =
          new NftRuleset(
              "kampung_gateway",
              "cl0",
              "up0",
              "10.88.0.0/24",
              "10.88.0.1",
              8002,
              53,
              List.of(),
              NftRuleset.WEB_PORTS);
      TcShaper shaper = new TcShaper("cl0", 20_000, 10_000, lab.runner(ns));
      assertThat(shaper.start()).isTrue();
      KernelEnforcer enforcer = new KernelEnforcer(new Firewall(rules, lab.runner(ns)), shaper);
      Instant now = Instant.now();
      enforcer.start(List.of(), List.of(), now);

      List<ClientSession> sessions =
          IntStream.range(0, THREADS * PER_THREAD).mapToObj(i -> session(i, now)).toList();
      AtomicBoolean admitting = new AtomicBoolean(true);
      AtomicInteger failedReads = new AtomicInteger();
      AtomicInteger reads = new AtomicInteger();
      ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
      try {
        Future<?> poller =
            threads.submit(
                () -> {
                  while (admitting.get() || reads.get() == 0) {
                    if (enforcer.usage(sessions) == null) {
                      failedReads.incrementAndGet();
                    }
                    reads.incrementAndGet();
                  }
                });
        List<Future<List<Optional<Enforcer.Failure>>>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          List<ClientSession> mine = sessions.subList(t * PER_THREAD, (t + 1) * PER_THREAD);
          done.add(
              threads.submit(
                  () -> {
                    List<Optional<Enforcer.Failure>> results = new ArrayList<>();
                    for (ClientSession c : mine) {
                      results.add(enforcer.admit(c, now));
                    }
                    // Every other one ends again, while the others' admissions go on.
                    for (int i = 0; i < mine.size(); i += 2) {
                      enforcer.release(mine.get(i), now);
                    }
                    return results;
                  }));
        }
        for (Future<List<Optional<Enforcer.Failure>>> f : done) {
          assertThat(f.get()).allMatch(Optional::isEmpty);
        }
        admitting.set(false);
        poller.get();
      } finally {
        threads.shutdownNow();
      }

      assertThat(failedReads.get()).isZero();
      List<String> stillIn =
          IntStream.range(0, sessions.size())
              .filter(i -> i % 2 == 1)
              .mapToObj(i -> sessions.get(i).ip())
              .toList();
      Map<String, Enforcer.Usage> usage = enforcer.usage(sessions);
      assertThat(usage).containsOnlyKeys(stillIn);
      assertThat(shaper.deliveredDownBytes()).containsOnlyKeys(stillIn);
      for (ClientSession c : sessions) {
        boolean in = stillIn.contains(c.ip());
        assertThat(lab.sh(ns, "nft list quotas"))
            .as("quota of %s", c.ip())
            .matches(
                text -> text.contains("qt_" + c.acctSessionId()) == in,
                in ? "holds its quota" : "has no quota left");
      }
      shaper.stop();
    }
  }

  private static ClientSession session(int i, Instant now) {
    AccessReply limits =
        new AccessReply(true, "", 600, 0, 0, 1000, 500, 5_000_000, 0, 0, new byte[0]);
    return new ClientSession(
        "10.88.0." + (10 + i),
        String.format(java.util.Locale.ROOT, "02:00:00:00:00:%02x", 10 + i),
        "warga",
        "sesi" + (100 + i),
        limits,
        now,
        0,
        0,
        0,
        0,
        now,
        now);
  }
}
