package org.smartkampung.bench.regency;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusDictionary;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * An evening of a regency against its RADIUS servers, fast-forwarded: every hotspot of a {@link
 * RegencyPlan} (one thread and one source address each) logs all its villagers in at once (the
 * storm after maghrib), sends each session's Start, then an Interim-Update per session every {@code
 * interimEvery} (five minutes of the evening, shortened), then the Stops. A hotspot talks to its
 * first server and, when an answer does not come in {@link #TIMEOUT_MILLIS}, to the next, as a
 * MikroTik with two {@code /radius} entries does. At the end the village totals in the store are
 * compared with what the hotspots reported.
 *
 * <pre>
 * EveningSimulation SERVERS REDIS RUN VILLAGES HOTSPOTS USERS_PER_HOTSPOT INTERIM_SECONDS INTERIMS
 * </pre>
 *
 * SERVERS is {@code host:authport,host:authport} (accounting on authport + 1); REDIS as for {@link
 * RegencyServer}.
 */
public final class EveningSimulation {

  static final int TIMEOUT_MILLIS = 3_000;
  static final int TRIES = 3;

  /** What an evening did; latencies in milliseconds. */
  public record Report(
      long logins,
      long accepted,
      long loginsLost,
      double loginSeconds,
      double loginP50Millis,
      double loginP99Millis,
      long records,
      long recordsLost,
      double recordP50Millis,
      double recordP99Millis,
      long failovers,
      long expectedBytes,
      long countedBytes) {

    public boolean exact() {
      return expectedBytes == countedBytes;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "logins=%d accepted=%d lost=%d storm_s=%.1f rate=%.0f/s login_p50_ms=%.1f login_p99_ms=%.1f"
              + "%nrecords=%d lost=%d acct_p50_ms=%.1f acct_p99_ms=%.1f failovers=%d"
              + "%nvillage_bytes expected=%d counted=%d exact=%s",
          logins,
          accepted,
          loginsLost,
          loginSeconds,
          logins / Math.max(loginSeconds, 1e-9),
          loginP50Millis,
          loginP99Millis,
          records,
          recordsLost,
          recordP50Millis,
          recordP99Millis,
          failovers,
          expectedBytes,
          countedBytes,
          exact());
    }
  }

  /** One hotspot's evening: what it measured and reported. */
  private record HotspotResult(
      long[] loginNanos,
      long[] loginEndNanos,
      long accepted,
      long loginsLost,
      long[] recordNanos,
      long recordsLost,
      long failovers,
      long bytesReported) {}

  private EveningSimulation() {}

  /** Plays the evening against {@code servers}; reads the village totals from {@code redis}. */
  public static Report run(
      RegencyPlan plan,
      List<InetSocketAddress> servers,
      String redis,
      Duration interimEvery,
      int interims)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(plan.hotspots());
    long started = System.nanoTime();
    List<Future<HotspotResult>> futures = new ArrayList<>();
    for (int h = 0; h < plan.hotspots(); h++) {
      int hotspot = h;
      futures.add(
          threads.submit(
              () -> new Hotspot(plan, hotspot, servers).evening(started, interimEvery, interims)));
    }
    List<HotspotResult> results = new ArrayList<>();
    for (Future<HotspotResult> f : futures) {
      results.add(f.get());
    }
    threads.shutdown();
    long[] logins = concat(results.stream().map(HotspotResult::loginNanos).toList());
    long[] records = concat(results.stream().map(HotspotResult::recordNanos).toList());
    double stormSeconds =
        concat(results.stream().map(HotspotResult::loginEndNanos).toList()).length == 0
            ? 0
            : Arrays.stream(concat(results.stream().map(HotspotResult::loginEndNanos).toList()))
                    .max()
                    .orElse(0)
                / 1e9;
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < results.size(); i++) {
      expected.merge(plan.villageOf(i), results.get(i).bytesReported(), Long::sum);
    }
    long counted = countedBytes(plan, redis, expected.keySet());
    return new Report(
        logins.length,
        results.stream().mapToLong(HotspotResult::accepted).sum(),
        results.stream().mapToLong(HotspotResult::loginsLost).sum(),
        stormSeconds,
        percentileMillis(logins, 0.5),
        percentileMillis(logins, 0.99),
        records.length,
        results.stream().mapToLong(HotspotResult::recordsLost).sum(),
        percentileMillis(records, 0.5),
        percentileMillis(records, 0.99),
        results.stream().mapToLong(HotspotResult::failovers).sum(),
        expected.values().stream().mapToLong(Long::longValue).sum(),
        counted);
  }

  /** The villages' day totals in the store (the plan's villages are new in each run). */
  private static long countedBytes(RegencyPlan plan, String redis, Iterable<String> villages)
      throws IOException {
    KampungConfig config =
        plan.config(Files.createTempDirectory("kampung-evening"), RegencyPlan.redis(redis), 0);
    try (KampungStores stores =
        StoreFactory.open(
            config, new ConfigLimitsSource(config), Clock.systemUTC(), new SimpleMeterRegistry())) {
      long sum = 0;
      for (String village : villages) {
        QuotaResult r = stores.ledger().check(village, "penghitung", "penghitung");
        if (r instanceof QuotaResult.Ok ok) {
          sum += ok.usage().villageDayBytes();
        }
      }
      return sum;
    }
  }

  /**
   * One hotspot: its villagers' logins (how long each took, and when it ended since the start, for
   * the storm's length), then their accounting.
   */
  private static final class Hotspot {
    private final RegencyPlan plan;
    private final int h;
    private final List<InetSocketAddress> servers;
    private final byte[] secret = RegencyPlan.SECRET.getBytes(StandardCharsets.UTF_8);
    private final Attributes attributes = new Attributes(RadiusDictionary.load());
    private final SecureRandom random = new SecureRandom();
    private int server;
    private int identifier;
    private long failovers;
    private boolean warnedReject;

    Hotspot(RegencyPlan plan, int h, List<InetSocketAddress> servers) {
      this.plan = plan;
      this.h = h;
      this.servers = servers;
      this.server = h % servers.size();
    }

    HotspotResult evening(long started, Duration interimEvery, int interims) throws Exception {
      int users = plan.usersPerHotspot();
      long[] loginEnds = new long[users];
      long[] loginNanos = new long[users];
      long accepted = 0;
      long loginsLost = 0;
      List<Long> recordNanos = new ArrayList<>();
      long recordsLost = 0;
      long bytes = 0;
      try (DatagramSocket socket =
          new DatagramSocket(new InetSocketAddress(plan.nasAddress(h), 0))) {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        for (int u = 0; u < users; u++) {
          long t0 = System.nanoTime();
          int user = u;
          int code = send(socket, id -> access(id, user), 0);
          loginNanos[u] = System.nanoTime() - t0;
          loginEnds[u] = System.nanoTime() - started;
          if (code == 2) {
            accepted++;
          } else if (code < 0) {
            loginsLost++;
          }
        }
        long accountingStart = System.nanoTime();
        for (int round = 0; round <= interims + 1; round++) {
          if (round > 0) {
            long due = accountingStart + interimEvery.toNanos() * round;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
          }
          int status = round == 0 ? 1 : round <= interims ? 3 : 2;
          int r = Math.min(round, interims);
          for (int u = 0; u < users; u++) {
            int user = u;
            long t0 = System.nanoTime();
            int code = send(socket, id -> accounting(id, user, status, r), 1);
            recordNanos.add(System.nanoTime() - t0);
            if (code != 5) {
              recordsLost++;
            }
          }
        }
        for (int u = 0; u < users; u++) {
          bytes += outBytes(u, interims) + inBytes(interims);
        }
      }
      long[] recs = recordNanos.stream().mapToLong(Long::longValue).toArray();
      return new HotspotResult(
          loginNanos, loginEnds, accepted, loginsLost, recs, recordsLost, failovers, bytes);
    }

    private static long outBytes(int user, int round) {
      return round * 2_000_000L + user * 1_000L;
    }

    private static long inBytes(int round) {
      return round * 150_000L;
    }

    /** Sends, tries again at the next server on silence; the reply's code, or -1 when lost. */
    private int send(DatagramSocket socket, PacketMaker maker, int portOffset) throws IOException {
      for (int attempt = 0; attempt < TRIES; attempt++) {
        int id = identifier++ & 0xff;
        byte[] packet = maker.make(id);
        InetSocketAddress to = servers.get(server);
        socket.send(
            new DatagramPacket(packet, packet.length, to.getAddress(), to.getPort() + portOffset));
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        try {
          while (true) {
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            if (reply.getLength() >= 20 && (buffer[1] & 0xff) == id) {
              if (buffer[0] == 3 && !warnedReject) {
                warnedReject = true;
                int at = PacketCodec.findAttribute(Arrays.copyOf(buffer, reply.getLength()), 18);
                System.err.println(
                    "hotspot "
                        + h
                        + ": Access-Reject "
                        + (at < 0
                            ? ""
                            : new String(
                                buffer,
                                at + 2,
                                (buffer[at + 1] & 0xff) - 2,
                                StandardCharsets.UTF_8)));
              }
              return buffer[0] & 0xff;
            }
            if (System.nanoTime() > deadline) {
              throw new SocketTimeoutException();
            }
          }
        } catch (SocketTimeoutException silence) {
          server = (server + 1) % servers.size();
          failovers++;
        }
      }
      return -1;
    }

    private byte[] access(int id, int user) {
      byte[] authenticator = new byte[16];
      random.nextBytes(authenticator);
      List<RadiusAttribute> attrs =
          List.of(
              attributes.text("User-Name", plan.user(h, user)),
              attributes.octets(
                  "User-Password",
                  PacketCodec.encryptPapPassword(RegencyPlan.PASSWORD, authenticator, secret)),
              attributes.text("NAS-Identifier", plan.nasName(h)),
              attributes.text("Calling-Station-Id", mac(user)));
      byte[] packet = PacketCodec.encodeRequest(1, id, attrs, secret, true);
      System.arraycopy(authenticator, 0, packet, 4, 16);
      return resign(packet, secret);
    }

    private byte[] accounting(int id, int user, int status, int round) {
      List<RadiusAttribute> attrs =
          List.of(
              attributes.unsigned("Acct-Status-Type", status),
              attributes.text("User-Name", plan.user(h, user)),
              attributes.text("Acct-Session-Id", plan.run() + "-" + h + "-" + user),
              attributes.text("NAS-Identifier", plan.nasName(h)),
              attributes.text("Calling-Station-Id", mac(user)),
              attributes.unsigned("Acct-Output-Octets", status == 1 ? 0 : outBytes(user, round)),
              attributes.unsigned("Acct-Input-Octets", status == 1 ? 0 : inBytes(round)),
              attributes.unsigned("Acct-Session-Time", round * 300L));
      return PacketCodec.encodeRequest(4, id, attrs, secret, false);
    }

    private String mac(int user) {
      return String.format(
          Locale.ROOT, "02:00:%02X:%02X:%02X:%02X", (h >> 8) & 0xff, h & 0xff, 0, user & 0xff);
    }

    private interface PacketMaker {
      byte[] make(int id);
    }
  }

  private static long[] concat(List<long[]> parts) {
    return parts.stream().flatMapToLong(Arrays::stream).toArray();
  }

  private static double percentileMillis(long[] values, double q) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length == 0
        ? 0
        : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
  }

  private static byte[] resign(byte[] packet, byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacMD5");
      mac.init(new SecretKeySpec(secret, "HmacMD5"));
      int at = PacketCodec.findAttribute(packet, 80);
      Arrays.fill(packet, at + 2, at + 18, (byte) 0);
      System.arraycopy(mac.doFinal(packet), 0, packet, at + 2, 16);
      return packet;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String s : args[0].split(",")) {
      int colon = s.lastIndexOf(':');
      servers.add(
          new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))));
    }
    RegencyPlan plan =
        new RegencyPlan(
            args[2],
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]),
            Integer.parseInt(args[5]));
    Report report =
        run(
            plan,
            servers,
            args[1],
            Duration.ofSeconds(Long.parseLong(args[6])),
            Integer.parseInt(args[7]));
    System.out.println(report);
    System.exit(report.exact() && report.loginsLost() == 0 && report.recordsLost() == 0 ? 0 : 1);
  }
}
