package org.smartkampung.bench.radius;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusDictionary;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.AccountingEvent;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.village.Village;
import org.smartkampung.radius.RadiusServer;

/**
 * How long Accounting-On takes for a NAS with many open sessions: fills the store with {@code
 * SESSIONS} open sessions of one hotspot (the ledger's Start and the session write, as accounting
 * makes them), then sends one Accounting-On to a running RADIUS server and times its answer, which
 * comes once every session is closed and removed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smartkampung.bench.radius.AccountingOnBench
 * REDIS_URI [SESSIONS]} (default 60,000).
 */
public final class AccountingOnBench {

  private static final String SECRET = "bench-secret";

  public static void main(String[] args) throws Exception {
    String uri = args[0];
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
    KampungConfig config =
        new KampungConfig(
            null,
            new StoreSettings(
                StoreType.REDIS,
                Files.createTempDirectory("kampung-acct-on"),
                null,
                null,
                new RedisSettings(uri, 5_000, 16)),
            new RadiusSettings(true, "127.0.0.1", 0, 0, 30, null),
            null,
            null,
            List.of(QuotaPolicy.unlimited("bebas")),
            List.of(new Village("kemiren", "Kemiren", "Glagah", null, null, "bebas", false, null)),
            List.of(
                new NasClientSettings(
                    "bench",
                    "127.0.0.1",
                    SECRET,
                    NasType.MIKROTIK,
                    "kemiren",
                    MessageAuthenticatorPolicy.YES,
                    null)),
            null);
    Clock clock = Clock.systemUTC();
    try (KampungStores stores =
            StoreFactory.open(
                config, new ConfigLimitsSource(config), clock, new SimpleMeterRegistry());
        RadiusServer radius =
            RadiusServer.start(config, stores, clock, new SimpleMeterRegistry())) {
      for (int round = 1; round <= ROUNDS; round++) {
        fillAndRestart(stores, radius, clock, count, round);
      }
    }
  }

  /**
   * Rounds, the first warming the JVM up (Accounting-On comes to a server that has run for hours).
   */
  private static final int ROUNDS = 3;

  private static void fillAndRestart(
      KampungStores stores, RadiusServer radius, Clock clock, int count, int round)
      throws Exception {
    {
      long filling = System.nanoTime();
      List<CompletableFuture<?>> writes = new ArrayList<>();
      Instant now = clock.instant();
      for (int i = 0; i < count; i++) {
        String mac =
            String.format("aa:bb:%02x:%02x:%02x:%02x", 0, i >> 16 & 255, i >> 8 & 255, i & 255);
        String user = "warga-" + (i % 1_000);
        String id = "bench/on-" + round + "-" + i;
        SessionKey key = new SessionKey("kemiren", user, mac, id);
        writes.add(stores.ledger().recordAsync(key, AccountingEvent.start()));
        writes.add(
            stores
                .sessions()
                .putAsync(
                    new Session(
                        id,
                        "kemiren",
                        user,
                        mac,
                        "bench",
                        "127.0.0.1",
                        "on-" + i,
                        "",
                        now,
                        now,
                        0,
                        0,
                        0)));
        if (writes.size() >= 4_000) {
          CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
          writes.clear();
        }
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      System.out.printf(
          "filled %d open sessions in %.1f s%n", count, (System.nanoTime() - filling) / 1e9);

      Attributes attributes = new Attributes(RadiusDictionary.load());
      byte[] on =
          PacketCodec.encodeRequest(
              4,
              round,
              List.of(attributes.unsigned("Acct-Status-Type", 7)),
              SECRET.getBytes(StandardCharsets.UTF_8),
              false);
      try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        socket.setSoTimeout(60_000);
        long sent = System.nanoTime();
        socket.send(
            new DatagramPacket(on, on.length, InetAddress.getLoopbackAddress(), radius.acctPort()));
        socket.receive(new DatagramPacket(new byte[4096], 4096));
        double seconds = (System.nanoTime() - sent) / 1e9;
        System.out.printf(
            "round %d: Accounting-On for %d open sessions answered in %.3f s; sessions left: %d%n",
            round, count, seconds, stores.sessions().listByNas("bench").size());
      }
    }
  }
}
