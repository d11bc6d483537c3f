package org.smartkampung.portal.admin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.session.KickRequest;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;

class SubscriberServiceTest {

  ServiceFixture f;
  SubscriberService service;

  @BeforeEach
  void start() throws Exception {
    f = new ServiceFixture();
    service = f.services.subscribers();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private Subscriber create(String village, String username) {
    Outcome<Subscriber> made =
        service.create(
            new SubscriberService.Create(village, username, "Wati", "kopi-luwak-1", "budi"));
    assertThat(made).isInstanceOf(Outcome.Done.class);
    return ((Outcome.Done<Subscriber>) made).value();
  }

  @Test
  void aCreatedSubscriberHasAHashedPasswordAndOneAuditEntryWithoutSecrets() {
    create("kemiren", "wati");

    Subscriber wati = f.stores.subscribers().find("wati").orElseThrow();
    assertThat(wati.enabled()).isTrue();
    assertThat(PasswordHasher.verify("kopi-luwak-1", wati.passwordHash())).isTrue();
    assertThat(f.audit())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("subscriber.create");
              assertThat(e.target()).isEqualTo("wati");
              assertThat(e.after()).startsWith("name=Wati, enabled=true");
              assertThat(e.after()).doesNotContain("kopi").doesNotContain(wati.passwordHash());
            });
  }

  @Test
  void badNamesShortPasswordsAndNamesTakenInAnyVillageAreRefusedPerFieldAndNothingIsSaved() {
    create("tamansari", "joko");

    assertThat(service.create(new SubscriberService.Create("kemiren", "Jo", "", "pendek", "budi")))
        .isEqualTo(
            Outcome.refused(
                new AdminError.Invalid(
                    Map.of(
                        "username", "subscriber.usernameChars",
                        "password", "subscriber.passwordShort"))));
    assertThat(
            service.create(
                new SubscriberService.Create("kemiren", "joko", "", "cukup-panjang", "budi")))
        .isEqualTo(Outcome.refused(AdminError.Invalid.of("username", "subscriber.taken")));
    assertThat(f.stores.subscribers().listByVillage("kemiren")).isEmpty();
    assertThat(f.audit()).hasSize(1);
  }

  @Test
  void aPasswordResetIsAuditedWithoutTheOldOrNewHashAndAShortOneIsRefused() {
    Subscriber before = create("kemiren", "wati");

    assertThat(
            service.change(SubscriberService.Change.password("kemiren", "wati", "budi", "pendek")))
        .isEqualTo(Outcome.refused(AdminError.Invalid.of("password", "subscriber.passwordShort")));
    assertThat(
            service.change(
                SubscriberService.Change.password("kemiren", "wati", "budi", "sandi-baru-99")))
        .isInstanceOf(Outcome.Done.class);

    Subscriber after = f.stores.subscribers().find("wati").orElseThrow();
    assertThat(PasswordHasher.verify("sandi-baru-99", after.passwordHash())).isTrue();
    AuditEntry reset = f.audit().get(1);
    assertThat(reset.action()).isEqualTo("subscriber.password");
    assertThat(reset.before()).isEmpty();
    assertThat(reset.after()).isEmpty();
    assertThat(f.audit()).hasSize(2);
    assertThat(before.passwordHash()).isNotEqualTo(after.passwordHash());
  }

  @Test
  void disablingAndAnOverrideAreOneWriteOneEntryAndOnlyAnOverrideAsksForNewLimits() {
    create("kemiren", "wati");
    QuotaOverride more = new QuotaOverride(900L, null, null, null, 3);

    Outcome<SubscriberService.Changed> both =
        service.change(
            new SubscriberService.Change("kemiren", "wati", "budi", null, false, true, more));
    Outcome<SubscriberService.Changed> onlyEnabled =
        service.change(SubscriberService.Change.enabled("kemiren", "wati", "budi", true));

    SubscriberService.Changed c = ((Outcome.Done<SubscriberService.Changed>) both).value();
    assertThat(c.subscriber().enabled()).isFalse();
    assertThat(c.subscriber().quotaOverride()).isEqualTo(more);
    assertThat(c.limits()).isPresent();
    assertThat(((Outcome.Done<SubscriberService.Changed>) onlyEnabled).value().limits()).isEmpty();
    assertThat(f.stores.subscribers().find("wati").orElseThrow().enabled()).isTrue();
    assertThat(f.audit())
        .extracting(AuditEntry::action)
        .containsExactly("subscriber.create", "subscriber.enabled+override", "subscriber.enabled");
    assertThat(f.audit().get(1).after()).contains("enabled=false").contains("userDailyMb=900");
  }

  @Test
  void anotherVillagesSubscriberCannotBeChangedOrDeletedAndAnUnknownOneIsNotFound() {
    create("tamansari", "joko");

    assertThat(service.change(SubscriberService.Change.enabled("kemiren", "joko", "budi", false)))
        .isEqualTo(Outcome.refused(new AdminError.OtherVillage()));
    assertThat(service.delete(new SubscriberService.Delete("kemiren", "joko", "budi")))
        .isEqualTo(Outcome.refused(new AdminError.OtherVillage()));
    assertThat(service.delete(new SubscriberService.Delete("kemiren", "siapa", "budi")))
        .isEqualTo(Outcome.refused(new AdminError.NotFound()));
    assertThat(f.stores.subscribers().find("joko").orElseThrow().enabled()).isTrue();
    assertThat(f.audit()).hasSize(1);
  }

  @Test
  void deletingRemovesTheSubscriberSoTheNameIsFreeAgainAndIsAuditedOnce() {
    create("kemiren", "wati");

    assertThat(service.delete(new SubscriberService.Delete("kemiren", "wati", "budi")))
        .isInstanceOf(Outcome.Done.class);

    assertThat(f.stores.subscribers().find("wati")).isEmpty();
    assertThat(f.audit())
        .extracting(AuditEntry::action)
        .containsExactly("subscriber.create", "subscriber.delete");
    assertThat(f.audit().get(1).before()).startsWith("name=Wati");
    create("tamansari", "wati");
  }

  @Test
  void disablingASubscriberDisconnectsTheirLiveSessionsAndNobodyElses() throws Exception {
    create("kemiren", "sari");
    f.liveSession("kemiren-mt/s1", "kemiren");
    f.liveSession("kemiren-mt/s2", "kemiren");
    Session other = f.liveSession("kemiren-mt/o1", "kemiren");
    f.stores.sessions().put(withUser(other, "joko"));

    service.change(SubscriberService.Change.enabled("kemiren", "sari", "budi", false));

    assertThat(kicked()).containsExactlyInAnyOrder("kemiren-mt/s1", "kemiren-mt/s2");
    assertThat(f.audit())
        .extracting(AuditEntry::action)
        .containsExactly("subscriber.create", "subscriber.enabled", "session.kick", "session.kick");
  }

  @Test
  void deletingASubscriberDisconnectsTheirLiveSessions() throws Exception {
    create("kemiren", "sari");
    f.liveSession("kemiren-mt/s1", "kemiren");

    service.delete(new SubscriberService.Delete("kemiren", "sari", "budi"));

    assertThat(kicked()).containsExactly("kemiren-mt/s1");
    assertThat(f.audit())
        .extracting(AuditEntry::action)
        .containsExactly("subscriber.create", "subscriber.delete", "session.kick");
  }

  /** The sessions whose disconnect was queued. */
  private List<String> kicked() throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (Optional<KickRequest> k;
        (k = f.stores.sessionCommands().nextKick(Duration.ofMillis(200))).isPresent(); ) {
      ids.add(k.get().sessionId());
    }
    return ids;
  }

  private static Session withUser(Session s, String user) {
    return new Session(
        s.id(),
        s.villageId(),
        user,
        s.deviceMac(),
        s.nasName(),
        s.nasAddress(),
        s.acctSessionId(),
        s.framedIp(),
        s.startedAt(),
        s.updatedAt(),
        s.inBytes(),
        s.outBytes(),
        s.rateBitsPerSecond());
  }
}
