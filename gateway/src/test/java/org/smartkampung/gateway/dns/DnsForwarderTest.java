package org.smartkampung.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.pipeline.PipelineErrors;
import org.smartkampung.gateway.pipeline.Transport;

/** The forwarder between dig and a real resolver (dnsmasq), all on loopback. */
class DnsForwarderTest {

  private final Map<String, Long> garden = new ConcurrentHashMap<>();
  private final Set<String> online = ConcurrentHashMap.newKeySet();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private Transport transport;
  private DnsForwarder forwarder;
  private Process dnsmasq;
  private InetSocketAddress upstream;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    org.smartkampung.gateway.testing.NetnsLab.requireCommands("dnsmasq", "dig");
    int upstreamPort;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      upstreamPort = probe.getLocalPort();
    }
    dnsmasq =
        new ProcessBuilder(
                "dnsmasq",
                "--no-daemon",
                "--no-resolv",
                "--no-hosts",
                "--bind-interfaces",
                "--listen-address=127.0.0.1",
                "--port=" + upstreamPort,
                "--local-ttl=300",
                "--pid-file=" + dir.resolve("dnsmasq.pid"),
                "--address=/layanan.desa.test/203.0.113.7",
                "--address=/lain.test/203.0.113.8",
                "--txt-record=lain.test,halo")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dnsmasq.log").toFile())
            .start();
    upstream = new InetSocketAddress("127.0.0.1", upstreamPort);
    transport = Transport.create(1);
    forwarder = forwarderTo(List.of(upstream));
    await("dnsmasq answering")
        .atMost(Duration.ofSeconds(10))
        .until(() -> dig("lain.test").equals("203.0.113.8"));
  }

  private DnsForwarder forwarderTo(List<InetSocketAddress> upstreams) throws InterruptedException {
    return DnsForwarder.start(
        transport,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        upstreams,
        new DnsForwarder.Policy(
            new WalledGarden(List.of("desa.test")),
            online::contains,
            new BeforeLogin(
                new WalledGarden(List.of("desa.test")),
                new QueryBudget(5, 0.001, 16, Clock.systemUTC()))),
        (addresses, ttl) -> addresses.forEach(a -> garden.put(a, ttl)),
        Executors.newSingleThreadExecutor(),
        metrics,
        new PipelineErrors("dns", metrics, Clock.systemUTC()),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    if (forwarder != null) {
      forwarder.close();
      transport.close();
    }
    if (dnsmasq != null) {
      dnsmasq.destroy();
      dnsmasq.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private String dig(String name) {
    return dig(name, 2);
  }

  private String dig(String name, int seconds) {
    return CommandRunner.local()
        .run(
            List.of(
                "dig",
                "+short",
                "+time=" + seconds,
                "+tries=1",
                "-p",
                "" + forwarder.port(),
                "@127.0.0.1",
                name))
        .stdout()
        .trim();
  }

  /** The status of dig's answer (NOERROR, REFUSED...), or "NO-ANSWER". */
  private String status(String type, String name) {
    String out =
        CommandRunner.local()
            .run(
                List.of(
                    "dig",
                    "+time=2",
                    "+tries=1",
                    "-p",
                    "" + forwarder.port(),
                    "@127.0.0.1",
                    type,
                    name))
            .stdout();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("status: ([A-Z]+)").matcher(out);
    return m.find() ? m.group(1) : "NO-ANSWER";
  }

  @Test
  void answersComeBackThroughTheForwarderWithoutPipelineErrors() {
    assertThat(dig("lain.test")).isEqualTo("203.0.113.8");
    assertThat(dig("www.layanan.desa.test")).isEqualTo("203.0.113.7");
    // Each query's upstream socket closes after its answer, not in the middle of a read.
    assertThat(metrics.counter("kampung.gateway.pipeline.errors", "listener", "dns").count())
        .isZero();
  }

  @Test
  void beforeLoginOnlyAddressQuestionsAreAnsweredAndOnlyWithinTheBudget() {
    assertThat(status("TXT", "lain.test")).isEqualTo("REFUSED");
    assertThat(status("A", "6b616d70756e672d7465726f.lain.test")).isEqualTo("REFUSED");
    List<String> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(status("A", "lain.test"));
    }
    assertThat(statuses).first().isEqualTo("NOERROR");
    assertThat(statuses).last().isEqualTo("REFUSED");
    assertThat(metrics.counter("kampung.gateway.dns", "result", "refused-budget").count())
        .isPositive();
  }

  @Test
  void afterLoginEveryQuestionIsForwarded() {
    online.add("127.0.0.1");
    assertThat(status("TXT", "lain.test")).isEqualTo("NOERROR");
    assertThat(
            CommandRunner.local()
                .run(
                    List.of(
                        "dig",
                        "+short",
                        "-p",
                        "" + forwarder.port(),
                        "@127.0.0.1",
                        "TXT",
                        "lain.test"))
                .stdout())
        .contains("halo");
  }

  @Test
  void gardenNamesAddTheirAddressesWithTheRecordsTtlBeforeAnswering() {
    assertThat(dig("www.layanan.desa.test")).isEqualTo("203.0.113.7");
    // The answer only leaves after the address was added: no waiting needed.
    assertThat(garden).containsExactly(Map.entry("203.0.113.7", 300L));
  }

  @Test
  void otherNamesAreNotAddedToTheGarden() {
    dig("lain.test");
    assertThat(garden).isEmpty();
  }

  @Test
  void walledGardenMatchesNamesAndTheirSubdomainsOnly() {
    WalledGarden w = new WalledGarden(List.of("Banyuwangikab.go.id."));
    assertThat(w.matches("banyuwangikab.go.id.")).isTrue();
    assertThat(w.matches("www.banyuwangikab.go.id")).isTrue();
    assertThat(w.matches("evilbanyuwangikab.go.id")).isFalse();
    assertThat(w.matches("go.id")).isFalse();
  }

  @Test
  void aResolverThatDoesNotAnswerIsPassedOverForTheNextAndNotAskedFirstAgain() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      forwarder.close();
      online.add("127.0.0.1");
      forwarder =
          forwarderTo(List.of(new InetSocketAddress("127.0.0.1", silent.getLocalPort()), upstream));
      // dig waits longer than one resolver's turn: the answer comes from the second resolver.
      assertThat(dig("lain.test", 5)).isEqualTo("203.0.113.8");
      assertThat(metrics.counter("kampung.gateway.dns", "result", "timeout").count()).isEqualTo(1);
      assertThat(dig("www.layanan.desa.test", 5)).isEqualTo("203.0.113.7");
      assertThat(metrics.counter("kampung.gateway.dns", "result", "timeout").count())
          .as("the silent resolver is not asked first any more")
          .isEqualTo(1);
    }
  }

  @Test
  void aResolverThatRefusesWithPortUnreachableIsPassedOverAtOnce() throws Exception {
    int closedPort;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    forwarder.close();
    forwarder = forwarderTo(List.of(new InetSocketAddress("127.0.0.1", closedPort), upstream));
    assertThat(dig("lain.test", 5)).isEqualTo("203.0.113.8");
    assertThat(metrics.counter("kampung.gateway.dns", "result", "unreachable").count())
        .isEqualTo(1);
    // Passed over on the ICMP error, not after waiting out its turn.
    assertThat(metrics.counter("kampung.gateway.dns", "result", "timeout").count()).isZero();
    assertThat(metrics.counter("kampung.gateway.pipeline.errors", "listener", "dns").count())
        .isZero();
  }
}
