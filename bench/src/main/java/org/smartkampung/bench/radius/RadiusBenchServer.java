package org.smartkampung.bench.radius;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.PasswordCheckSettings;
import org.smartkampung.core.config.RadSecSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.radius.RadiusServer;
import org.smartkampung.radius.pki.RadSecPki;

/**
 * Our RADIUS server for the benchmark: 127.0.0.1, the given auth port (acct = auth + 1), NAS
 * 127.0.0.1 with the given secret, the stores {@code kampung run} would open (embedded in a
 * temporary directory, or Redis when a URI is given), a voucher {@code CODE} whose PAP password is
 * the code itself (use a fresh code per run against the same Redis), and the subscriber {@code
 * warga} / {@code kampung123} with the shipped PBKDF2 hash (310,000 iterations), and {@code
 * warga-000} to {@code warga-999} with the same password and hash. Runs until killed.
 *
 * <p>System property {@code kampung.bench.password-cache-minutes} (default: the shipped 60) sets
 * {@code radius.password-checks.cache-minutes}; 0 makes every subscriber login pay the full hash,
 * as in a login storm of many different villagers.
 *
 * <p>System property {@code kampung.bench.radsec-dir} turns on RadSec on PORT + 2: a {@code kampung
 * pki} directory there (made when missing, with a client certificate for the hotspot {@code bench},
 * {@code CN=bench}).
 *
 * <pre>RadiusBenchServer PORT SECRET CODE [REDIS_URI]</pre>
 */
public final class RadiusBenchServer {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String secret = args[1];
    String code = args[2];
    Path dir = Files.createTempDirectory("kampung-radius-bench");
    StoreSettings store =
        args.length > 3
            ? new StoreSettings(
                StoreType.REDIS, dir, null, null, new RedisSettings(args[3], null, null))
            : new StoreSettings(StoreType.EMBEDDED, dir, null, null, null);
    String radSecDir = System.getProperty("kampung.bench.radsec-dir");
    RadSecSettings radSec = RadSecSettings.DEFAULTS;
    if (radSecDir != null) {
      RadSecPki pki = new RadSecPki(Path.of(radSecDir), Clock.systemUTC());
      if (!Files.exists(pki.caCertificate())) {
        pki.init("Bench", List.of("127.0.0.1", "localhost"));
        pki.issue("bench");
      }
      radSec =
          new RadSecSettings(
              true,
              port + 2,
              pki.serverCertificate().toString(),
              pki.serverKey().toString(),
              pki.caCertificate().toString(),
              pki.crl().toString(),
              null,
              null);
    }
    KampungConfig config =
        new KampungConfig(
            null,
            store,
            new RadiusSettings(
                true,
                "127.0.0.1",
                port,
                port + 1,
                30,
                null,
                null,
                null,
                new PasswordCheckSettings(
                    null,
                    null,
                    Integer.getInteger("kampung.bench.password-cache-minutes"),
                    null,
                    null),
                // Many logins of one subscriber from one address: only right passwords are sent.
                null,
                radSec),
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
                    null,
                    null,
                    null,
                    "CN=bench")),
            null);
    Clock clock = Clock.systemUTC();
    KampungStores stores =
        StoreFactory.open(config, new ConfigLimitsSource(config), clock, new SimpleMeterRegistry());
    Instant now = Instant.now();
    stores
        .vouchers()
        .createAll(
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
    // One shipped-strength hash serves every subscriber: the stored string is all a check reads.
    String hash = new PasswordHasher().hash("kampung123");
    stores.subscribers().create(new Subscriber("warga", "kemiren", hash, "Warga", true, null));
    for (int i = 0; i < 1000; i++) {
      String name = String.format(Locale.ROOT, "warga-%03d", i);
      stores.subscribers().create(new Subscriber(name, "kemiren", hash, name, true, null));
    }
    RadiusServer server = RadiusServer.start(config, stores, clock, new SimpleMeterRegistry());
    System.out.println(
        "ready auth="
            + server.authPort()
            + " acct="
            + server.acctPort()
            + " radsec="
            + server.radSecPort()
            + " store="
            + store.type()
            + " password-cache-minutes="
            + config.radius().passwordChecks().cacheMinutes());
    new CountDownLatch(1).await();
  }

  private RadiusBenchServer() {}
}
