package org.smartkampung.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.gateway.client.AuthorizeResult.Outcome;
import org.smartkampung.gateway.neighbour.NeighbourTable;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;

/**
 * The table's own durable state: a login is on disk before it is answered, the snapshot is written
 * at most once per poll, and a restart after a crash lets a villager through again only with the
 * limits RADIUS gave them.
 */
class ClientTableJournalTest {

  private static final String IP = "10.5.50.9";
  private static final String MAC = "02:00:00:00:00:09";

  private LoopbackRadius radius;
  private EmbeddedSessionStore sessions;
  private Path dir;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    radius = new LoopbackRadius();
    sessions = new EmbeddedSessionStore(dir.resolve("sessions"));
  }

  @AfterEach
  void stop() throws Exception {
    radius.close();
  }

  private ClientTable table(FakeEnforcer kernel, MeterRegistry metrics) {
    ClientTable table =
        new ClientTable(
            new ClientTable.Parts(
                "kemiren-gw",
                "kemiren",
                kernel,
                radius.client("kemiren-gw"),
                new NeighbourTable(dir.resolve("no-arp"), "cl0"),
                sessions,
                dir.resolve("gateway-kemiren-gw-limits.json"),
                Clock.systemUTC(),
                metrics));
    table.start(List.of());
    return table;
  }

  private static double snapshots(MeterRegistry metrics) {
    return metrics.counter("kampung.gateway.journal.snapshots").count();
  }

  private long journalFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).count();
    }
  }

  @Test
  void loginsAndEndsOfOnePollWriteTheSnapshotOnce() throws Exception {
    MeterRegistry metrics = new SimpleMeterRegistry();
    ClientTable table = table(new FakeEnforcer(), metrics);
    double atStart = snapshots(metrics);
    for (int i = 0; i < 6; i++) {
      String ip = "10.5.50." + (20 + i);
      assertThat(table.authorize(ip, "02:00:00:00:00:" + (20 + i), "warga", "rahasia").outcome())
          .isEqualTo(Outcome.ACCEPTED);
    }
    table.disconnect(c -> c.ip().equals("10.5.50.20"), TerminateCause.ADMIN_RESET);
    table.change(c -> c.ip().equals("10.5.50.21"), limits(7200));
    table.disconnect(c -> c.ip().equals("10.5.50.22"), TerminateCause.ADMIN_RESET);
    // disconnect polls for the final counters: each of those polls wrote what changed by then.
    double beforePoll = snapshots(metrics);
    assertThat(beforePoll - atStart).isEqualTo(2);

    for (int i = 0; i < 5; i++) {
      String ip = "10.5.50." + (40 + i);
      table.authorize(ip, "02:00:00:00:00:" + (40 + i), "warga", "rahasia");
    }
    table.change(c -> true, limits(5400));
    assertThat(snapshots(metrics)).as("no snapshot per login or CoA").isEqualTo(beforePoll);

    table.poll();
    assertThat(snapshots(metrics)).isEqualTo(beforePoll + 1);
    table.poll();
    assertThat(snapshots(metrics)).as("nothing changed, nothing written").isEqualTo(beforePoll + 1);
    // The journal holds at most one file: what the last snapshot covers is deleted.
    assertThat(journalFiles()).isLessThanOrEqualTo(1);
    String snapshot =
        Files.readString(dir.resolve("gateway-kemiren-gw-limits.json"), StandardCharsets.UTF_8);
    assertThat(snapshot).contains("10.5.50.44").doesNotContain("10.5.50.20");
  }

  @Test
  void aCrashRightAfterALoginRestoresTheSessionWithItsLimits() {
    ClientTable before = table(new FakeEnforcer(), new SimpleMeterRegistry());
    assertThat(before.authorize(IP, MAC, "warga", "rahasia").outcome()).isEqualTo(Outcome.ACCEPTED);
    ClientSession admitted = before.find(IP).orElseThrow();

    // No close(), no poll: a new table over the same files, as after a power cut.
    FakeEnforcer kernel = new FakeEnforcer();
    ClientTable after = table(kernel, new SimpleMeterRegistry());

    ClientSession restored = after.find(IP).orElseThrow();
    assertThat(restored.acctSessionId()).isEqualTo(admitted.acctSessionId());
    assertThat(restored.username()).isEqualTo("warga");
    assertThat(restored.mac()).isEqualTo(MAC);
    assertLimits(restored.limits());
    assertThat(kernel.admitted()).containsEntry(IP, admitted.acctSessionId());
  }

  /** The store is a mirror: a login it missed (a Redis outage, say) is restored and shown again. */
  @Test
  void aLoginTheStoreLostIsRestoredFromTheJournalAndStoredAgain() {
    ClientTable before = table(new FakeEnforcer(), new SimpleMeterRegistry());
    before.authorize(IP, MAC, "warga", "rahasia");
    String id = before.find(IP).orElseThrow().acctSessionId();
    sessions.remove("kemiren-gw/" + id);

    ClientTable after = table(new FakeEnforcer(), new SimpleMeterRegistry());
    assertLimits(after.find(IP).orElseThrow().limits());
    assertThat(sessions.listByNas("kemiren-gw"))
        .extracting(Session::acctSessionId)
        .containsExactly(id);
  }

  @Test
  void aCoaSurvivesACrash() {
    ClientTable before = table(new FakeEnforcer(), new SimpleMeterRegistry());
    before.authorize(IP, MAC, "warga", "rahasia");
    assertThat(before.change(c -> true, limits(600))).isEqualTo(1);

    ClientTable after = table(new FakeEnforcer(), new SimpleMeterRegistry());
    assertThat(after.find(IP).orElseThrow().limits().sessionTimeoutSeconds()).isEqualTo(600);
  }

  @Test
  void aSessionEndedBeforeACrashStaysEnded() {
    ClientTable before = table(new FakeEnforcer(), new SimpleMeterRegistry());
    before.authorize(IP, MAC, "warga", "rahasia");
    assertThat(before.disconnect(c -> true, TerminateCause.ADMIN_RESET)).isEqualTo(1);

    ClientTable after = table(new FakeEnforcer(), new SimpleMeterRegistry());
    assertThat(after.all()).isEmpty();
  }

  /**
   * The old table restored a stored session it had no limits for with none at all: a quota bypass
   * after a crash between the store write and the limits file. Such a session now ends.
   */
  @Test
  void aStoredSessionTheJournalDoesNotKnowEndsInsteadOfGoingOnWithoutLimits() {
    Instant then = Instant.now().minusSeconds(60);
    sessions.put(
        new Session(
            "kemiren-gw/abc123",
            "kemiren",
            "warga",
            MAC,
            "kemiren-gw",
            "",
            "abc123",
            IP,
            then,
            then,
            100,
            200,
            0));
    FakeEnforcer kernel = new FakeEnforcer();
    ClientTable table = table(kernel, new SimpleMeterRegistry());

    assertThat(table.find(IP)).isEmpty();
    assertThat(kernel.admitted()).isEmpty();
    assertThat(sessions.listByNas("kemiren-gw")).isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> radius.accounting("abc123").contains("Stop"));
  }

  @Test
  void aLimitsFileFromBeforeTheJournalStillRestoresItsSessions() throws Exception {
    Instant then = Instant.now().minusSeconds(60);
    sessions.put(
        new Session(
            "kemiren-gw/abc123",
            "kemiren",
            "warga",
            MAC,
            "kemiren-gw",
            "",
            "abc123",
            IP,
            then,
            then,
            100,
            200,
            0));
    Files.writeString(
        dir.resolve("gateway-kemiren-gw-limits.json"),
        "{\"abc123\":{\"username\":\"warga\",\"limits\":{\"accepted\":true,\"replyMessage\":\"\","
            + "\"sessionTimeoutSeconds\":3600,\"idleTimeoutSeconds\":900,"
            + "\"interimIntervalSeconds\":0,\"downKbps\":2000,\"upKbps\":0,"
            + "\"maxTotalBytes\":50000000,\"maxDownBytes\":0,\"maxUpBytes\":0,"
            + "\"classValue\":\"a2VsYXMtdWpp\"}}}",
        StandardCharsets.UTF_8);
    ClientTable table = table(new FakeEnforcer(), new SimpleMeterRegistry());

    ClientSession restored = table.find(IP).orElseThrow();
    assertLimits(restored.limits());
    assertThat(restored.upBytes()).isEqualTo(200);
    assertThat(restored.downBytes()).isEqualTo(100);
  }

  private static void assertLimits(AccessReply limits) {
    assertThat(limits.sessionTimeoutSeconds()).isEqualTo(LoopbackRadius.SESSION_TIMEOUT_SECONDS);
    assertThat(limits.idleTimeoutSeconds()).isEqualTo(LoopbackRadius.IDLE_TIMEOUT_SECONDS);
    assertThat(limits.downKbps()).isEqualTo(LoopbackRadius.DOWN_KBPS);
    assertThat(limits.maxTotalBytes()).isEqualTo(LoopbackRadius.MAX_TOTAL_BYTES);
    assertThat(new String(limits.classValue(), StandardCharsets.UTF_8)).isEqualTo("kelas-uji");
  }

  private static AccessReply limits(long sessionTimeoutSeconds) {
    return new AccessReply(true, "", sessionTimeoutSeconds, 0, 0, 0, 0, 0, 0, 0, new byte[0]);
  }
}
