package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AdminSession;
import org.smartkampung.core.admin.AdminSessionStore;
import org.smartkampung.core.admin.AdminSessionStoreContract;

class EmbeddedAdminSessionStoreTest extends AdminSessionStoreContract {

  @Override
  protected AdminSessionStore newStore() {
    return new EmbeddedAdminSessionStore();
  }

  @Override
  protected AdminSessionStore sameBackend(AdminSessionStore first) {
    return first;
  }

  @Test
  void expiredSessionsAreSweptByLaterSignIns() throws Exception {
    Instant start = Instant.parse("2026-11-28T01:00:00Z");
    EmbeddedAdminSessionStore sessions = new EmbeddedAdminSessionStore();
    // A request seen a day later: every session made before is over.
    sessions.find("none", start.plusSeconds(86_400));
    for (int i = 0; i < 1_000; i++) {
      sessions.create(new AdminSession("s" + i, "admin", "n", start.plusSeconds(3_600)));
    }

    java.lang.reflect.Field f = EmbeddedAdminSessionStore.class.getDeclaredField("sessions");
    f.setAccessible(true);
    assertThat(((java.util.Map<?, ?>) f.get(sessions)).size()).isLessThan(64);
  }
}
