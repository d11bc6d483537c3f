package org.smartkampung.bench.regency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.testing.RedisTopologies;

/**
 * The evening simulation in miniature (12 hotspots of 3 villagers, two interims), against two
 * RADIUS servers on one Redis and on a Cluster: every login is answered and accepted, every
 * accounting record answered, and the village totals are exactly what the hotspots reported.
 */
class EveningSimulationSmokeTest {

  @ParameterizedTest
  @EnumSource(
      value = RedisTopology.class,
      names = {"STANDALONE", "CLUSTER"})
  void aShortEveningOnTwoServersIsAnsweredAndCountedExactly(RedisTopology topology)
      throws Exception {
    RedisSettings settings = RedisTopologies.settings(topology);
    String redis =
        topology == RedisTopology.CLUSTER
            ? "cluster:" + String.join(",", settings.nodes())
            : settings.uri();
    RegencyPlan plan = new RegencyPlan(UUID.randomUUID().toString().substring(0, 8), 3, 12, 3);
    try (RegencyServer a = RegencyServer.start(plan, redis, freePortPair(), true);
        RegencyServer b = RegencyServer.start(plan, redis, freePortPair(), false)) {
      EveningSimulation.Report report =
          EveningSimulation.run(
              plan,
              List.of(
                  new InetSocketAddress("127.0.0.1", a.authPort()),
                  new InetSocketAddress("127.0.0.1", b.authPort())),
              redis,
              Duration.ofMillis(300),
              2);
      System.out.println("EveningSimulationSmokeTest " + topology + ":\n" + report);

      assertThat(report.logins()).isEqualTo(36);
      assertThat(report.accepted()).isEqualTo(36);
      assertThat(report.loginsLost()).isZero();
      assertThat(report.records()).isEqualTo(36 * 4);
      assertThat(report.recordsLost()).isZero();
      assertThat(report.countedBytes()).isPositive().isEqualTo(report.expectedBytes());
    }
  }

  /** A UDP port whose next port is free too (auth and accounting). */
  private static int freePortPair() throws Exception {
    for (int i = 0; i < 100; i++) {
      int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 60_000);
      try (var auth = new java.net.DatagramSocket(port);
          var acct = new java.net.DatagramSocket(port + 1)) {
        return auth.getLocalPort();
      } catch (java.net.SocketException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free UDP port pair");
  }
}
