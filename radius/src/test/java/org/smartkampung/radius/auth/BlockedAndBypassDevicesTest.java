package org.smartkampung.radius.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smartkampung.radius.testing.ExternalTool.RADCLIENT;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.StoreOutagePolicy;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.config.SubscriberSeed;
import org.smartkampung.core.device.DeviceListKind;
import org.smartkampung.core.device.ListedDevice;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.login.FailedLogin;
import org.smartkampung.core.login.FailedLogins;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.radius.RadiusServer;
import org.smartkampung.radius.testing.ExternalTool;

/**
 * A village's device lists at a real RADIUS server driven by radclient, on the embedded store and
 * on a real redis-server: a blocked MAC is refused with the village's message for every kind of
 * login (subscriber PAP, voucher CHAP, a portal token, MAC login), counted by reason and shown in
 * the failed logins, while another MAC gets in; a bypass MAC gets in by MAC login although the
 * village does not use MAC login, charging its own identity with no villager cap. The shipped
 * config's village "kemiren" on the all-day policy "longgar", MAC login off, one MikroTik hotspot.
 */
class BlockedAndBypassDevicesTest {

  private static final String BLOCKED_MESSAGE =
      "Reply-Message = \"Perangkat ini diblokir oleh admin desa. Hubungi kantor desa.\"";
  private static final String BLOCKED = "00-1A-2B-3C-4D-5E";
  private static final String OTHER = "00-1A-2B-3C-4D-5F";
  private static final String KANTOR = "00-1A-2B-3C-4D-60";

  private static KampungConfig config(StoreSettings store) throws Exception {
    KampungConfig shipped = ConfigLoader.load(Path.of("../config/kampung.yaml"));
    return new KampungConfig(
        shipped.regency(),
        store,
        new RadiusSettings(true, "127.0.0.1", 0, 0, 30, null, StoreOutagePolicy.REJECT, 30),
        shipped.portal(),
        shipped.loginMethods(),
        shipped.policies(),
        shipped.villages().stream()
            .map(
                v ->
                    new Village(
                        v.id(),
                        v.name(),
                        v.kecamatan(),
                        v.timeZone(),
                        v.bandwidthPackage(),
                        "longgar",
                        false,
                        v.services()))
            .toList(),
        List.of(
            new NasClientSettings(
                "mikrotik-kemiren",
                "127.0.0.1",
                "testing123",
                NasType.MIKROTIK,
                "kemiren",
                MessageAuthenticatorPolicy.YES,
                null)),
        shipped.subscribers());
  }

  private static StoreSettings store(String kind, Path dir) {
    return kind.equals("embedded")
        ? new StoreSettings(StoreType.EMBEDDED, dir, null, null, null)
        : new StoreSettings(StoreType.REDIS, dir, null, null, RedisTestServer.settings());
  }

  private static KampungStores open(KampungConfig config) {
    return StoreFactory.open(
        config, new ConfigLimitsSource(config), Clock.systemUTC(), new SimpleMeterRegistry());
  }

  private static String radclient(RadiusServer server, String input) throws Exception {
    return ExternalTool.radclient(server.authPort(), "auth", "testing123", 2, input).output();
  }

  /** As above, waiting longer: a JVM's first password hash is slow while the code warms up. */
  private static String firstLogin(RadiusServer server, String input) throws Exception {
    return ExternalTool.radclient(server.authPort(), "auth", "testing123", 15, input).output();
  }

  private static String from(String mac) {
    return "Calling-Station-Id = \"" + mac + "\"\nMessage-Authenticator = 0x00\n";
  }

  /**
   * A subscriber of this run only, with the shipped seed's password "kampung123": a Redis shared
   * with other tests may hold a "warga" whose password was changed.
   */
  private final String warga = "warga-" + UUID.randomUUID().toString().substring(0, 8);

  private void createSubscriber(KampungConfig config, KampungStores stores) {
    SubscriberSeed seed = config.subscribers().get(0);
    stores
        .subscribers()
        .create(new Subscriber(warga, "kemiren", seed.passwordHash(), "Warga Uji", true, null));
  }

  private String subscriber(String mac) {
    return "User-Name = " + warga + "\nUser-Password = kampung123\n" + from(mac);
  }

  private static String macLogin(String mac) {
    return "User-Name = \"" + mac + "\"\nUser-Password = \"" + mac + "\"\n" + from(mac);
  }

  private static ListedDevice listed(String mac, DeviceListKind kind) {
    return new ListedDevice(
        "kemiren",
        org.smartkampung.core.nas.Macs.normalize(mac),
        kind,
        "uji",
        "admin-kemiren",
        Instant.now());
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void aBlockedMacIsRefusedForEveryKindOfLoginWithTheVillagesMessage(String kind, @TempDir Path dir)
      throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    KampungConfig config = config(store(kind, dir));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Instant now = Instant.now();
    String voucher =
        "BLK" + UUID.randomUUID().toString().substring(0, 5).toUpperCase(java.util.Locale.ROOT);
    try (KampungStores stores = open(config);
        RadiusServer server = RadiusServer.start(config, stores, Clock.systemUTC(), registry)) {
      createSubscriber(config, stores);
      stores.deviceLists().remove("kemiren", listed(BLOCKED, DeviceListKind.BLOCKED).mac());
      assertThat(firstLogin(server, subscriber(BLOCKED))).contains("Received Access-Accept");

      stores.deviceLists().add(listed(BLOCKED, DeviceListKind.BLOCKED));
      stores
          .vouchers()
          .createAll(
              List.of(
                  new Voucher(
                      voucher,
                      "kemiren",
                      "b1",
                      now,
                      now.plus(Duration.ofDays(1)),
                      300_000_000L,
                      30,
                      1,
                      VoucherStatus.UNUSED,
                      null,
                      "")));
      stores
          .loginTokens()
          .mint(
              new LoginToken(
                  "tok-" + kind,
                  "rahasia-token",
                  "kemiren",
                  "gratis",
                  LoginMethod.CLICK_THROUGH,
                  "00:1a:2b:3c:4d:5e",
                  "mikrotik-kemiren",
                  now.plusSeconds(120)));

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> radclient(server, subscriber(BLOCKED)).contains("Access-Reject"));
      assertThat(radclient(server, subscriber(BLOCKED)))
          .as("subscriber, PAP")
          .contains("Received Access-Reject")
          .contains(BLOCKED_MESSAGE);
      assertThat(
              radclient(
                  server,
                  "User-Name = "
                      + voucher
                      + "\nCHAP-Password = \""
                      + voucher
                      + "\"\n"
                      + from(BLOCKED)))
          .as("voucher, CHAP")
          .contains("Received Access-Reject")
          .contains(BLOCKED_MESSAGE);
      assertThat(
              radclient(
                  server,
                  "User-Name = tok-" + kind + "\nUser-Password = rahasia-token\n" + from(BLOCKED)))
          .as("portal token")
          .contains(BLOCKED_MESSAGE);
      assertThat(radclient(server, macLogin(BLOCKED))).as("MAC login").contains(BLOCKED_MESSAGE);

      assertThat(stores.vouchers().find(voucher).orElseThrow().status())
          .as("a blocked device spends no voucher")
          .isEqualTo(VoucherStatus.UNUSED);
      assertThat(radclient(server, subscriber(OTHER))).contains("Received Access-Accept");
      assertThat(
              radclient(
                  server,
                  "User-Name = "
                      + voucher
                      + "\nCHAP-Password = \""
                      + voucher
                      + "\"\n"
                      + from(OTHER)))
          .contains("Received Access-Accept");

      Counter rejects =
          registry.find("kampung.radius.rejects").tag("reason", "device_blocked").counter();
      assertThat(rejects).isNotNull();
      assertThat(rejects.count()).isGreaterThanOrEqualTo(4);
      assertThat(stores.failedLogins().recent("kemiren", 10))
          .extracting(FailedLogin::reason)
          .contains("device_blocked");

      stores.deviceLists().remove("kemiren", listed(BLOCKED, DeviceListKind.BLOCKED).mac());
      assertThat(radclient(server, subscriber(BLOCKED))).contains("Received Access-Accept");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void aBypassMacGetsInByMacLoginAndChargesItsOwnUncappedIdentity(String kind, @TempDir Path dir)
      throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    KampungConfig config = config(store(kind, dir));
    try (KampungStores stores = open(config);
        RadiusServer server =
            RadiusServer.start(config, stores, Clock.systemUTC(), new SimpleMeterRegistry())) {
      stores.deviceLists().add(listed(KANTOR, DeviceListKind.BYPASS));

      String accepted = radclient(server, macLogin(KANTOR));
      assertThat(accepted)
          .contains("Received Access-Accept")
          // Class "kampung:kemiren:bypass-00:1a:2b:3c:4d:60"
          .contains(hex("kampung:kemiren:bypass-00:1a:2b:3c:4d:60"))
          .as("no villager cap: the policy's 3000 MB a day does not apply")
          .doesNotContain("Mikrotik-Total-Limit = 3000000000");
      String unknown = randomMac();
      assertThat(radclient(server, macLogin(unknown)))
          .as("an unlisted MAC cannot log in by MAC where MAC login is off")
          .contains("Received Access-Reject");
      assertThat(stores.failedLogins().recent("kemiren", FailedLogins.KEPT_PER_VILLAGE))
          .as("a NAS's MAC-login probe of an unknown device is no villager's failed login")
          .extracting(FailedLogin::who)
          .doesNotContain(unknown);
    }
  }

  /** A MAC of this run only, globally administered: the Redis is shared with other tests. */
  private static String randomMac() {
    return "00-" + UUID.randomUUID().toString().substring(24, 34).replaceAll("(..)(?!$)", "$1-");
  }

  private static String hex(String text) {
    StringBuilder s = new StringBuilder("0x");
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      s.append(String.format(java.util.Locale.ROOT, "%02x", b));
    }
    return s.toString();
  }

  @Test
  void aBlockMadeThroughOneServerRefusesAtAnotherOnTheSameRedis(@TempDir Path dir)
      throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    KampungConfig config = config(store("redis", dir));
    String mac = randomMac();
    try (KampungStores storesA = open(config);
        KampungStores storesB = open(config);
        RadiusServer serverB =
            RadiusServer.start(config, storesB, Clock.systemUTC(), new SimpleMeterRegistry())) {
      createSubscriber(config, storesA);
      assertThat(firstLogin(serverB, subscriber(mac)))
          .as("B has read (and cached) the village's lists")
          .contains("Received Access-Accept");

      storesA.deviceLists().add(listed(mac, DeviceListKind.BLOCKED));

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> radclient(serverB, subscriber(mac)).contains(BLOCKED_MESSAGE));
      storesA.deviceLists().remove("kemiren", listed(mac, DeviceListKind.BLOCKED).mac());
    }
  }
}
