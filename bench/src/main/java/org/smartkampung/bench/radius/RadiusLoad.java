package org.smartkampung.bench.radius;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.smartkampung.radius.codec.Attributes;
import org.smartkampung.radius.codec.PacketCodec;
import org.smartkampung.radius.codec.RadiusDictionary;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * UDP load generator for a RADIUS server: keeps {@code outstanding} requests in flight (spread over
 * sockets of at most 200 each, so identifiers never repeat in flight), validates every reply's
 * response authenticator, and prints requests/s and p50/p99 latency.
 *
 * <pre>
 * java -cp kampung-bench.jar org.smartkampung.bench.radius.RadiusLoad \
 *     MODE(auth|acct) HOST PORT SECRET USER PASSWORD OUTSTANDING SECONDS
 * </pre>
 *
 * auth sends PAP Access-Requests with a Message-Authenticator; acct sends Interim-Updates with
 * growing counters over 1,000 sessions. Output is one line: {@code mode=.. rps=.. p50_ms=..
 * p99_ms=.. ok=.. bad=.. lost=..}.
 */
public final class RadiusLoad {

  private static final int PER_SOCKET = 200;

  private record Result(long ok, long bad, long lost, long[] latenciesNanos) {}

  public static void main(String[] args) throws Exception {
    if (args.length != 8) {
      System.err.println(
          "usage: RadiusLoad auth|acct HOST PORT SECRET USER PASSWORD OUTSTANDING SECONDS");
      System.exit(2);
    }
    String mode = args[0];
    InetSocketAddress server = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
    byte[] secret = args[3].getBytes(StandardCharsets.UTF_8);
    int outstanding = Integer.parseInt(args[6]);
    long seconds = Long.parseLong(args[7]);
    Attributes attributes = new Attributes(RadiusDictionary.load());
    int sockets = (outstanding + PER_SOCKET - 1) / PER_SOCKET;
    List<Thread> threads = new ArrayList<>();
    Result[] results = new Result[sockets];
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    for (int s = 0; s < sockets; s++) {
      int index = s;
      int window = Math.min(PER_SOCKET, outstanding - s * PER_SOCKET);
      Thread t =
          new Thread(
              () -> {
                try {
                  results[index] =
                      run(
                          mode,
                          server,
                          secret,
                          args[4],
                          args[5],
                          window,
                          deadline,
                          attributes,
                          index);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long ok = 0;
    long bad = 0;
    long lost = 0;
    long[] all = new long[0];
    for (Result r : results) {
      ok += r.ok();
      bad += r.bad();
      lost += r.lost();
      long[] merged = Arrays.copyOf(all, all.length + r.latenciesNanos().length);
      System.arraycopy(r.latenciesNanos(), 0, merged, all.length, r.latenciesNanos().length);
      all = merged;
    }
    Arrays.sort(all);
    System.out.printf(
        Locale.ROOT,
        "mode=%s outstanding=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f ok=%d bad=%d lost=%d%n",
        mode,
        outstanding,
        ok / (double) seconds,
        percentile(all, 0.50) / 1e6,
        percentile(all, 0.99) / 1e6,
        ok,
        bad,
        lost);
  }

  private static Result run(
      String mode,
      InetSocketAddress server,
      byte[] secret,
      String user,
      String password,
      int window,
      long deadline,
      Attributes attributes,
      int socketIndex)
      throws IOException {
    long[] latencies = new long[1 << 20];
    int count = 0;
    long ok = 0;
    long bad = 0;
    long lost = 0;
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setReceiveBufferSize(4 << 20);
      socket.setSoTimeout(1000);
      Requests requests =
          new Requests(socket, server, mode, secret, user, password, attributes, socketIndex);
      byte[][] sent = requests.sent;
      long[] sentAt = requests.sentAt;
      for (int i = 0; i < window; i++) {
        requests.sendNext();
      }
      byte[] buffer = new byte[4096];
      DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
      while (System.nanoTime() < deadline) {
        try {
          socket.receive(reply);
        } catch (SocketTimeoutException e) {
          // everything in flight is lost; refill the window
          for (int id = 0; id < 256; id++) {
            if (sent[id] != null) {
              sent[id] = null;
              lost++;
            }
          }
          for (int i = 0; i < window; i++) {
            requests.sendNext();
          }
          continue;
        }
        long now = System.nanoTime();
        byte[] response = Arrays.copyOf(buffer, reply.getLength());
        int id = response[1] & 0xff;
        byte[] request = sent[id];
        if (request == null) {
          bad++;
          continue;
        }
        sent[id] = null;
        boolean valid =
            PacketCodec.hasValidResponseAuthenticator(
                response, Arrays.copyOfRange(request, 4, 20), secret);
        int expected = mode.equals("auth") ? 2 : 5;
        if (valid && (response[0] & 0xff) == expected) {
          ok++;
          if (count < latencies.length) {
            latencies[count++] = now - sentAt[id];
          }
        } else {
          bad++;
        }
        requests.sendNext();
      }
    }
    return new Result(ok, bad, lost, Arrays.copyOf(latencies, count));
  }

  /** One socket's requests in flight, by RADIUS identifier, and what the next one will be. */
  private static final class Requests {
    final byte[][] sent = new byte[256][];
    final long[] sentAt = new long[256];
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final String mode;
    private final byte[] secret;
    private final String user;
    private final String password;
    private final Attributes attributes;
    private final int socketIndex;
    private final SecureRandom random = new SecureRandom();
    private final long[] counters = new long[1000];
    private int nextId;

    Requests(
        DatagramSocket socket,
        InetSocketAddress server,
        String mode,
        byte[] secret,
        String user,
        String password,
        Attributes attributes,
        int socketIndex) {
      this.socket = socket;
      this.server = server;
      this.mode = mode;
      this.secret = secret;
      this.user = user;
      this.password = password;
      this.attributes = attributes;
      this.socketIndex = socketIndex;
    }

    /** Sends a new request on the next free identifier. */
    void sendNext() throws IOException {
      int id = nextId;
      while (sent[id] != null) {
        id = (id + 1) & 0xff;
      }
      byte[] packet;
      if (mode.equals("auth")) {
        byte[] authenticator = new byte[16];
        random.nextBytes(authenticator);
        List<RadiusAttribute> attrs =
            List.of(
                attributes.text("User-Name", user),
                attributes.octets(
                    "User-Password",
                    PacketCodec.encryptPapPassword(password, authenticator, secret)));
        packet = PacketCodec.encodeRequest(1, id, attrs, secret, true);
        // the password was encrypted against our authenticator: use it and re-sign
        System.arraycopy(authenticator, 0, packet, 4, 16);
        packet = resign(packet, secret);
      } else {
        int session = random.nextInt(counters.length);
        counters[session] += 1500;
        List<RadiusAttribute> attrs =
            List.of(
                attributes.unsigned("Acct-Status-Type", 3),
                attributes.text("Acct-Session-Id", "bench-" + socketIndex + "-" + session),
                attributes.text("User-Name", user),
                attributes.unsigned("Acct-Output-Octets", counters[session] & 0xffffffffL),
                attributes.unsigned("Acct-Input-Octets", (counters[session] / 10) & 0xffffffffL),
                attributes.unsigned("Acct-Session-Time", 60));
        packet = PacketCodec.encodeRequest(4, id, attrs, secret, false);
      }
      sent[id] = packet;
      sentAt[id] = System.nanoTime();
      socket.send(new DatagramPacket(packet, packet.length, server));
      nextId = (id + 1) & 0xff;
    }
  }

  private static byte[] resign(byte[] packet, byte[] secret) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacMD5"));
      int at = PacketCodec.findAttribute(packet, 80);
      Arrays.fill(packet, at + 2, at + 18, (byte) 0);
      System.arraycopy(mac.doFinal(packet), 0, packet, at + 2, 16);
      return packet;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long percentile(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
  }

  private RadiusLoad() {}
}
