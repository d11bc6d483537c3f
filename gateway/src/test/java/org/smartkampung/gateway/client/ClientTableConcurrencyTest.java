package org.smartkampung.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.gateway.client.AuthorizeResult.Outcome;
import org.smartkampung.gateway.neighbour.NeighbourTable;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;
import org.tinyradius.packet.RadiusPacket;

/**
 * The table's lock never waits on the kernel: a login whose nft and tc commands are slow holds up
 * no other login, poll, lookup or Disconnect, and is invisible until it is wholly admitted. The
 * kernel is {@link FakeEnforcer} (the property is about the table's lock); RADIUS, the session
 * store and the journal are real.
 */
class ClientTableConcurrencyTest {

  private static final String A = "10.5.50.10";
  private static final String B = "10.5.50.11";
  private static final String MAC_A = "02:00:00:00:00:10";
  private static final String MAC_B = "02:00:00:00:00:11";

  private LoopbackRadius radius;
  private EmbeddedSessionStore sessions;
  private final FakeEnforcer kernel = new FakeEnforcer();
  private final ExecutorService logins = Executors.newCachedThreadPool();
  private ClientTable table;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    radius = new LoopbackRadius();
    sessions = new EmbeddedSessionStore(dir.resolve("sessions"));
    table =
        new ClientTable(
            new ClientTable.Parts(
                "kemiren-gw",
                "kemiren",
                kernel,
                radius.client("kemiren-gw"),
                new NeighbourTable(dir.resolve("no-arp"), "cl0"),
                sessions,
                dir.resolve("limits.json"),
                Clock.systemUTC(),
                new SimpleMeterRegistry()));
    table.start(List.of());
  }

  @AfterEach
  void stop() throws Exception {
    logins.shutdownNow();
    radius.close();
  }

  private CompletableFuture<AuthorizeResult> login(String ip, String mac) {
    return CompletableFuture.supplyAsync(
        () -> table.authorize(ip, mac, "warga", "rahasia"), logins);
  }

  /** Runs {@code work} on another thread and insists it ends while the held admission waits. */
  private <T> T completes(java.util.function.Supplier<T> work) {
    CompletableFuture<T> done = CompletableFuture.supplyAsync(work, logins);
    await("not held up by another login's kernel commands")
        .atMost(Duration.ofSeconds(10))
        .until(done::isDone);
    return done.join();
  }

  @Test
  void aLoginWaitingOnTheKernelHoldsUpNoOtherLoginPollLookupOrDisconnect() throws Exception {
    CountDownLatch kernelA = kernel.hold(A);
    CompletableFuture<AuthorizeResult> loginA = login(A, MAC_A);
    assertThat(kernel.awaitHeld(A)).isTrue();

    assertThat(completes(() -> table.authorize(B, MAC_B, "warga", "rahasia")).outcome())
        .isEqualTo(Outcome.ACCEPTED);
    completes(
        () -> {
          table.poll();
          return true;
        });
    // A is half-admitted: nobody sees it, so no poll or Disconnect can end it.
    assertThat(completes(() -> table.find(A))).isEmpty();
    assertThat(completes(() -> table.all())).extracting(ClientSession::ip).containsExactly(B);
    assertThat(completes(() -> table.isOnline(A))).isFalse();
    assertThat(completes(() -> table.disconnect(c -> true, TerminateCause.ADMIN_RESET)))
        .isEqualTo(1);

    kernelA.countDown();
    assertThat(loginA.get().outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(table.find(A)).isPresent();
    assertThat(table.isOnline(A)).isTrue();
    assertThat(kernel.admitted()).containsOnlyKeys(A);
    assertThat(kernel.violations).isEmpty();
  }

  @Test
  void twoLoginsForOneAddressAtOnceEndWithOneSessionAndOneStopForTheOld() throws Exception {
    assertThat(table.authorize(A, MAC_A, "warga", "rahasia").outcome()).isEqualTo(Outcome.ACCEPTED);
    String old = table.find(A).orElseThrow().acctSessionId();

    CountDownLatch kernelA = kernel.hold(A);
    CompletableFuture<AuthorizeResult> first = login(A, MAC_A);
    assertThat(kernel.awaitHeld(A)).isTrue();
    CompletableFuture<AuthorizeResult> second = login(A, MAC_A);
    kernelA.countDown();
    assertThat(first.get().outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(second.get().outcome()).isEqualTo(Outcome.ACCEPTED);

    assertOneSessionFor(A, 3);
    assertThat(radius.accounting(old)).containsExactly("Start", "Stop");
  }

  @Test
  void manyLoginsForOneAddressAtOnceLeaveOneSessionInTableStoreAndKernel() throws Exception {
    List<CompletableFuture<AuthorizeResult>> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      all.add(login(A, MAC_A));
    }
    for (CompletableFuture<AuthorizeResult> f : all) {
      assertThat(f.get().outcome()).isEqualTo(Outcome.ACCEPTED);
    }
    assertOneSessionFor(A, 8);
  }

  @Test
  void aLoginWaitsForTheReleaseOfItsAddressesEndingSessionNotForOthers() throws Exception {
    assertThat(table.authorize(A, MAC_A, "warga", "rahasia").outcome()).isEqualTo(Outcome.ACCEPTED);
    String old = table.find(A).orElseThrow().acctSessionId();
    CountDownLatch releaseA = kernel.holdRelease(A);
    CompletableFuture<Integer> kick =
        CompletableFuture.supplyAsync(
            () -> table.disconnect(c -> c.ip().equals(A), TerminateCause.ADMIN_RESET), logins);
    assertThat(kernel.awaitReleaseHeld(A)).isTrue();

    CompletableFuture<AuthorizeResult> again = login(A, MAC_A);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                radius.types().stream().filter(t -> t == RadiusPacket.ACCESS_REQUEST).count() == 2);
    // Another address and the lookups are not held up by A's slow release.
    assertThat(completes(() -> table.authorize(B, MAC_B, "warga", "rahasia")).outcome())
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(completes(() -> table.find(A))).isEmpty();

    releaseA.countDown();
    assertThat(kick.get()).isEqualTo(1);
    assertThat(again.get().outcome()).isEqualTo(Outcome.ACCEPTED);
    // Had the new login not waited, its admit would have come while the old one was still in.
    assertThat(kernel.violations).isEmpty();
    assertThat(kernel.admitted()).containsOnlyKeys(A, B);
    assertThat(kernel.admitted().get(A)).isNotEqualTo(old);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> radius.accounting(old).equals(List.of("Start", "Stop")));
  }

  /**
   * Exactly one session for {@code ip} in the table, the kernel and the store; every replaced one
   * got its Start and then exactly one Stop, the survivor only its Start.
   */
  private void assertOneSessionFor(String ip, int admits) {
    List<ClientSession> live = table.all();
    assertThat(live).hasSize(1);
    String winner = live.get(0).acctSessionId();
    assertThat(kernel.admitted()).containsExactlyEntriesOf(java.util.Map.of(ip, winner));
    assertThat(kernel.violations).isEmpty();
    assertThat(sessions.listByNas("kemiren-gw"))
        .extracting(s -> s.acctSessionId())
        .containsExactly(winner);
    assertThat(kernel.admits).hasSize(admits);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              for (String id : kernel.admits) {
                assertThat(radius.accounting(id))
                    .as("accounting of %s", id)
                    .containsExactlyElementsOf(
                        id.equals(winner) ? List.of("Start") : List.of("Start", "Stop"));
              }
            });
  }
}
