package org.smartkampung.bench.radius;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.store.EmbeddedLoginTokenStore;
import org.smartkampung.core.store.EmbeddedNasStateStore;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.core.store.EmbeddedSubscriberStore;
import org.smartkampung.core.store.EmbeddedVoucherStore;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.core.voucher.VoucherStore;
import org.smartkampung.radius.RadiusServer;

/**
 * Our RADIUS server for the benchmark: 127.0.0.1, the given auth port (acct = auth + 1), NAS
 * 127.0.0.1 with the given secret, embedded stores in a temporary directory, and a voucher {@code
 * code} whose PAP password is the code itself. Runs until killed.
 *
 * <pre>RadiusBenchServer PORT SECRET CODE</pre>
 */
public final class RadiusBenchServer {

  private record Stores(
      QuotaLedger ledger,
      SubscriberStore subscribers,
      VoucherStore vouchers,
      SessionStore sessions,
      LoginTokenStore loginTokens,
      NasStateStore nasState)
      implements KampungStores {
    @Override
    public void close() {}
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String secret = args[1];
    String code = args[2];
    Path dir = Files.createTempDirectory("kampung-radius-bench");
    Instant now = Instant.now();
    EmbeddedVoucherStore vouchers = new EmbeddedVoucherStore(dir);
    vouchers.createAll(
        List.of(
            new Voucher(
                code,
                "kemiren",
                "bench",
                now,
                now.plusSeconds(86400),
                Long.MAX_VALUE,
                0,
                1,
                VoucherStatus.UNUSED,
                null,
                "")));
    KampungStores stores =
        new Stores(
            new BenchLedger(),
            new EmbeddedSubscriberStore(dir),
            vouchers,
            new EmbeddedSessionStore(dir),
            new EmbeddedLoginTokenStore(Clock.systemUTC()),
            new EmbeddedNasStateStore(dir));
    KampungConfig config =
        new KampungConfig(
            null,
            null,
            new RadiusSettings(true, "127.0.0.1", port, port + 1, 30, null),
            null,
            null,
            List.of(QuotaPolicy.unlimited("bebas")),
            List.of(new Village("kemiren", "Kemiren", "Glagah", null, null, "bebas", false, null)),
            List.of(
                new NasClientSettings(
                    "bench",
                    "127.0.0.1",
                    secret,
                    NasType.MIKROTIK,
                    "kemiren",
                    MessageAuthenticatorPolicy.YES,
                    null)),
            null);
    RadiusServer server =
        RadiusServer.start(config, stores, Clock.systemUTC(), new SimpleMeterRegistry());
    System.out.println("ready auth=" + server.authPort() + " acct=" + server.acctPort());
    new CountDownLatch(1).await();
  }

  private RadiusBenchServer() {}
}
