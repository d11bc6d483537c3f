package org.smartkampung.gateway.radsec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.gateway.client.ClientTable;
import org.smartkampung.gateway.client.KernelEnforcer;
import org.smartkampung.gateway.dac.DynamicAuthorization;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.firewall.Firewall;
import org.smartkampung.gateway.firewall.NftRuleset;
import org.smartkampung.gateway.neighbour.NeighbourTable;
import org.smartkampung.gateway.pipeline.Transport;
import org.smartkampung.gateway.radius.AccountingRecord;
import org.smartkampung.gateway.radius.RadiusClient;
import org.smartkampung.gateway.testing.NetnsLab;

/**
 * The gateway's RadSec client against a TLS server on loopback with certificates made by openssl:
 * one connection for many requests answered out of order, replies that do not match dropped, the
 * server's Disconnect-Request answered on the same connection, Status-Server when idle, and a
 * reconnect after the server drops the connection.
 */
class RadSecClientTest {

  private static final byte[] SECRET = "radsec".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final ExecutorService blocking = Executors.newFixedThreadPool(8);
  private Transport transport;
  private TestServer server;
  private RadSecClient radSec;

  @BeforeEach
  void start() throws Exception {
    NetnsLab.requireCommands("openssl");
    pki();
    transport = Transport.create(1);
    server = new TestServer(serverContext());
  }

  @AfterEach
  void stop() throws Exception {
    if (radSec != null) {
      radSec.close();
    }
    if (server != null) {
      server.close();
    }
    if (transport != null) {
      transport.close();
    }
    blocking.shutdownNow();
  }

  private void openssl(String script) {
    CommandRunner.Result r =
        CommandRunner.local().run(List.of("sh", "-c", "cd " + dir + " && " + script));
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }

  /** A CA, a server certificate for 127.0.0.1 and the gateway's client certificate, EC P-256. */
  private void pki() {
    String ec = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
    openssl(
        "openssl req -x509 "
            + ec
            + " -keyout ca.key -out ca.pem -days 2 -subj /CN=Uji-CA"
            + " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign,cRLSign"
            + " 2>/dev/null");
    for (String who : new String[] {"server", "kemiren-gw"}) {
      String ext =
          who.equals("server")
              ? "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth"
              : "extendedKeyUsage=clientAuth";
      openssl(
          "openssl req "
              + ec
              + " -keyout "
              + who
              + ".p8 -out "
              + who
              + ".csr -subj /CN="
              + who
              + " 2>/dev/null && printf '"
              + ext
              + "\\n' > "
              + who
              + ".ext && openssl x509 -req -in "
              + who
              + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile "
              + who
              + ".ext -out "
              + who
              + ".pem 2>/dev/null && openssl pkcs8 -topk8 -nocrypt -in "
              + who
              + ".p8 -out "
              + who
              + ".key && openssl pkcs12 -export -passout pass:uji -inkey "
              + who
              + ".key -in "
              + who
              + ".pem -out "
              + who
              + ".p12");
    }
  }

  private SSLContext serverContext() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, "uji".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "uji".toCharArray());
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (var in = java.nio.file.Files.newInputStream(dir.resolve("ca.pem"))) {
      trust.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private RadSecClient client(int timeoutMillis, int keepaliveSeconds) {
    radSec =
        RadSecClient.start(
            new RadSecClient.Settings(
                "127.0.0.1",
                server.port(),
                dir.resolve("kemiren-gw.pem").toString(),
                dir.resolve("kemiren-gw.key").toString(),
                dir.resolve("ca.pem").toString(),
                timeoutMillis,
                keepaliveSeconds,
                1),
            transport,
            blocking,
            metrics,
            Clock.systemUTC());
    return radSec;
  }

  private static AccountingRecord interim(String sessionId) {
    return new AccountingRecord(
        AccountingRecord.Status.INTERIM_UPDATE,
        "warga",
        sessionId,
        "10.5.50.9",
        "02:00:00:00:00:09",
        new byte[0],
        60,
        1000,
        2000,
        null,
        1_772_366_400L);
  }

  private static byte[] answer(byte[] request, int code) {
    return PacketCodec.encodeResponse(
        code, request[1] & 0xff, Arrays.copyOfRange(request, 4, 20), List.of(), SECRET, false);
  }

  @Test
  void manyRequestsInFlightOnOneConnectionAreMatchedWhenAnsweredOutOfOrder() throws Exception {
    RadiusClient radius =
        new RadiusClient(
            client(10_000, 600), new RadiusClient.NasIdentity("kemiren-gw", null, "kemiren-gw"));
    List<Future<?>> calls = new ArrayList<>();
    ExecutorService callers = Executors.newFixedThreadPool(20);
    try {
      for (int i = 0; i < 20; i++) {
        String session = "s" + i;
        calls.add(
            callers.submit(
                () -> {
                  radius.account(interim(session));
                  return null;
                }));
      }
      List<byte[]> requests = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        requests.add(server.requests.poll(10, TimeUnit.SECONDS));
      }
      assertThat(requests).doesNotContainNull();
      assertThat(requests.stream().map(r -> r[1]).distinct()).hasSize(20);
      Collections.reverse(requests);
      for (byte[] request : requests) {
        server.send(answer(request, RadiusCode.ACCOUNTING_RESPONSE));
      }
      for (Future<?> call : calls) {
        call.get(10, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(server.connections).hasSize(1);
  }

  @Test
  void aReplyWithABadAuthenticatorIsDroppedAndTheRequestFailsAtItsTimeout() throws Exception {
    RadiusClient radius =
        new RadiusClient(
            client(1500, 600), new RadiusClient.NasIdentity("kemiren-gw", null, "kemiren-gw"));
    Future<IOException> call =
        blocking.submit(
            () -> catchThrowableOfType(IOException.class, () -> radius.account(interim("s1"))));
    byte[] request = server.requests.poll(10, TimeUnit.SECONDS);
    byte[] forged = answer(request, RadiusCode.ACCOUNTING_RESPONSE);
    forged[4] ^= 1;
    server.send(forged);

    assertThat(call.get(10, TimeUnit.SECONDS)).hasMessageContaining("no reply");
    assertThat(
            metrics
                .counter("kampung.gateway.radsec.dropped", "reason", "bad-authenticator")
                .count())
        .isEqualTo(1);
  }

  @Test
  void theServersDisconnectRequestIsAnsweredOnTheSameConnection() throws Exception {
    RadSecClient client = client(5000, 600);
    EmbeddedSessionStore sessions = new EmbeddedSessionStore(dir.resolve("sessions"));
    CommandRunner works = new CommandRunner(List.of("true"));
    ClientTable table =
        new ClientTable(
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
                        works),
                    null),
                new RadiusClient(client, new RadiusClient.NasIdentity("kemiren-gw", null, "gw")),
                new NeighbourTable(dir.resolve("no-arp"), "cl0"),
                sessions,
                dir.resolve("limits.json"),
                Clock.systemUTC(),
                metrics));
    client.onDynamicRequests(new DynamicAuthorization(RadSecClient.SECRET, table, metrics));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.connectedSince().isPresent());

    byte[] disconnect =
        PacketCodec.encodeRequest(
            RadiusCode.DISCONNECT_REQUEST,
            77,
            List.of(
                new org.smartkampung.codec.Attributes(
                        org.smartkampung.codec.RadiusDictionary.load())
                    .text("Acct-Session-Id", "tidak-ada")),
            SECRET,
            true);
    server.send(disconnect);

    byte[] reply = server.requests.poll(10, TimeUnit.SECONDS);
    assertThat(reply).isNotNull();
    assertThat(reply[0] & 0xff).as("Disconnect-NAK").isEqualTo(RadiusCode.DISCONNECT_NAK);
    assertThat(reply[1] & 0xff).isEqualTo(77);
    assertThat(
            PacketCodec.hasValidResponseAuthenticator(
                reply, Arrays.copyOfRange(disconnect, 4, 20), SECRET))
        .isTrue();
    assertThat(server.connections).hasSize(1);
  }

  @Test
  void statusServerKeepsAnIdleConnectionAndADroppedOneIsReconnected() throws Exception {
    RadSecClient client = client(5000, 1);
    byte[] keepalive = server.requests.poll(10, TimeUnit.SECONDS);
    assertThat(keepalive).isNotNull();
    assertThat(keepalive[0] & 0xff).isEqualTo(RadiusCode.STATUS_SERVER);
    server.send(answer(keepalive, RadiusCode.ACCESS_ACCEPT));

    server.dropConnections();
    await("reconnected")
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.connections.size() == 2 && client.connectedSince().isPresent());
    RadiusClient radius =
        new RadiusClient(client, new RadiusClient.NasIdentity("kemiren-gw", null, "kemiren-gw"));
    Future<?> call =
        blocking.submit(
            () -> {
              radius.account(interim("s2"));
              return null;
            });
    byte[] request;
    while (true) {
      request = server.requests.poll(10, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      if ((request[0] & 0xff) == RadiusCode.ACCOUNTING_REQUEST) {
        break;
      }
      server.send(answer(request, RadiusCode.ACCESS_ACCEPT)); // a keepalive meanwhile
    }
    server.send(answer(request, RadiusCode.ACCOUNTING_RESPONSE));
    call.get(10, TimeUnit.SECONDS);
  }

  /** A RadSec server for one client at a time: queues what arrives, sends what the test says. */
  private static final class TestServer implements AutoCloseable {
    final BlockingQueue<byte[]> requests = new LinkedBlockingQueue<>();
    final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final SSLServerSocket socket;
    private final Thread acceptor;

    TestServer(SSLContext context) throws IOException {
      socket =
          (SSLServerSocket)
              context
                  .getServerSocketFactory()
                  .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
      socket.setNeedClientAuth(true);
      socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      acceptor = new Thread(this::accept, "radsec-test-server");
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          connections.add(s);
          Thread reader = new Thread(() -> read(s), "radsec-test-reader");
          reader.setDaemon(true);
          reader.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void read(Socket s) {
      try {
        DataInputStream in = new DataInputStream(s.getInputStream());
        while (true) {
          byte[] header = new byte[4];
          in.readFully(header);
          int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
          byte[] packet = Arrays.copyOf(header, length);
          in.readFully(packet, 4, length - 4);
          requests.add(packet);
        }
      } catch (IOException e) {
        // closed
      }
    }

    /** Writes a frame on the newest connection. */
    synchronized void send(byte[] packet) throws IOException {
      OutputStream out = connections.get(connections.size() - 1).getOutputStream();
      out.write(packet);
      out.flush();
    }

    void dropConnections() throws IOException {
      for (Socket s : connections) {
        s.close();
      }
    }

    @Override
    public void close() throws Exception {
      socket.close();
      dropConnections();
      acceptor.join(2000);
    }
  }
}
