package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.village.RegisteredVillage;

class RegistryRulesTest {

  private static final KampungConfig CONFIG = LiveConfigTest.baseWithHotspot();

  @Test
  void aGoodNasClientHasNoProblems() {
    assertThat(
            RegistryRules.checkNasClient(
                CONFIG, LiveConfigTest.nas("kemiren-pos", "10.1.0.0/24", "kemiren"), true))
        .isEmpty();
  }

  @Test
  void everyBadNasFieldIsReportedAtOnce() {
    NasClientSettings bad =
        new NasClientSettings(
            "kemiren-balai", "10.1.0.0/33", "pendek", NasType.MIKROTIK, "entah", null, 70_000);

    assertThat(RegistryRules.checkNasClient(CONFIG, bad, true))
        .containsEntry("name", "registry.duplicate")
        .containsEntry("address", "registry.address")
        .containsEntry("secret", "registry.secretShort")
        .containsEntry("village", "registry.unknownVillage")
        .containsEntry("requireMessageAuthenticator", "form.required")
        .containsEntry("coaPort", "registry.port");
  }

  @Test
  void anotherClientsExactAddressIsRefusedButEditingYourselfIsNot() {
    NasClientSettings sameAddress = LiveConfigTest.nas("kemiren-pos", "10.1.0.1", "kemiren");
    NasClientSettings itself = LiveConfigTest.nas("kemiren-balai", "10.1.0.1", "kemiren");

    assertThat(RegistryRules.checkNasClient(CONFIG, sameAddress, true))
        .containsEntry("address", "registry.addressTaken");
    assertThat(RegistryRules.checkNasClient(CONFIG, itself, false)).isEmpty();
  }

  @Test
  void villageIdsAreUniqueAndZonesAndPoliciesMustExist() {
    RegisteredVillage bad =
        new RegisteredVillage("kemiren", "Kemiren", "Glagah", "Asia/Nowhere", "emas", false);

    assertThat(RegistryRules.checkVillage(CONFIG, bad, true))
        .containsEntry("id", "registry.duplicate")
        .containsEntry("timeZone", "registry.timeZone")
        .containsEntry("policy", "registry.unknownPolicy");
    assertThat(
            RegistryRules.checkVillage(
                CONFIG,
                new RegisteredVillage("olehsari", "Olehsari", "Glagah", "Asia/Jakarta", null, true),
                true))
        .isEmpty();
  }

  @Test
  void secretsWithSpacesOrControlCharactersAreRefused() {
    NasClientSettings spaced =
        new NasClientSettings(
            "x",
            "10.3.0.1",
            "rahasia dengan spasi",
            NasType.GENERIC,
            "kemiren",
            MessageAuthenticatorPolicy.YES,
            3799);
    assertThat(RegistryRules.checkNasClient(CONFIG, spaced, true))
        .containsEntry("secret", "registry.secretChars");
  }

  @Test
  void aRadSecHotspotWithoutAnAddressDoesNotBreakTheAddressCheckOfAnother() {
    KampungConfig b = LiveConfigTest.baseWithHotspot();
    NasClientSettings cgnat =
        new NasClientSettings(
            "kemiren-gw",
            null,
            "unused-over-radsec",
            NasType.KAMPUNG_GATEWAY,
            "kemiren",
            MessageAuthenticatorPolicy.YES,
            3799,
            null,
            null,
            "CN=kemiren-gw");
    KampungConfig withCgnat =
        new KampungConfig(
            b.regency(),
            b.store(),
            b.radius(),
            b.portal(),
            b.loginMethods(),
            b.policies(),
            b.villages(),
            java.util.List.of(cgnat),
            b.subscribers());

    assertThat(
            RegistryRules.checkNasClient(
                withCgnat, LiveConfigTest.nas("kemiren-pos", "10.1.0.9", "kemiren"), true))
        .isEmpty();
  }
}
