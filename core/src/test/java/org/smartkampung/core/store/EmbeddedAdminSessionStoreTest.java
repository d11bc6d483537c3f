package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AdminSession;
import org.smartkampung.core.admin.AdminSessionStore;
import org.smartkampung.core.admin.AdminSessionStoreContract;

class EmbeddedAdminSessionStoreTest extends AdminSessionStoreContract {

  @Override
  protected AdminSessionStore newStore() {
    return new EmbeddedAdminSessionStore(Clock.systemUTC());
  }

  @Override
  protected AdminSessionStore sameBackend(AdminSessionStore first) {
    return first;
  }

  @Test
  void expiredSessionsAreSweptByLaterSignIns() throws Exception {
    Instant start = Instant.parse("2026-11-28T01:00:00Z");
    EmbeddedAdminSessionStore sessions =
        new EmbeddedAdminSessionStore(Clock.fixed(start.plusSeconds(86_400), ZoneOffset.UTC));
    for (int i = 0; i < 1_000; i++) {
      sessions.create(new AdminSession("s" + i, "admin", "n", start.plusSeconds(3_600)));
    }

    java.lang.reflect.Field f = EmbeddedAdminSessionStore.class.getDeclaredField("sessions");
    f.setAccessible(true);
    assertThat(((java.util.Map<?, ?>) f.get(sessions)).size()).isLessThan(64);
  }
}
