package org.smartkampung.bench.radius;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusDictionary;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * RadSec (RFC 6614) load generator: CONNECTIONS TLS connections with a hotspot's client
 * certificate, each keeping WINDOW PAP Access-Requests (secret {@code radsec}, fresh authenticator
 * each) in flight; every answer's response authenticator is checked. Prints {@code mode=radsec
 * rps=.. p50_ms=.. p99_ms=.. ok=.. bad=..}.
 *
 * <pre>
 * RadSecLoad HOST PORT CA_PEM CERT_PEM KEY_PEM USER PASSWORD CONNECTIONS WINDOW SECONDS
 * </pre>
 */
public final class RadSecLoad {

  private static final byte[] SECRET = "radsec".getBytes(StandardCharsets.US_ASCII);

  public static void main(String[] args) throws Exception {
    if (args.length != 10) {
      System.err.println(
          "usage: RadSecLoad HOST PORT CA_PEM CERT_PEM KEY_PEM USER PASSWORD CONNECTIONS WINDOW"
              + " SECONDS");
      System.exit(2);
    }
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    SSLContext tls = context(Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
    String user = args[5];
    String password = args[6];
    int connections = Integer.parseInt(args[7]);
    int window = Math.min(200, Integer.parseInt(args[8]));
    long seconds = Long.parseLong(args[9]);
    Attributes attributes = new Attributes(RadiusDictionary.load());
    AtomicLong ok = new AtomicLong();
    AtomicLong bad = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<SSLSocket> sockets = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
      socket.connect(server, 5000);
      socket.setTcpNoDelay(true);
      socket.startHandshake();
      sockets.add(socket);
    }
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
    for (int c = 0; c < connections; c++) {
      SSLSocket socket = sockets.get(c);
      Connection connection =
          new Connection(socket, window, attributes, user, password, deadline, ok, bad);
      latencies.add(connection.latencies);
      for (Runnable part : List.<Runnable>of(connection::write, connection::read)) {
        Thread thread = new Thread(part, "radsec-load-" + c);
        thread.start();
        threads.add(thread);
      }
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (deadline - started) / 1e9; // answers after the deadline are not counted
    long[] all =
        latencies.stream()
            .flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0))
            .sorted()
            .toArray();
    System.out.printf(
        Locale.ROOT,
        "mode=radsec connections=%d window=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f ok=%d bad=%d%n",
        connections,
        window,
        ok.get() / elapsed,
        percentile(all, 0.50) / 1e6,
        percentile(all, 0.99) / 1e6,
        ok.get(),
        bad.get());
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  /** One connection: a writer keeping the window full, a reader matching answers by identifier. */
  private static final class Connection {
    private final Socket socket;
    private final Semaphore free;
    private final int window;
    private final Attributes attributes;
    private final String user;
    private final String password;
    private final long deadline;
    private final AtomicLong ok;
    private final AtomicLong bad;
    private final byte[][] authenticators = new byte[256][];
    private final long[] sentAt = new long[256];

    /**
     * Identifiers whose answer has not come yet. A slow answer must not find its identifier given
     * to a newer request (as a NAS keeps it too): with 64 in flight and fast answers around it, the
     * writer would otherwise come round all 256 identifiers past it.
     */
    private final boolean[] inFlight = new boolean[256];

    // A sample of latencies (one in 16), enough for percentiles without a large array.
    final long[] latencies = new long[1 << 20];
    private int latencyCount;
    private final SecureRandom random = new SecureRandom();

    Connection(
        Socket socket,
        int window,
        Attributes attributes,
        String user,
        String password,
        long deadline,
        AtomicLong ok,
        AtomicLong bad) {
      this.socket = socket;
      this.free = new Semaphore(window);
      this.window = window;
      this.attributes = attributes;
      this.user = user;
      this.password = password;
      this.deadline = deadline;
      this.ok = ok;
      this.bad = bad;
    }

    void write() {
      try {
        OutputStream out = socket.getOutputStream();
        int identifier = 0;
        while (System.nanoTime() < deadline) {
          if (!free.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            continue;
          }
          byte[] packet;
          synchronized (this) {
            while (inFlight[identifier]) {
              identifier = (identifier + 1) & 0xff; // at most the window is taken: one is free
            }
            packet = request(identifier);
            inFlight[identifier] = true;
            authenticators[identifier] = Arrays.copyOfRange(packet, 4, 20);
            sentAt[identifier] = System.nanoTime();
          }
          out.write(packet);
          identifier = (identifier + 1) & 0xff;
        }
        out.flush();
        // Let the last answers come, then end the reader.
        free.tryAcquire(window, 5, TimeUnit.SECONDS);
        socket.close();
      } catch (Exception e) {
        // the connection ended
      }
    }

    void read() {
      try {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[4];
        long n = 0;
        while (true) {
          in.readFully(header);
          int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
          byte[] reply = Arrays.copyOf(header, length);
          in.readFully(reply, 4, length - 4);
          int id = reply[1] & 0xff;
          byte[] auth;
          long sent;
          synchronized (this) {
            auth = inFlight[id] ? authenticators[id] : null;
            sent = sentAt[id];
            inFlight[id] = false;
          }
          boolean counted = System.nanoTime() < deadline;
          if (auth != null
              && reply[0] == 2
              && PacketCodec.hasValidResponseAuthenticator(reply, auth, SECRET)) {
            if (counted) {
              ok.incrementAndGet();
            }
          } else if (bad.incrementAndGet() <= 5) {
            // Say what was wrong: a Reject, a server-initiated request, or a wrong authenticator.
            System.err.printf(
                "bad answer: code %d identifier %d length %d%s%n",
                reply[0] & 0xff, id, length, auth == null ? " (never sent)" : "");
          }
          if ((n++ & 15) == 0 && latencyCount < latencies.length) {
            latencies[latencyCount++] = System.nanoTime() - sent;
          }
          free.release();
        }
      } catch (Exception e) {
        // closed at the end
      }
    }

    private byte[] request(int identifier) {
      byte[] authenticator = new byte[16];
      random.nextBytes(authenticator);
      List<RadiusAttribute> attrs = new ArrayList<>();
      attrs.add(attributes.text("User-Name", user));
      attrs.add(
          attributes.octets(
              "User-Password", PacketCodec.encryptPapPassword(password, authenticator, SECRET)));
      attrs.add(attributes.text("Calling-Station-Id", "02-00-00-00-00-01"));
      byte[] packet = PacketCodec.encodeRequest(1, identifier, attrs, SECRET, true);
      System.arraycopy(authenticator, 0, packet, 4, 16);
      // Re-sign the Message-Authenticator (first attribute) over the real authenticator.
      Arrays.fill(packet, 22, 38, (byte) 0);
      try {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacMD5"));
        System.arraycopy(mac.doFinal(packet), 0, packet, 22, 16);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      return packet;
    }
  }

  private static SSLContext context(Path ca, Path cert, Path key) throws Exception {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "hotspot",
        KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem(key))),
        new char[0],
        new Certificate[] {x509.generateCertificate(new ByteArrayInputStream(pem(cert)))});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", x509.generateCertificate(new ByteArrayInputStream(pem(ca))));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return context;
  }

  private static byte[] pem(Path file) throws java.io.IOException {
    StringBuilder b64 = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      if (!line.startsWith("-----")) {
        b64.append(line.trim());
      }
    }
    return Base64.getDecoder().decode(b64.toString());
  }

  private RadSecLoad() {}
}
