package org.smartkampung.bench.radius;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusDictionary;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * UDP load generator for a RADIUS server: keeps {@code outstanding} requests in flight (spread over
 * sockets of at most 200 each, so identifiers never repeat in flight), validates every reply's
 * response authenticator, and prints requests/s and p50/p99 latency.
 *
 * <pre>
 * java -cp kampung-bench.jar org.smartkampung.bench.radius.RadiusLoad \
 *     MODE(auth|acct|interim) HOST PORT SECRET USER PASSWORD OUTSTANDING SECONDS
 * java -cp kampung-bench.jar org.smartkampung.bench.radius.RadiusLoad \
 *     storm HOST PORT SECRET USER PASSWORD OUTSTANDING SECONDS VOUCHER
 * </pre>
 *
 * <ul>
 *   <li>auth sends PAP Access-Requests with a Message-Authenticator; a USER ending in {@code *}
 *       stands for 1,000 users taken in turn ({@code warga-*}: {@code warga-000} to {@code
 *       warga-999}), all with PASSWORD.
 *   <li>acct sends the real session mix over 1,000 users ({@code warga-000} to {@code warga-999},
 *       USER is ignored): per session a Start, three Interim-Updates with growing counters and a
 *       Stop, then the user's next session; a user has one record in flight at most.
 *   <li>interim sends only Interim-Updates with growing counters over 1,000 sessions of USER.
 *   <li>storm keeps OUTSTANDING subscriber logins (USER, PASSWORD) in flight while it sends voucher
 *       logins (VOUCHER as user and password) at 100/s to PORT and the acct mix at 100/s to PORT +
 *       1, and reports the latency of those two: three lines.
 * </ul>
 *
 * <p>A window with no answer for {@code kampung.bench.timeout-millis} (system property, default
 * 1000) is counted lost and sent anew; slow logins need a longer one.
 *
 * <p>Output is one line per measured stream: {@code mode=.. rps=.. p50_ms=.. p99_ms=.. ok=.. bad=..
 * lost=..}; paced streams add {@code max_ms}.
 */
public final class RadiusLoad {

  private static final int PER_SOCKET = 200;

  private record Result(long ok, long bad, long lost, long[] latenciesNanos) {}

  public static void main(String[] args) throws Exception {
    boolean storm = args.length == 9 && args[0].equals("storm");
    if (args.length != 8 && !storm) {
      System.err.println(
          "usage: RadiusLoad auth|acct|interim HOST PORT SECRET USER PASSWORD OUTSTANDING SECONDS\n"
              + "       RadiusLoad storm HOST PORT SECRET USER PASSWORD OUTSTANDING SECONDS VOUCHER");
      System.exit(2);
    }
    String mode = storm ? "auth" : args[0];
    InetSocketAddress server = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
    byte[] secret = args[3].getBytes(StandardCharsets.UTF_8);
    int outstanding = Integer.parseInt(args[6]);
    long seconds = Long.parseLong(args[7]);
    Attributes attributes = new Attributes(RadiusDictionary.load());
    int sockets = (outstanding + PER_SOCKET - 1) / PER_SOCKET;
    List<Thread> threads = new ArrayList<>();
    Result[] results = new Result[sockets];
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<Paced> paced = new ArrayList<>();
    if (storm) {
      InetSocketAddress acctServer = new InetSocketAddress(args[1], server.getPort() + 1);
      paced.add(new Paced("storm-voucher", "auth", server, secret, args[8], args[8], attributes));
      paced.add(new Paced("storm-acct", "acct", acctServer, secret, "", "", attributes));
      for (Paced p : paced) {
        p.start(100, deadline);
      }
    }
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
        storm ? "storm-subscriber" : mode,
        outstanding,
        ok / (double) seconds,
        percentile(all, 0.50) / 1e6,
        percentile(all, 0.99) / 1e6,
        ok,
        bad,
        lost);
    for (Paced p : paced) {
      p.join();
      System.out.println(p.report(seconds));
    }
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
      socket.setSoTimeout(Integer.getInteger("kampung.bench.timeout-millis", 1000));
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
    private final Packets packets;
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
      this.packets = new Packets(mode, secret, user, password, attributes, "bench-" + socketIndex);
    }

    /** Sends a new request on the next free identifier. */
    void sendNext() throws IOException {
      int id = nextId;
      while (sent[id] != null) {
        id = (id + 1) & 0xff;
      }
      byte[] packet = packets.next(id);
      sent[id] = packet;
      sentAt[id] = System.nanoTime();
      socket.send(new DatagramPacket(packet, packet.length, server));
      nextId = (id + 1) & 0xff;
    }
  }

  /**
   * What a load sends next: a PAP Access-Request, the accounting mix (Start, three Interims, Stop
   * per session, over 1,000 users taken in turn), or Interim-Updates only.
   */
  private static final class Packets {
    private static final int USERS = 1000;
    private static final int START = 1;
    private static final int STOP = 2;
    private static final int INTERIM = 3;

    private final String mode;
    private final byte[] secret;
    private final String user;
    private final String password;
    private final Attributes attributes;
    private final String prefix;
    // The load generator shares the cores with the servers it measures: a fast generator for the
    // authenticators (unpredictability is not what a benchmark's requests need), one per thread.
    private final SplittableRandom random = new SplittableRandom(System.nanoTime());
    private final long[] counters = new long[USERS];
    private final int[] phase = new int[USERS];
    private final int[] session = new int[USERS];
    private int nextUser;

    Packets(
        String mode,
        byte[] secret,
        String user,
        String password,
        Attributes attributes,
        String prefix) {
      this.mode = mode;
      this.secret = secret;
      this.user = user;
      this.password = password;
      this.attributes = attributes;
      this.prefix = prefix;
    }

    byte[] next(int id) {
      return switch (mode) {
        case "auth" -> access(id);
        case "interim" -> interimOnly(id);
        default -> mix(id);
      };
    }

    private byte[] access(int id) {
      byte[] authenticator = new byte[16];
      random.nextBytes(authenticator);
      String name = user;
      if (user.endsWith("*")) {
        name = user.substring(0, user.length() - 1) + String.format(Locale.ROOT, "%03d", nextUser);
        nextUser = (nextUser + 1) % USERS;
      }
      List<RadiusAttribute> attrs =
          List.of(
              attributes.text("User-Name", name),
              attributes.octets(
                  "User-Password",
                  PacketCodec.encryptPapPassword(password, authenticator, secret)));
      // The password was encrypted against this authenticator: the request carries it.
      return PacketCodec.encodeRequest(1, id, authenticator, attrs, secret, true);
    }

    private byte[] interimOnly(int id) {
      int s = random.nextInt(USERS);
      counters[s] += 1500;
      return accounting(id, INTERIM, prefix + "-" + s, user, counters[s]);
    }

    /**
     * The next record of the next user in turn: one in flight per user while the window < 1,000.
     */
    private byte[] mix(int id) {
      int u = nextUser;
      nextUser = (nextUser + 1) % USERS;
      int p = phase[u];
      phase[u] = (p + 1) % 5;
      int status = p == 0 ? START : p == 4 ? STOP : INTERIM;
      if (p == 0) {
        counters[u] = 0;
      } else {
        counters[u] += 150_000;
      }
      String sessionId = prefix + "-" + u + "-" + session[u];
      if (p == 4) {
        session[u]++;
      }
      return accounting(
          id, status, sessionId, String.format(Locale.ROOT, "warga-%03d", u), counters[u]);
    }

    private byte[] accounting(int id, int status, String sessionId, String name, long octets) {
      List<RadiusAttribute> attrs =
          List.of(
              attributes.unsigned("Acct-Status-Type", status),
              attributes.text("Acct-Session-Id", sessionId),
              attributes.text("User-Name", name),
              attributes.unsigned("Acct-Output-Octets", octets & 0xffffffffL),
              attributes.unsigned("Acct-Input-Octets", (octets / 10) & 0xffffffffL),
              attributes.unsigned("Acct-Session-Time", status == START ? 0 : 60));
      return PacketCodec.encodeRequest(4, id, attrs, secret, false);
    }
  }

  /**
   * One stream at a fixed rate on its own socket, sent on schedule whatever the answers do (open
   * loop, so a slow server shows in the latency instead of slowing the sender), answers matched by
   * identifier on a second thread. A request unanswered after a second is counted lost.
   */
  private static final class Paced {
    private final String name;
    private final String mode;
    private final InetSocketAddress server;
    private final byte[] secret;
    private final Packets packets;
    private final byte[][] sent = new byte[256][];
    private final long[] sentAt = new long[256];
    private final long[] latencies = new long[1 << 20];
    private int count;
    private long ok;
    private long bad;
    private long lost;
    private double maxMillis;
    private Thread sender;
    private Thread receiver;

    Paced(
        String name,
        String mode,
        InetSocketAddress server,
        byte[] secret,
        String user,
        String password,
        Attributes attributes) {
      this.name = name;
      this.mode = mode;
      this.server = server;
      this.secret = secret;
      this.packets = new Packets(mode, secret, user, password, attributes, name);
    }

    void start(int perSecond, long deadline) throws IOException {
      DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      socket.setSoTimeout(200);
      long intervalNanos = 1_000_000_000L / perSecond;
      sender =
          new Thread(
              () -> {
                long next = System.nanoTime();
                int id = 0;
                try {
                  while (next < deadline) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                      java.util.concurrent.locks.LockSupport.parkNanos(wait);
                      continue;
                    }
                    byte[] packet;
                    synchronized (this) {
                      if (sent[id] != null) {
                        lost++;
                      }
                      packet = packets.next(id);
                      sent[id] = packet;
                      sentAt[id] = System.nanoTime();
                    }
                    socket.send(new DatagramPacket(packet, packet.length, server));
                    id = (id + 1) & 0xff;
                    next += intervalNanos;
                  }
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              },
              name + "-send");
      receiver =
          new Thread(
              () -> {
                byte[] buffer = new byte[4096];
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                  while (System.nanoTime() < deadline + 1_000_000_000L) {
                    try {
                      socket.receive(reply);
                    } catch (java.net.SocketTimeoutException e) {
                      continue;
                    }
                    received(Arrays.copyOf(buffer, reply.getLength()), System.nanoTime());
                  }
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                } finally {
                  socket.close();
                }
              },
              name + "-receive");
      sender.start();
      receiver.start();
    }

    private synchronized void received(byte[] response, long now) {
      int id = response[1] & 0xff;
      byte[] request = sent[id];
      if (request == null) {
        bad++;
        return;
      }
      sent[id] = null;
      boolean valid =
          PacketCodec.hasValidResponseAuthenticator(
              response, Arrays.copyOfRange(request, 4, 20), secret);
      int expected = mode.equals("auth") ? 2 : 5;
      if (!valid || (response[0] & 0xff) != expected) {
        bad++;
        return;
      }
      ok++;
      long nanos = now - sentAt[id];
      maxMillis = Math.max(maxMillis, nanos / 1e6);
      if (count < latencies.length) {
        latencies[count++] = nanos;
      }
    }

    void join() throws InterruptedException {
      sender.join();
      receiver.join();
    }

    synchronized String report(long seconds) {
      for (byte[] request : sent) {
        if (request != null) {
          lost++;
        }
      }
      long[] sorted = Arrays.copyOf(latencies, count);
      Arrays.sort(sorted);
      return String.format(
          Locale.ROOT,
          "mode=%s rate=100/s rps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f ok=%d bad=%d lost=%d",
          name,
          ok / (double) seconds,
          percentile(sorted, 0.50) / 1e6,
          percentile(sorted, 0.99) / 1e6,
          maxMillis,
          ok,
          bad,
          lost);
    }
  }

  private static long percentile(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
  }

  private RadiusLoad() {}
}
