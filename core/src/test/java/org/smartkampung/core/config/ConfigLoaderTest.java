package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.subscriber.PasswordHasher;

class ConfigLoaderTest {

  private static final String FILE = "config/kampung.yaml";
  private static final String HASH = new PasswordHasher(1).hash("rahasia");

  /** A small valid config; tests change one line at a time so every other line stays put. */
  private static final String BASE =
      """
      regency:
        id: banyuwangi
        name: Kabupaten Banyuwangi
        time-zone: Asia/Jakarta
      portal:
        port: 8080
        public-url: http://10.5.50.2:8080
      policies:
        - id: standar
          user-daily-mb: 1000
          user-rate-down-kbps: 4096
          opening-hours: "05:00-23:00"
      villages:
        - id: kemiren
          name: Kemiren
          policy: standar
          services:
            - name: SKCK
              url: https://skck.polri.go.id/
        - id: tamansari
          name: Tamansari
      hotspots:
        - name: balai
          address: 10.20.1.1
          secret: s3cret
          village: kemiren
          coa-port: 3799
        - name: pos
          address: 10.20.2.0/24
          secret: s3cret
          village: tamansari
      subscribers:
        - username: warga
          village: kemiren
          password-hash: HASH
      """
          .replace("HASH", HASH);

  private static String withLine(int line, String replacement) {
    List<String> lines = new ArrayList<>(BASE.lines().toList());
    lines.set(line - 1, replacement);
    return String.join("\n", lines) + "\n";
  }

  private static KampungConfig load(String yaml) throws ConfigException {
    return ConfigLoader.load(FILE, yaml, Map.of());
  }

  private static List<ConfigError> errorsOf(String yaml) {
    return errorsOf(yaml, Map.of());
  }

  private static List<ConfigError> errorsOf(String yaml, Map<String, String> env) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(FILE, yaml, env));
    assertThat(e).as("expected the config to be rejected").isNotNull();
    return e.errors();
  }

  private static ConfigError error(int line, String field, String message) {
    return new ConfigError(FILE, line, field, message);
  }

  // --- the shipped file and defaults ---

  @Test
  void shippedKampungYamlLoadsWithoutErrors() throws Exception {
    Path shipped = Path.of("../config/kampung.yaml");
    KampungConfig config =
        ConfigLoader.load(shipped.toString(), Files.readString(shipped), Map.of());

    assertThat(config.regency().name()).isEqualTo("Kabupaten Banyuwangi");
    assertThat(config.regency().timeZone()).isEqualTo(ZoneId.of("Asia/Jakarta"));
    assertThat(config.store().type()).isEqualTo(StoreType.EMBEDDED);
    assertThat(config.store().snapshotIntervalSeconds()).isEqualTo(5);
    assertThat(config.radius().authPort()).isEqualTo(1812);
    assertThat(config.radius().acctPort()).isEqualTo(1813);
    assertThat(config.portal().publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(config.loginMethods())
        .containsExactly(LoginMethod.CLICK_THROUGH, LoginMethod.VOUCHER, LoginMethod.SUBSCRIBER);
    // The demo subscriber's village (Kemiren, standar) is open at any hour, so the README's
    // radtest works at night too; Sumberagung shows opening hours.
    assertThat(config.policy("standar").orElseThrow().openingHours())
        .isEqualTo(OpeningHours.ALWAYS);
    assertThat(config.policy("jam-layanan").orElseThrow().openingHours())
        .isEqualTo(OpeningHours.parse("05:00-23:00"));
    assertThat(config.village("sumberagung").orElseThrow().policy()).isEqualTo("jam-layanan");
    assertThat(config.villages())
        .extracting(v -> v.id())
        .containsExactly("kemiren", "tamansari", "sumberagung", "grajagan");
    assertThat(config.village("grajagan").orElseThrow().bandwidthPackage()).isNull();
    assertThat(config.village("kemiren").orElseThrow().bandwidthPackage().budgetYear())
        .isEqualTo(2026);
    assertThat(config.village("kemiren").orElseThrow().services()).hasSize(6);

    NasClient demo = config.nasClients().get(0);
    assertThat(demo.name()).isEqualTo("demo-loopback");
    assertThat(demo.secret()).isEqualTo("testing123");
    assertThat(demo.type()).isEqualTo(NasType.GENERIC);
    assertThat(demo.requireMessageAuthenticator()).isEqualTo(MessageAuthenticatorPolicy.AUTO);
    assertThat(PasswordHasher.verify("kampung123", config.subscribers().get(0).passwordHash()))
        .as("the demo subscriber's password is the one the comment names")
        .isTrue();
  }

  @Test
  void loadFromPathReadsTheFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, BASE);
    assertThat(ConfigLoader.load(good).villages()).hasSize(2);

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, withLine(6, "  port: 0"));
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(bad));
    assertThat(e.errors())
        .containsExactly(
            new ConfigError(bad.toString(), 6, "portal.port", "port 0 is out of range 1-65535"));
  }

  @Test
  void leftOutSettingsGetTheirDefaults() throws Exception {
    String minimal =
        """
        regency:
          id: banyuwangi
          name: Kabupaten Banyuwangi
        villages:
          - id: kemiren
            name: Kemiren
        hotspots:
          - name: balai
            address: 10.20.1.1
            secret: s3cret
            village: kemiren
        """;
    KampungConfig config = load(minimal);

    assertThat(config.regency().timeZone()).isEqualTo(ZoneId.of("Asia/Jakarta"));
    assertThat(config.villages().get(0).timeZone()).isEqualTo(ZoneId.of("Asia/Jakarta"));
    NasClient nas = config.nasClients().get(0);
    assertThat(nas.coaPort()).isEqualTo(3799);
    assertThat(nas.requireMessageAuthenticator()).isEqualTo(MessageAuthenticatorPolicy.YES);
    assertThat(nas.type()).isEqualTo(NasType.GENERIC);
    assertThat(config.store().type()).isEqualTo(StoreType.EMBEDDED);
    assertThat(config.store().dataDir()).isEqualTo(Path.of("data"));
    assertThat(config.radius().authPort()).isEqualTo(1812);
    assertThat(config.portal().port()).isEqualTo(8080);
    assertThat(config.loginMethods()).hasSize(3);
  }

  @Test
  void villagesWithoutAZoneTakeTheRegencysZone() throws Exception {
    KampungConfig config =
        load(
            withLine(4, "  time-zone: Asia/Makassar")
                .replace(
                    "    name: Tamansari", "    name: Tamansari\n    time-zone: Asia/Jayapura"));
    assertThat(config.village("kemiren").orElseThrow().timeZone())
        .isEqualTo(ZoneId.of("Asia/Makassar"));
    assertThat(config.village("tamansari").orElseThrow().timeZone())
        .isEqualTo(ZoneId.of("Asia/Jayapura"));
  }

  @Test
  void errorPrintsAsFileLineFieldMessage() {
    List<ConfigError> errors = errorsOf(withLine(31, "    village: kemirin"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).toString())
        .isEqualTo(
            "config/kampung.yaml:31: hotspots[1].village:"
                + " unknown village 'kemirin' (known: kemiren, tamansari)");
  }

  // --- syntax, keys and types ---

  @Test
  void yamlSyntaxErrorNamesTheParsersLine() {
    List<ConfigError> errors = errorsOf(withLine(15, "    name: [Kemiren"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).field()).isEqualTo("(yaml)");
    assertThat(errors.get(0).line()).isBetween(15, 16);
    assertThat(errors.get(0).message()).startsWith("syntax error: ");
  }

  @Test
  void colonInsidePlainValueIsASyntaxErrorOnItsLine() {
    List<ConfigError> errors = errorsOf(withLine(4, "  time-zone: Asia/Jakarta: WIB"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).line()).isEqualTo(4);
    assertThat(errors.get(0).message()).contains("mapping values are not allowed here");
  }

  @Test
  void unknownNestedKeySuggestsTheClosestKey() {
    assertThat(errorsOf(withLine(10, "    user-dayly-mb: 1000")))
        .containsExactly(
            error(
                10,
                "policies[0].user-dayly-mb",
                "unknown key 'user-dayly-mb' (did you mean 'user-daily-mb'?)"));
  }

  @Test
  void unknownTopLevelKeyIsReported() {
    List<ConfigError> errors = errorsOf(BASE + "radious:\n  auth-port: 1812\n");
    assertThat(errors)
        .containsExactly(error(36, "radious", "unknown key 'radious' (did you mean 'radius'?)"));
  }

  @Test
  void unknownKeyFarFromAnyListsTheKnownKeys() {
    assertThat(errorsOf(withLine(4, "  kabupaten: Banyuwangi")))
        .containsExactly(
            error(
                4,
                "regency.kabupaten",
                "unknown key 'kabupaten' (known keys: id, name, time-zone)"));
  }

  @Test
  void duplicateYamlKeyIsReported() {
    assertThat(errorsOf(withLine(16, "    name: Kemiren Lagi")))
        .containsExactly(error(16, "villages[0].name", "duplicate key (first at line 15)"));
  }

  @Test
  void textWhereANumberIsExpectedIsReported() {
    assertThat(errorsOf(withLine(10, "    user-daily-mb: banyak")))
        .containsExactly(
            error(10, "policies[0].user-daily-mb", "expected a whole number, got 'banyak'"));
  }

  @Test
  void aListWhereTextIsExpectedIsReportedOnce() {
    assertThat(errorsOf(withLine(26, "    village: [kemiren]")))
        .containsExactly(error(26, "hotspots[0].village", "expected text, got a list"));
  }

  @Test
  void numbersAreAcceptedAsText() throws Exception {
    assertThat(load(withLine(25, "    secret: 12345")).hotspots().get(0).secret())
        .isEqualTo("12345");
  }

  // --- required fields ---

  @ParameterizedTest(name = "{1} missing")
  @CsvSource(
      delimiter = '|',
      value = {
        "9  | '  - user-daily-minutes: 60' | policies[0].id   | 9",
        "14 | '  - kecamatan: Glagah'      | villages[0].id   | 14",
        "15 | '    kecamatan: Glagah'      | villages[0].name | 14",
        "23 | '  - type: mikrotik'         | hotspots[0].name | 23",
        "24 | '    type: mikrotik'         | hotspots[0].address | 23",
        "25 | '    type: mikrotik'         | hotspots[0].secret | 23",
        "26 | '    type: mikrotik'         | hotspots[0].village | 23",
        "34 | '    display-name: Warga'    | subscribers[0].village | 33",
        "35 | '    display-name: Warga'    | subscribers[0].password-hash | 33",
      })
  void missingRequiredFieldIsReportedAtItsEntry(
      int line, String replacement, String field, int expectedLine) {
    assertThat(errorsOf(withLine(line, replacement)))
        .contains(error(expectedLine, field, "missing required field"));
  }

  @Test
  void emptyRequiredTextIsReported() {
    assertThat(errorsOf(withLine(25, "    secret: ''")))
        .containsExactly(error(25, "hotspots[0].secret", "must not be empty"));
  }

  @Test
  void missingRegencySectionHasNoLine() {
    String yaml = BASE.substring(BASE.indexOf("portal:"));
    assertThat(errorsOf(yaml))
        .containsExactly(error(0, "regency", "missing required section (id, name, time-zone)"));
  }

  // --- addresses ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.20.1.300",
        "10.20.1",
        "10.20.01.1",
        "10.20.1.1/",
        "10.20.1.0/33",
        "fe80::zz",
        "2001:db8::/129",
        "1:2:3:4:5:6:7:8:9",
        "balai.desa.id"
      })
  void badAddressOrCidrIsReported(String address) {
    List<ConfigError> errors = errorsOf(withLine(24, "    address: \"" + address + "\""));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).line()).isEqualTo(24);
    assertThat(errors.get(0).field()).isEqualTo("hotspots[0].address");
    assertThat(errors.get(0).message()).contains(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"127.0.0.1", "0.0.0.0/0", "10.20.0.0/16", "2001:db8::1", "2001:db8::/48", "::1"})
  void goodAddressesAndCidrBlocksLoad(String address) throws Exception {
    assertThat(load(withLine(24, "    address: \"" + address + "\"")).hotspots().get(0).address())
        .isEqualTo(address);
  }

  // --- ids, duplicates and references ---

  @Test
  void duplicateVillageIdIsReportedAtTheSecond() {
    // hotspots[1] now names a village that no longer exists: reported too, but not pinned here.
    assertThat(errorsOf(withLine(20, "  - id: kemiren")))
        .contains(error(20, "villages[1].id", "duplicate village id 'kemiren' (first at line 14)"));
  }

  @Test
  void duplicatePolicyIdIsReportedAtTheSecond() {
    assertThat(errorsOf(withLine(11, "  - id: standar")))
        .containsExactly(
            error(11, "policies[1].id", "duplicate policy id 'standar' (first at line 9)"));
  }

  @Test
  void duplicateHotspotNameIsReportedAtTheSecond() {
    assertThat(errorsOf(withLine(28, "  - name: balai")))
        .containsExactly(
            error(28, "hotspots[1].name", "duplicate hotspot name 'balai' (first at line 23)"));
  }

  @Test
  void duplicateSubscriberUsernameIsReportedAtTheSecond() {
    String yaml =
        BASE + "  - username: warga\n    village: tamansari\n    password-hash: " + HASH + "\n";
    assertThat(errorsOf(yaml))
        .containsExactly(
            error(
                36,
                "subscribers[1].username",
                "duplicate subscriber username 'warga' (first at line 33)"));
  }

  @Test
  void subscriberInUnknownVillageIsReported() {
    assertThat(errorsOf(withLine(34, "    village: glagah")))
        .containsExactly(
            error(
                34,
                "subscribers[0].village",
                "unknown village 'glagah' (known: kemiren, tamansari)"));
  }

  @Test
  void villageWithUnknownPolicyIsReported() {
    assertThat(errorsOf(withLine(16, "    policy: standard")))
        .containsExactly(
            error(16, "villages[0].policy", "unknown policy 'standard' (known: standar)"));
  }

  @Test
  void idWithCapitalsOrUnderscoresIsReported() {
    assertThat(errorsOf(withLine(20, "  - id: Taman_Sari")))
        .contains(
            error(
                20,
                "villages[1].id",
                "'Taman_Sari' is not a valid id: use lowercase letters, digits and '-' only"));
  }

  // --- values ---

  @ParameterizedTest
  @CsvSource({
    "10, '    user-daily-mb: -5', policies[0].user-daily-mb, 'must not be negative, got -5'",
    "11, '    user-rate-down-kbps: -1', policies[0].user-rate-down-kbps, 'must not be negative, got -1'"
  })
  void negativeQuotaOrRateIsReported(int line, String replacement, String field, String message) {
    assertThat(errorsOf(withLine(line, replacement))).containsExactly(error(line, field, message));
  }

  @Test
  void badTimeZoneIsReported() {
    assertThat(errorsOf(withLine(4, "  time-zone: Asia/Jakrta")))
        .containsExactly(
            error(
                4,
                "regency.time-zone",
                "unknown time zone 'Asia/Jakrta'"
                    + " (Indonesia uses Asia/Jakarta, Asia/Makassar or Asia/Jayapura)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"25:00-23:00", "05:00", "pagi-malam"})
  void badOpeningHoursAreReported(String hours) {
    List<ConfigError> errors = errorsOf(withLine(12, "    opening-hours: \"" + hours + "\""));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).line()).isEqualTo(12);
    assertThat(errors.get(0).field()).isEqualTo("policies[0].opening-hours");
    assertThat(errors.get(0).message()).startsWith("bad opening hours: ");
  }

  @ParameterizedTest
  @CsvSource({
    "6, '  port: 70000', portal.port, 'port 70000 is out of range 1-65535'",
    "27, '    coa-port: 0', hotspots[0].coa-port, 'port 0 is out of range 1-65535'"
  })
  void portOutOfRangeIsReported(int line, String replacement, String field, String message) {
    assertThat(errorsOf(withLine(line, replacement))).containsExactly(error(line, field, message));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://skck.polri.go.id/", "skck.polri.go.id", "javascript:alert(1)"})
  void serviceLinkMustBeHttpOrHttps(String url) {
    assertThat(errorsOf(withLine(19, "        url: \"" + url + "\"")))
        .containsExactly(
            error(
                19,
                "villages[0].services[0].url",
                "'" + url + "' is not an http:// or https:// address"));
  }

  @Test
  void cleartextPasswordInsteadOfHashIsReported() {
    assertThat(errorsOf(withLine(35, "    password-hash: kampung123")))
        .containsExactly(
            error(
                35,
                "subscribers[0].password-hash",
                "not a password hash (expected pbkdf2-sha256$<iterations>$<salt>$<hash>;"
                    + " make one with: kampung hash-password)"));
  }

  @Test
  void redisUriMustUseARedisScheme() {
    String yaml = BASE + "store:\n  type: redis\n  redis:\n    uri: http://127.0.0.1:6379\n";
    assertThat(errorsOf(yaml))
        .containsExactly(
            error(
                39,
                "store.redis.uri",
                "'http://127.0.0.1:6379' must start with redis:// (or rediss:// for TLS),"
                    + " e.g. redis://127.0.0.1:6379"));
  }

  @Test
  void redisStoreWithTlsUriLoads() throws Exception {
    KampungConfig config =
        load(BASE + "store:\n  type: redis\n  redis:\n    uri: rediss://cache.local:6380/0\n");
    assertThat(config.store().type()).isEqualTo(StoreType.REDIS);
    assertThat(config.store().redis().uri()).isEqualTo("rediss://cache.local:6380/0");
  }

  // --- enums ---

  @ParameterizedTest
  @CsvSource({"yes, YES", "no, NO", "auto, AUTO", "'\"yes\"', YES", "true, YES", "off, NO"})
  void messageAuthenticatorAcceptsYesNoAsWordOrBoolean(String written, String expected)
      throws Exception {
    KampungConfig config = load(withLine(27, "    require-message-authenticator: " + written));
    assertThat(config.hotspots().get(0).requireMessageAuthenticator())
        .isEqualTo(MessageAuthenticatorPolicy.valueOf(expected));
  }

  @Test
  void enumValuesAreKebabCase() throws Exception {
    KampungConfig config =
        load(withLine(27, "    type: kampung-gateway") + "login-methods: [click-through, mac]\n");
    assertThat(config.hotspots().get(0).type()).isEqualTo(NasType.KAMPUNG_GATEWAY);
    assertThat(config.loginMethods()).containsExactly(LoginMethod.CLICK_THROUGH, LoginMethod.MAC);
  }

  @Test
  void unknownEnumValueSuggestsTheClosest() {
    assertThat(errorsOf(withLine(27, "    type: mikrotk")))
        .containsExactly(
            error(
                27,
                "hotspots[0].type",
                "expected one of mikrotik, coovachilli, kampung-gateway, generic, got 'mikrotk'"
                    + " (did you mean 'mikrotik'?)"));
  }

  @Test
  void storeOutagePolicyDefaultsToRejectAndReadsNoAnswer() throws Exception {
    assertThat(load(BASE).radius().onStoreOutage()).isEqualTo(StoreOutagePolicy.REJECT);
    assertThat(load(BASE + "radius:\n  on-store-outage: no-answer\n").radius().onStoreOutage())
        .isEqualTo(StoreOutagePolicy.NO_ANSWER);
  }

  @Test
  void unknownStoreOutagePolicyIsReportedWithItsLine() {
    assertThat(errorsOf(BASE + "radius:\n  on-store-outage: diam\n"))
        .containsExactly(
            error(37, "radius.on-store-outage", "expected one of reject, no-answer, got 'diam'"));
  }

  @Test
  void rememberedDeviceDaysDefaultTo30AndMustBePositive() throws Exception {
    assertThat(load(BASE).radius().rememberedDeviceDays()).isEqualTo(30);
    assertThat(errorsOf(BASE + "radius:\n  remembered-device-days: 0\n"))
        .containsExactly(error(37, "radius.remembered-device-days", "must be at least 1, got 0"));
  }

  // --- all errors at once ---

  @Test
  void everyErrorInAFileIsReportedInLineOrder() {
    String yaml =
        BASE.replace("  port: 8080", "  port: delapan")
            .replace("    user-rate-down-kbps: 4096", "    user-rate-down-kbps: -4096")
            .replace("    village: tamansari", "    village: kemirin")
            .replace("    password-hash: " + HASH, "    password-hash: rahasia");
    assertThat(errorsOf(yaml))
        .extracting(ConfigError::line, ConfigError::field)
        .containsExactly(
            tuple(6, "portal.port"),
            tuple(11, "policies[0].user-rate-down-kbps"),
            tuple(31, "hotspots[1].village"),
            tuple(35, "subscribers[0].password-hash"));
  }

  @Test
  void exceptionMessageListsEveryError() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                load(
                    withLine(6, "  port: 0")
                        .replace("    village: tamansari", "    village: kemirin")));
    assertThat(e.getMessage())
        .contains("2 configuration error(s)")
        .contains("config/kampung.yaml:6: portal.port: ")
        .contains("config/kampung.yaml:31: hotspots[1].village: ");
  }
}
