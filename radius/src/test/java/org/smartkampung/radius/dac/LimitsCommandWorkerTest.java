package org.smartkampung.radius.dac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.session.LimitsResult;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.radius.RadiusServer;
import org.smartkampung.radius.testing.InMemoryStores;
import org.smartkampung.radius.testing.RadiusHarness;
import org.smartkampung.radius.testing.TestNas;

/**
 * A quota edit saved through {@link LiveConfig} (as the console does) reaches running sessions: the
 * real RADIUS role takes the request from the command channel and test NASes on loopback receive
 * the CoA-Request or Disconnect-Request, whose authenticators they check independently.
 */
class LimitsCommandWorkerTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int MIKROTIK = 14988;
  private static final int WISPR = 14122;
  private static final int CHILLISPOT = 14559;
  private static final String VILLAGE = RadiusHarness.VILLAGE;

  @TempDir Path dataDir;

  private final InMemoryStores stores = new InMemoryStores();
  private TestNas mikrotikNas;
  private TestNas chilliNas;
  private TestNas genericNas;
  private AdminStores admin;
  private LiveConfig console;
  private RadiusServer server;

  @BeforeEach
  void start() throws Exception {
    mikrotikNas = new TestNas(RadiusHarness.SECRET);
    chilliNas = new TestNas(RadiusHarness.SECRET);
    genericNas = new TestNas(RadiusHarness.SECRET);
    QuotaPolicy policy =
        new QuotaPolicy("standar", null, null, null, null, 4096L, 1024L, 2, null, 3600, 300, 60);
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
                hotspot("mikrotik-1", "127.0.0.2", NasType.MIKROTIK, mikrotikNas),
                hotspot("chilli-1", "127.0.0.3", NasType.COOVACHILLI, chilliNas),
                hotspot("generic-1", "127.0.0.4", NasType.GENERIC, genericNas)),
            null);
    admin = AdminStoreFactory.embedded(dataDir);
    // Two copies as in a deployment with console and RADIUS in different processes: the RADIUS
    // side would not reload by itself for an hour, so only the worker's reload can show the edit.
    console = new LiveConfig(config, admin.villageSettings(), Clock.systemUTC(), Duration.ZERO);
    LiveConfig radiusSide =
        new LiveConfig(config, admin.villageSettings(), Clock.systemUTC(), Duration.ofHours(1));
    server =
        RadiusServer.start(
            config, radiusSide, stores, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    server.close();
    admin.close();
    mikrotikNas.close();
    chilliNas.close();
    genericNas.close();
  }

  private static org.smartkampung.core.config.NasClientSettings hotspot(
      String name, String address, NasType type, TestNas nas) {
    return RadiusHarness.hotspot(name, address, type, MessageAuthenticatorPolicy.YES, nas.port());
  }

  /**
   * A session that started ten minutes ago, last accounted a minute ago after 30 MB and 540 s, on a
   * NAS whose dynamic-authorization port is a {@link TestNas} on 127.0.0.1; charged to the ledger
   * as accounting would have.
   */
  private Session online(String nasName, String acctId, String user, String mac) {
    Instant now = Instant.now();
    Session s =
        new Session(
            nasName + "/" + acctId,
            VILLAGE,
            user,
            mac,
            nasName,
            "127.0.0.1",
            acctId,
            "10.5.50.7",
            now.minusSeconds(600),
            now.minusSeconds(60),
            25_000_000,
            5_000_000,
            400_000);
    stores.sessions().put(s);
    stores.ledger().charge(new SessionKey(VILLAGE, user, mac, s.id()), 25_000_000, 5_000_000, 540);
    return s;
  }

  /** What the desa admin types into the quota form. */
  private void saveQuota(Long dailyMb, Long minutes, Long downKbps, Long upKbps) {
    console.save(
        new VillageSettings(
            VILLAGE,
            new BandwidthPackage(50, 10, 0, 2026, 0),
            dailyMb,
            minutes,
            downKbps,
            upKbps,
            2,
            "00:00-00:00",
            "admin-kemiren",
            Instant.now()));
  }

  private LimitsResult resultOf(LimitsRequest request) {
    await()
        .atMost(WAIT)
        .until(() -> stores.sessionCommands().limitsResult(request.id()).isPresent());
    return stores.sessionCommands().limitsResult(request.id()).orElseThrow();
  }

  @Test
  void savedVillageQuotaReachesRunningSessionsByCoaInEachNasTypesOwnAttributes() {
    Session onMikrotik = online("mikrotik-1", "81000001", "warga-1", "aa:bb:cc:dd:ee:01");
    online("chilli-1", "5f2a0001", "warga-2", "aa:bb:cc:dd:ee:02");
    online("generic-1", "g-1", "warga-3", "aa:bb:cc:dd:ee:03");

    saveQuota(100L, 30L, 2048L, 512L);
    LimitsRequest request = stores.sessionCommands().requestLimits(VILLAGE, "", "admin-kemiren");
    LimitsResult result = resultOf(request);

    assertThat(mikrotikNas.received()).hasSize(1);
    TestNas.Received coa = mikrotikNas.received().get(0);
    assertThat(coa.code()).isEqualTo(43);
    assertThat(coa.authenticatorValid()).isTrue();
    assertThat(coa.messageAuthenticatorValid()).isTrue();
    assertThat(coa.attribute(44)).isEqualTo(onMikrotik.acctSessionId());
    assertThat(coa.attribute(31)).isEqualTo("AA:BB:CC:DD:EE:01");
    // rx/tx from the router's side: the villager's upload first.
    assertThat(coa.vendorText(MIKROTIK, 8)).isEqualTo("512k/2048k");
    // 100 MB a day, 30 MB already used by this very session: the NAS counts from its start.
    assertThat(coa.vendorNumber(MIKROTIK, 17)).isEqualTo(100_000_000L);
    // 30 minutes a day, 540 s used, all in this session.
    assertThat(coa.number(27)).isEqualTo(1800);

    assertThat(chilliNas.received()).hasSize(1);
    TestNas.Received chilli = chilliNas.received().get(0);
    assertThat(chilli.code()).isEqualTo(43);
    assertThat(chilli.authenticatorValid()).isTrue();
    assertThat(chilli.messageAuthenticatorValid()).isTrue();
    assertThat(chilli.attribute(31)).isEqualTo("AA-BB-CC-DD-EE-02");
    assertThat(chilli.vendorNumber(WISPR, 8)).isEqualTo(2_048_000L);
    assertThat(chilli.vendorNumber(WISPR, 7)).isEqualTo(512_000L);
    assertThat(chilli.vendorNumber(CHILLISPOT, 3)).isEqualTo(100_000_000L);

    assertThat(genericNas.received()).isEmpty();
    assertThat(result)
        .extracting(
            LimitsResult::sessions,
            LimitsResult::coaSent,
            LimitsResult::coaAcknowledged,
            LimitsResult::disconnectsSent,
            LimitsResult::atNextInterim)
        .containsExactly(3, 2, 2, 0, 1);
    assertThat(result.villageId()).isEqualTo(VILLAGE);
    assertThat(server.dynamicAuthorization().recentResults())
        .extracting(DacResult::kind, DacResult::outcome)
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple(DacResult.Kind.COA, DacResult.Outcome.ACK));
  }

  @Test
  void aQuotaLoweredBelowWhatTheVillagerAlreadyUsedDisconnectsInsteadOfCoa() {
    online("mikrotik-1", "81000002", "warga-1", "aa:bb:cc:dd:ee:01");

    saveQuota(20L, null, 2048L, 512L);
    LimitsResult result =
        resultOf(stores.sessionCommands().requestLimits(VILLAGE, "", "admin-kemiren"));

    assertThat(mikrotikNas.received()).extracting(TestNas.Received::code).containsExactly(40);
    assertThat(mikrotikNas.received().get(0).messageAuthenticatorValid()).isTrue();
    assertThat(mikrotikNas.received().get(0).attribute(44)).isEqualTo("81000002");
    assertThat(result.disconnectsSent()).isEqualTo(1);
    assertThat(result.disconnected()).isEqualTo(1);
    assertThat(result.coaSent()).isZero();
  }

  @Test
  void aSubscribersOverrideReachesOnlyThatSubscribersSessions() {
    stores
        .subscribers()
        .create(
            new Subscriber(
                "siti",
                VILLAGE,
                "x",
                "Siti",
                true,
                new QuotaOverride(null, null, 8192L, 2048L, null)));
    online("mikrotik-1", "81000003", "siti", "aa:bb:cc:dd:ee:05");
    online("mikrotik-1", "81000004", "warga-1", "aa:bb:cc:dd:ee:01");

    LimitsResult result =
        resultOf(stores.sessionCommands().requestLimits(VILLAGE, "siti", "admin-kemiren"));

    assertThat(mikrotikNas.received()).hasSize(1);
    TestNas.Received coa = mikrotikNas.received().get(0);
    assertThat(coa.attribute(44)).isEqualTo("81000003");
    assertThat(coa.vendorText(MIKROTIK, 8)).isEqualTo("2048k/8192k");
    // No daily volume anywhere: no octet limit to send.
    assertThat(coa.vendorNumber(MIKROTIK, 17)).isEqualTo(-1);
    assertThat(result.sessions()).isEqualTo(1);
    assertThat(result.coaAcknowledged()).isEqualTo(1);
  }

  @Test
  void aNasThatDoesNotAnswerIsRecordedAsNotAcknowledged() {
    online("mikrotik-1", "81000005", "warga-1", "aa:bb:cc:dd:ee:01");
    mikrotikNas.ignoreNext(10);

    LimitsResult result =
        resultOf(stores.sessionCommands().requestLimits(VILLAGE, "", "admin-kemiren"));

    assertThat(result.coaSent()).isEqualTo(1);
    assertThat(result.coaAcknowledged()).isZero();
    assertThat(mikrotikNas.received()).hasSize(3);
    assertThat(server.dynamicAuthorization().recentResults().get(0).outcome())
        .isEqualTo(DacResult.Outcome.TIMEOUT);
  }
}
