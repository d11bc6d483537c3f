package org.smartkampung.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.gateway.client.AuthorizeResult.Outcome;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.firewall.Firewall;
import org.smartkampung.gateway.firewall.NftRuleset;
import org.smartkampung.gateway.neighbour.NeighbourTable;
import org.smartkampung.gateway.radius.RadiusClient;
import org.smartkampung.gateway.shaping.TcShaper;
import org.tinyradius.packet.RadiusPacket;

/**
 * A failing nft or tc leaves the client captive, with no session and no accounting: never a
 * half-open firewall. RADIUS is a small loopback responder built on the same tinyradius codec.
 */
class ClientTableTest {

  private static final String SECRET = "rahasia-uji";
  // "true" and "false" stand in for nft and tc: they accept or refuse every batch.
  private static final CommandRunner WORKS = new CommandRunner(List.of("true"));
  private static final CommandRunner FAILS = new CommandRunner(List.of("false"));

  private DatagramSocket radius;
  private final List<Integer> received = new CopyOnWriteArrayList<>();
  private Thread responder;
  private EmbeddedSessionStore sessions;
  private Path dir;

  @BeforeEach
  void startRadius(@TempDir Path dir) throws Exception {
    this.dir = dir;
    sessions = new EmbeddedSessionStore(dir.resolve("sessions"));
    radius = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    responder = new Thread(this::answer, "radius-responder");
    responder.start();
  }

  @AfterEach
  void stop() throws Exception {
    radius.close();
    responder.join(2000);
  }

  /** Accepts every Access-Request, answers every Accounting-Request. */
  private void answer() {
    byte[] buffer = new byte[4096];
    while (true) {
      DatagramPacket in = new DatagramPacket(buffer, buffer.length);
      try {
        radius.receive(in);
        RadiusPacket request =
            RadiusPacket.decodeRequestPacket(
                new ByteArrayInputStream(Arrays.copyOf(in.getData(), in.getLength())), SECRET);
        received.add(request.getPacketType());
        int code =
            request.getPacketType() == RadiusPacket.ACCESS_REQUEST
                ? RadiusPacket.ACCESS_ACCEPT
                : RadiusPacket.ACCOUNTING_RESPONSE;
        RadiusPacket reply = new RadiusPacket(code, request.getPacketIdentifier());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reply.encodeResponsePacket(out, SECRET, request);
        radius.send(new DatagramPacket(out.toByteArray(), out.size(), in.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (Exception e) {
        // a packet we cannot read: ignore, as a server would
      }
    }
  }

  private ClientTable table(CommandRunner nft, CommandRunner tc) {
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", radius.getLocalPort());
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
            new RadiusClient(
                server,
                server,
                SECRET,
                new RadiusClient.NasIdentity("kemiren-gw", null, "kemiren-gw"),
                1000,
                2),
            new NeighbourTable(dir.resolve("no-arp"), "cl0"),
            sessions,
            dir.resolve("limits.json"),
            Clock.systemUTC(),
            new SimpleMeterRegistry()));
  }

  @Test
  void acceptedLoginIsRecordedAndStarted() {
    ClientTable table = table(WORKS, WORKS);
    AuthorizeResult result = table.authorize("10.5.50.9", "02:00:00:00:00:09", "tok", "rahasia");
    assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(table.find("10.5.50.9")).isPresent();
    assertThat(sessions.listByNas("kemiren-gw")).hasSize(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> received.contains(RadiusPacket.ACCOUNTING_REQUEST));
  }

  @Test
  void loginWithoutAKnownMacIsRefused() {
    ClientTable table = table(WORKS, WORKS);
    AuthorizeResult result = table.authorize("10.5.50.9", "", "tok", "rahasia");
    assertThat(result.outcome()).isEqualTo(Outcome.WRONG_DEVICE);
    assertThat(table.find("10.5.50.9")).isEmpty();
    assertThat(received).isEmpty();
  }

  @Test
  void aSavedSessionWithoutMacEndsWithAStopAtStart() {
    java.time.Instant then = java.time.Instant.now().minusSeconds(60);
    sessions.put(
        new org.smartkampung.core.session.Session(
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
    ClientTable table = table(WORKS, WORKS);
    table.start(List.of());
    assertThat(table.find("10.5.50.9")).isEmpty();
    assertThat(sessions.listByNas("kemiren-gw")).isEmpty();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> received.contains(RadiusPacket.ACCOUNTING_REQUEST));
  }

  @Test
  void failingNftLeavesTheClientCaptiveWithoutSessionOrAccounting() {
    ClientTable table = table(FAILS, WORKS);
    AuthorizeResult result = table.authorize("10.5.50.9", "02:00:00:00:00:09", "tok", "rahasia");
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(table.find("10.5.50.9")).isEmpty();
    assertThat(sessions.listByNas("kemiren-gw")).isEmpty();
    assertThat(received).containsExactly(RadiusPacket.ACCESS_REQUEST);
  }

  @Test
  void failingTcLeavesTheClientCaptiveWithoutSessionOrAccounting() {
    ClientTable table = table(WORKS, FAILS);
    AuthorizeResult result = table.authorize("10.5.50.9", "02:00:00:00:00:09", "tok", "rahasia");
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(table.find("10.5.50.9")).isEmpty();
    assertThat(sessions.listByNas("kemiren-gw")).isEmpty();
    assertThat(received).containsExactly(RadiusPacket.ACCESS_REQUEST);
  }
}
