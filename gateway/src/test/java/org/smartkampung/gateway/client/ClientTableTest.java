package org.smartkampung.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.gateway.client.AuthorizeResult.Outcome;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.firewall.Firewall;
import org.smartkampung.gateway.firewall.NftRuleset;
import org.smartkampung.gateway.neighbour.NeighbourTable;
import org.smartkampung.gateway.shaping.TcShaper;
import org.tinyradius.packet.RadiusPacket;

/**
 * A failing nft or tc leaves the client captive, with no session and no accounting: never a
 * half-open firewall. RADIUS is a small loopback responder built on the same tinyradius codec.
 */
class ClientTableTest {

  private LoopbackRadius radius;
  private EmbeddedSessionStore sessions;
  private Path dir;

  @BeforeEach
  void startRadius(@TempDir Path dir) throws Exception {
    this.dir = dir;
    sessions = new EmbeddedSessionStore(dir.resolve("sessions"));
    radius = new LoopbackRadius();
  }

  @AfterEach
  void stop() throws Exception {
    radius.close();
  }

  /**
   * Stands in for nft or tc: accepts every batch until {@link #fail} is called, then refuses every
   * one (so a table can start, then meet a kernel that refuses a login).
   */
  private record Switch(Path failFlag) {
    CommandRunner runner() {
      return new CommandRunner(List.of("sh", "-c", "test ! -e \"$0\"", failFlag.toString()));
    }

    void fail() throws Exception {
      Files.createFile(failFlag);
    }
  }

  private ClientTable table(CommandRunner nft, CommandRunner tc, Path limitsFile) {
    return new ClientTable(
        new ClientTable.Parts(
            "kemiren-gw",
            "kemiren",
            new KernelEnforcer(
                new Firewall(
                    new NftRuleset(
                        "t",
                        "cl0",
                        null,
                        "10.5.50.0/24",
                        null,
                        8002,
                        53,
                        List.of(),
                        NftRuleset.WEB_PORTS),
                    nft),
                new TcShaper("cl0", 50_000, 20_000, tc)),
            radius.client("kemiren-gw"),
            new NeighbourTable(dir.resolve("no-arp"), "cl0"),
            sessions,
            limitsFile,
            Clock.systemUTC(),
            new SimpleMeterRegistry()));
  }

  private ClientTable table(CommandRunner nft, CommandRunner tc) {
    return table(nft, tc, dir.resolve("limits.json"));
  }

  private static CommandRunner works() {
    return new CommandRunner(List.of("true"));
  }

  @Test
  void acceptedLoginIsRecordedAndStarted() {
    ClientTable table = table(works(), works());
    table.start(List.of());
    AuthorizeResult result = table.authorize("10.5.50.9", "02:00:00:00:00:09", "tok", "rahasia");
    assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(table.find("10.5.50.9")).isPresent();
    assertThat(sessions.listByNas("kemiren-gw")).hasSize(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> radius.types().contains(RadiusPacket.ACCOUNTING_REQUEST));
  }

  @Test
  void loginWithoutAKnownMacIsRefused() {
    ClientTable table = table(works(), works());
    table.start(List.of());
    AuthorizeResult result = table.authorize("10.5.50.9", "", "tok", "rahasia");
    assertThat(result.outcome()).isEqualTo(Outcome.WRONG_DEVICE);
    assertThat(table.find("10.5.50.9")).isEmpty();
    assertThat(radius.types()).isEmpty();
  }

  @Test
  void aSavedSessionWithoutMacEndsWithAStopAtStart() {
    Instant then = Instant.now().minusSeconds(60);
    sessions.put(
        new Session(
            "kemiren-gw/abc123",
            "kemiren",
            "warga",
            "",
            "kemiren-gw",
            "",
            "abc123",
            "10.5.50.9",
            then,
            then,
            100,
            200,
            0));
    ClientTable table = table(works(), works());
    table.start(List.of());
    assertThat(table.find("10.5.50.9")).isEmpty();
    assertThat(sessions.listByNas("kemiren-gw")).isEmpty();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> radius.types().contains(RadiusPacket.ACCOUNTING_REQUEST));
  }

  @Test
  void failingNftLeavesTheClientCaptiveWithoutSessionOrAccounting() throws Exception {
    Switch nft = new Switch(dir.resolve("nft-fails"));
    ClientTable table = table(nft.runner(), works());
    table.start(List.of());
    nft.fail();
    AuthorizeResult result = table.authorize("10.5.50.9", "02:00:00:00:00:09", "tok", "rahasia");
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertNothingLeft(table);
  }

  @Test
  void failingTcLeavesTheClientCaptiveWithoutSessionOrAccounting() throws Exception {
    Switch tc = new Switch(dir.resolve("tc-fails"));
    ClientTable table = table(works(), tc.runner());
    table.start(List.of());
    tc.fail();
    AuthorizeResult result = table.authorize("10.5.50.9", "02:00:00:00:00:09", "tok", "rahasia");
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertNothingLeft(table);
  }

  private void assertNothingLeft(ClientTable table) {
    assertThat(table.find("10.5.50.9")).isEmpty();
    assertThat(sessions.listByNas("kemiren-gw")).isEmpty();
    assertThat(radius.types()).containsExactly(RadiusPacket.ACCESS_REQUEST);
    // Nor in the journal: a restart lets nobody through.
    ClientTable restarted = table(works(), works());
    restarted.start(List.of());
    assertThat(restarted.all()).isEmpty();
  }

  /**
   * The old limits file failed silently: the login was let through, and after a restart the session
   * came back with no limits at all. A gateway that cannot journal refuses to start, and a login it
   * cannot journal is refused.
   */
  @Test
  void aGatewayThatCannotJournalLetsNobodyThrough() throws Exception {
    Path notADirectory = Files.createFile(dir.resolve("a-file"));
    ClientTable table = table(works(), works(), notADirectory.resolve("limits.json"));
    assertThatThrownBy(() -> table.start(List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("journal");
    AuthorizeResult result = table.authorize("10.5.50.9", "02:00:00:00:00:09", "tok", "rahasia");
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(table.find("10.5.50.9")).isEmpty();
    assertThat(sessions.listByNas("kemiren-gw")).isEmpty();
  }
}
