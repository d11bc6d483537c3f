package org.smartkampung.portal.admin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.session.KickRequest;

class SessionServiceTest {

  ServiceFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new ServiceFixture();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void aKickOfTheVillagesSessionQueuesOneDisconnectAndOneAuditEntryNamingUserDeviceAndRequest()
      throws Exception {
    f.liveSession("kemiren-mt/abc", "kemiren");

    Outcome<KickRequest> kicked =
        f.services.sessions().kick(new SessionService.Kick("kemiren", "kemiren-mt/abc", "budi"));

    assertThat(kicked).isInstanceOf(Outcome.Done.class);
    KickRequest request = ((Outcome.Done<KickRequest>) kicked).value();
    assertThat(f.stores.sessionCommands().nextKick(Duration.ofSeconds(2)))
        .hasValueSatisfying(k -> assertThat(k.id()).isEqualTo(request.id()));
    assertThat(f.audit())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("session.kick");
              assertThat(e.actor()).isEqualTo("budi");
              assertThat(e.villageId()).isEqualTo("kemiren");
              assertThat(e.target()).isEqualTo("kemiren-mt/abc");
              assertThat(e.before()).isEqualTo("sari 3c:5a:b4:01:02:03");
              assertThat(e.after()).isEqualTo("request " + request.id());
            });
  }

  @Test
  void anotherVillagesSessionIsRefusedAsOtherVillageAndAnUnknownOneAsNotFoundNothingQueued()
      throws Exception {
    f.liveSession("tamansari-mt/xyz", "tamansari");

    assertThat(
            f.services
                .sessions()
                .kick(new SessionService.Kick("kemiren", "tamansari-mt/xyz", "budi")))
        .isEqualTo(Outcome.refused(new AdminError.OtherVillage()));
    assertThat(f.services.sessions().kick(new SessionService.Kick("kemiren", "nope/1", "budi")))
        .isEqualTo(Outcome.refused(new AdminError.NotFound()));
    assertThat(f.services.sessions().kick(new SessionService.Kick("kemiren", null, "budi")))
        .isEqualTo(Outcome.refused(new AdminError.NotFound()));

    assertThat(f.stores.sessionCommands().nextKick(Duration.ofMillis(100))).isEmpty();
    assertThat(f.audit()).extracting(AuditEntry::action).isEmpty();
  }
}
