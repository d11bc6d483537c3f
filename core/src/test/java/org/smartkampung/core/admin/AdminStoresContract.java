package org.smartkampung.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.RegisteredVillage;
import org.smartkampung.core.village.ServiceLink;
import org.smartkampung.core.village.VillageSettings;

/**
 * What every {@link AdminStores} backend must do, including keeping everything across a reopen (a
 * restart). Each test uses fresh names, so a shared Redis needs no flushing.
 */
public abstract class AdminStoresContract {

  protected static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

  protected AdminStores stores;
  protected String suffix;

  /** Opens the backend; a second call after {@link AdminStores#close()} must see the same data. */
  protected abstract AdminStores open();

  @BeforeEach
  void openStores() {
    suffix = UUID.randomUUID().toString().substring(0, 8);
    stores = open();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }

  private AdminStores reopen() {
    stores.close();
    stores = open();
    return stores;
  }

  protected AdminAccount account(String name, AdminRole role, String village) {
    return new AdminAccount(name + "-" + suffix, role, village, "pbkdf2-sha256$1$AA$AA", T0, T0);
  }

  @Test
  void productPhotosKeepTheirBytesAcrossAReopenUntilDeleted() {
    String village = "desa-" + suffix;
    String id = "0123456789abcdef0123456789abcdef".substring(8) + suffix + ".png";
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2, (byte) 0xff};

    stores.productPhotos().put(village, id, png);

    assertThat(reopen().productPhotos().find(village, id))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(png));
    assertThat(stores.productPhotos().find("desa-lain", id)).isEmpty();
    assertThat(stores.productPhotos().find(village, "../admins.jsonl")).isEmpty();
    stores.productPhotos().delete(village, id);
    assertThat(reopen().productPhotos().find(village, id)).isEmpty();
  }

  @Test
  void usernamesAreUniqueAndUpdatesNeedAnExistingAccount() {
    AdminAccount budi = account("budi", AdminRole.DESA, "kemiren");

    assertThat(stores.admins().create(budi)).isTrue();
    assertThat(stores.admins().create(account("budi", AdminRole.KABUPATEN, null))).isFalse();
    assertThat(stores.admins().update(account("nobody", AdminRole.DESA, "x"))).isFalse();

    assertThat(stores.admins().find(budi.username())).contains(budi);
  }

  @Test
  void changedPasswordsSurviveAReopen() {
    AdminAccount sari = account("sari", AdminRole.KABUPATEN, null);
    stores.admins().create(sari);
    AdminAccount changed = sari.withPasswordHash("pbkdf2-sha256$1$BB$BB", T0.plusSeconds(60));
    assertThat(stores.admins().update(changed)).isTrue();

    assertThat(reopen().admins().find(sari.username())).contains(changed);
    assertThat(stores.admins().list()).contains(changed);
  }

  @Test
  void villageSettingsSurviveAReopenWithEveryValue() {
    String village = "desa-" + suffix;
    VillageSettings settings =
        new VillageSettings(
            village,
            new BandwidthPackage(50, 10, 1000, 2026, 12_000_000),
            750L,
            null,
            2048L,
            512L,
            3,
            "16:00-23:00",
            "budi",
            T0);
    stores.villageSettings().put(settings);

    assertThat(reopen().villageSettings().find(village)).contains(settings);
    assertThat(stores.villageSettings().all()).contains(settings);
  }

  @Test
  void landingContentSurvivesAReopenAndUnknownVillagesAreEmpty() {
    String village = "desa-" + suffix;
    LandingContent content =
        new LandingContent(
            village,
            List.of(new ServiceLink("KTP-el", "https://dukcapil.example.go.id/", "")),
            List.of(new LandingContent.News("Kerja bakti", "Minggu pagi", T0)),
            List.of(new LandingContent.Product("Kopi Osing", "", 35_000, "6281234567890")));
    stores.landingContent().put(content);

    assertThat(reopen().landingContent().find(village)).isEqualTo(content);
    assertThat(stores.landingContent().find("none-" + suffix))
        .isEqualTo(LandingContent.empty("none-" + suffix));
  }

  @Test
  void auditEntriesComeBackNewestFirstAfterAReopen() {
    for (int i = 0; i < 3; i++) {
      stores
          .audit()
          .record(
              new AuditEntry(
                  "9" + suffix + "-" + i,
                  T0.plusSeconds(i),
                  "budi",
                  "kemiren",
                  "quota.update",
                  "kemiren",
                  "before " + i,
                  "after " + i));
    }

    List<AuditEntry> newest = reopen().audit().newest(2);

    assertThat(newest).extracting(AuditEntry::after).containsExactly("after 2", "after 1");
  }

  @Test
  void disabledAccountsStayDisabledAndDeletedAccountsStayGone() {
    AdminAccount budi = account("budi", AdminRole.DESA, "kemiren");
    AdminAccount sari = account("sari", AdminRole.KABUPATEN, null);
    stores.admins().create(budi);
    stores.admins().create(sari);

    assertThat(stores.admins().update(budi.withDisabled(true))).isTrue();
    assertThat(stores.admins().delete(sari.username())).isTrue();
    assertThat(stores.admins().delete(sari.username())).isFalse();

    assertThat(reopen().admins().find(budi.username()).orElseThrow().disabled()).isTrue();
    assertThat(stores.admins().find(sari.username())).isEmpty();
  }

  @Test
  void consoleVillagesHaveUniqueIdsAndSurviveAReopenUntilRemoved() {
    RegisteredVillage village =
        new RegisteredVillage("desa-" + suffix, "Olehsari", "Glagah", "Asia/Jakarta", null, true);
    RegisteredVillage renamed =
        new RegisteredVillage(village.id(), "Olehsari Baru", "Glagah", "Asia/Makassar", "x", false);

    assertThat(stores.registry().addVillage(village)).isTrue();
    assertThat(stores.registry().addVillage(renamed)).isFalse();
    assertThat(stores.registry().updateVillage(renamed)).isTrue();
    assertThat(
            stores
                .registry()
                .updateVillage(
                    new RegisteredVillage("none-" + suffix, "x", "x", "UTC", null, false)))
        .isFalse();

    assertThat(reopen().registry().village(village.id())).contains(renamed);
    assertThat(stores.registry().villages()).contains(renamed);
    assertThat(stores.registry().removeVillage(village.id())).isTrue();
    assertThat(reopen().registry().village(village.id())).isEmpty();
    assertThat(stores.registry().removeVillage(village.id())).isFalse();
  }

  @Test
  void consoleNasClientsKeepTheirSecretAcrossAReopenUntilRemoved() {
    NasClientSettings nas =
        new NasClientSettings(
            "ap-" + suffix,
            "10.20.0.0/24",
            "sangat-rahasia-0123456789",
            NasType.MIKROTIK,
            "kemiren",
            MessageAuthenticatorPolicy.AUTO,
            3799);
    NasClientSettings rekeyed =
        new NasClientSettings(
            nas.name(),
            "10.20.1.5",
            "rahasia-baru-9876543210",
            NasType.COOVACHILLI,
            "kemiren",
            MessageAuthenticatorPolicy.YES,
            1700);

    assertThat(stores.registry().addNasClient(nas)).isTrue();
    assertThat(stores.registry().addNasClient(rekeyed)).isFalse();
    assertThat(reopen().registry().nasClient(nas.name())).contains(nas);
    assertThat(stores.registry().updateNasClient(rekeyed)).isTrue();

    assertThat(reopen().registry().nasClient(nas.name())).contains(rekeyed);
    assertThat(stores.registry().nasClients()).contains(rekeyed);
    assertThat(stores.registry().removeNasClient(nas.name())).isTrue();
    assertThat(reopen().registry().nasClient(nas.name())).isEmpty();
    assertThat(stores.registry().updateNasClient(rekeyed)).isFalse();
  }
}
