package org.smartkampung.radius.dac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusDictionary;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.session.LimitsResult;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.radius.RadiusServer;
import org.smartkampung.radius.testing.RadiusHarness;
import org.smartkampung.radius.testing.TestNas;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * A villager on a 500 MB voucher, 300 MB of it used in an earlier session, is online when the desa
 * admin raises the village's quota. The real RADIUS role on loopback, over the real stores
 * (embedded, and Redis), must send the running session a CoA whose octet limit is no more than the
 * 200 MB the voucher has left, not the raised quota; and a Disconnect when the voucher is used up
 * or has expired. The NAS is a {@link TestNas} that checks the packets' authenticators itself. The
 * Interim-Update check decides with the same limits: the record that spends the voucher ends the
 * session.
 */
class VoucherLimitsAfterQuotaEditTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int MIKROTIK = 14988;
  private static final String VILLAGE = RadiusHarness.VILLAGE;
  private static final String MAC = "aa:bb:cc:dd:ee:07";
  private static final long MB = 1_000_000L;

  enum Store {
    EMBEDDED,
    REDIS
  }

  @TempDir Path dataDir;

  private TestNas nas;
  private AdminStores admin;
  private KampungStores stores;
  private LiveConfig console;
  private RadiusServer server;

  private void start(Store store) throws Exception {
    nas = new TestNas(RadiusHarness.SECRET);
    // The village gives each villager 1,000 MB a day; the admin raises it to 5,000 MB.
    QuotaPolicy policy =
        new QuotaPolicy("standar", null, null, 1_000L, null, 4096L, 1024L, 2, null, 3600, 300, 60);
    Village village =
        new Village(
            VILLAGE,
            "Kemiren",
            "Glagah",
            ZoneId.of("Asia/Jakarta"),
            new BandwidthPackage(50, 10, 0, 2026, 0),
            "standar",
            false,
            List.of());
    KampungConfig config =
        new KampungConfig(
            null,
            null,
            new RadiusSettings(true, "127.0.0.1", 0, 0, 30, null),
            null,
            null,
            List.of(policy),
            List.of(village),
            List.of(
                RadiusHarness.hotspot(
                    "mikrotik-1",
                    "127.0.0.1",
                    NasType.MIKROTIK,
                    MessageAuthenticatorPolicy.YES,
                    nas.port())),
            null);
    Function<String, ZoneId> zones = v -> ZoneId.of("Asia/Jakarta");
    stores =
        switch (store) {
          case EMBEDDED ->
              StoreFactory.openEmbedded(
                  new StoreSettings(StoreType.EMBEDDED, dataDir.resolve("store"), 0, null, null),
                  zones,
                  new ConfigLimitsSource(config),
                  Clock.systemUTC());
          case REDIS ->
              StoreFactory.openRedis(
                  new StoreSettings(StoreType.REDIS, null, null, null, RedisTestServer.settings()),
                  zones,
                  new ConfigLimitsSource(config),
                  Clock.systemUTC(),
                  new SimpleMeterRegistry());
        };
    // Sessions another test left in a shared Redis would get the edit too.
    stores.sessions().removeAll(stores.sessions().listByVillage(VILLAGE));
    admin = AdminStoreFactory.embedded(dataDir.resolve("admin"));
    console = new LiveConfig(config, admin.villageSettings(), Clock.systemUTC(), Duration.ZERO);
    LiveConfig radiusSide =
        new LiveConfig(config, admin.villageSettings(), Clock.systemUTC(), Duration.ofHours(1));
    server =
        RadiusServer.start(
            config, radiusSide, stores, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (stores != null) {
      stores.sessions().removeAll(stores.sessions().listByVillage(VILLAGE));
      stores.close();
    }
    if (nas != null) {
      nas.close();
    }
  }

  /** A code no earlier run left in a shared Redis. */
  private static String unique(String code) {
    return code + Long.toString(System.nanoTime(), 36).toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * A voucher of 500 MB (no minute limit), the given part of it used in an earlier session, and a
   * new session of it on the MikroTik that has used nothing yet.
   */
  private Session voucherOnline(String code, long usedBytes, Instant expiresAt) {
    Instant now = Instant.now();
    assertThat(
            stores
                .vouchers()
                .createAll(
                    List.of(
                        new Voucher(
                            code,
                            VILLAGE,
                            "b1",
                            now.minus(Duration.ofDays(2)),
                            expiresAt,
                            500 * MB,
                            0,
                            1,
                            VoucherStatus.IN_USE,
                            now.minus(Duration.ofDays(1)),
                            MAC))))
        .isTrue();
    stores
        .ledger()
        .charge(new SessionKey(VILLAGE, code, MAC, "mikrotik-1/earlier"), usedBytes, 0, 1_800)
        .orThrow();
    String acctId = "8100" + code.substring(4);
    Session s =
        new Session(
            "mikrotik-1/" + acctId,
            VILLAGE,
            code,
            MAC,
            "mikrotik-1",
            "127.0.0.1",
            acctId,
            "10.5.50.9",
            now.minusSeconds(60),
            now.minusSeconds(5),
            0,
            0,
            0);
    stores.sessions().put(s);
    return s;
  }

  /** The desa admin raises the villagers' daily quota from 1,000 MB to 5,000 MB and saves. */
  private LimitsResult adminRaisesTheQuota() {
    console.save(
        new VillageSettings(
            VILLAGE,
            new BandwidthPackage(50, 10, 0, 2026, 0),
            5_000L,
            null,
            4096L,
            1024L,
            2,
            "00:00-00:00",
            "admin-kemiren",
            Instant.now()));
    var request = stores.sessionCommands().requestLimits(VILLAGE, "", "admin-kemiren");
    await()
        .atMost(WAIT)
        .until(() -> stores.sessionCommands().limitsResult(request.id()).isPresent());
    return stores.sessionCommands().limitsResult(request.id()).orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void theCoaAfterARaisedQuotaCarriesNoMoreThanWhatTheVoucherHasLeft(Store store) throws Exception {
    start(store);
    Session session =
        voucherOnline(unique("KMR7Q2X9"), 300 * MB, Instant.now().plus(Duration.ofDays(5)));

    LimitsResult result = adminRaisesTheQuota();

    assertThat(nas.received()).hasSize(1);
    TestNas.Received coa = nas.received().get(0);
    assertThat(coa.code()).isEqualTo(43);
    assertThat(coa.authenticatorValid()).isTrue();
    assertThat(coa.attribute(44)).isEqualTo(session.acctSessionId());
    // Mikrotik-Total-Limit, counted from the session's start (nothing used in it yet).
    assertThat(coa.vendorNumber(MIKROTIK, 17)).isPositive().isLessThanOrEqualTo(200 * MB);
    assertThat(result.coaAcknowledged()).isEqualTo(1);
    assertThat(result.disconnectsSent()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aUsedUpVoucherIsDisconnectedInsteadOfGettingTheRaisedQuota(Store store) throws Exception {
    start(store);
    Session session =
        voucherOnline(unique("KMRUSED1"), 500 * MB, Instant.now().plus(Duration.ofDays(5)));

    LimitsResult result = adminRaisesTheQuota();

    assertThat(nas.received()).extracting(TestNas.Received::code).containsExactly(40);
    assertThat(nas.received().get(0).attribute(44)).isEqualTo(session.acctSessionId());
    assertThat(result.disconnected()).isEqualTo(1);
    assertThat(result.coaSent()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void anExpiredVoucherIsDisconnectedInsteadOfGettingTheRaisedQuota(Store store) throws Exception {
    start(store);
    Session session = voucherOnline(unique("KMROLD01"), 100 * MB, Instant.now().minusSeconds(60));

    LimitsResult result = adminRaisesTheQuota();

    assertThat(nas.received()).extracting(TestNas.Received::code).containsExactly(40);
    assertThat(nas.received().get(0).attribute(44)).isEqualTo(session.acctSessionId());
    assertThat(result.disconnected()).isEqualTo(1);
    assertThat(result.coaSent()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void theInterimUpdateThatSpendsTheVoucherDisconnectsTheSession(Store store) throws Exception {
    start(store);
    String code = unique("KMRINT01");
    voucherOnline(code, 450 * MB, Instant.now().plus(Duration.ofDays(5)));
    // The ledger remembers a session's counters by its id: a rerun on the same Redis needs a new
    // one.
    String session = unique("v-int-");
    Attributes attributes = new Attributes(RadiusDictionary.load());

    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      // 60 MB more in a new session: 510 of the voucher's 500 MB, far below the 1,000 MB a day.
      for (byte[] record :
          List.of(
              accounting(attributes, 1, code, session, 0, 0),
              accounting(attributes, 3, code, session, 60 * MB, 300))) {
        assertThat(RadiusHarness.exchange(socket, record, server.acctPort(), WAIT)).isPresent();
      }
    }

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(nas.received())
                    .extracting(TestNas.Received::code, r -> r.attribute(44))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(40, session)));
  }

  /** An Accounting-Request of the voucher's session as a MikroTik sends it. */
  private static byte[] accounting(
      Attributes attributes,
      int status,
      String code,
      String session,
      long downloadBytes,
      long sessionSeconds) {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(attributes.unsigned("Acct-Status-Type", status));
    attrs.add(attributes.text("Acct-Session-Id", session));
    attrs.add(attributes.text("User-Name", code));
    attrs.add(attributes.text("Class", "kampung:" + VILLAGE + ":" + code));
    attrs.add(attributes.text("Calling-Station-Id", MAC.toUpperCase(java.util.Locale.ROOT)));
    attrs.add(attributes.unsigned("Acct-Output-Octets", downloadBytes));
    attrs.add(attributes.unsigned("Acct-Input-Octets", 0));
    attrs.add(attributes.unsigned("Acct-Session-Time", sessionSeconds));
    return PacketCodec.encodeRequest(
        4,
        status,
        attrs,
        RadiusHarness.SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        false);
  }
}
