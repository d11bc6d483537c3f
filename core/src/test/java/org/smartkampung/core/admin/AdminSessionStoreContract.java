package org.smartkampung.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AdminSessionStore} must do; two instances on one backend share sessions. */
public abstract class AdminSessionStoreContract {

  /** In the real future, so Redis keys expiring at it exist during the test. */
  protected final Instant now = Instant.now().plusSeconds(3_600);

  protected AdminSessionStore store;

  /** A second client on the same backend (another portal instance). */
  protected AdminSessionStore other;

  protected abstract AdminSessionStore newStore();

  /** A store that shares sessions with {@code first} (the same one for the embedded store). */
  protected abstract AdminSessionStore sameBackend(AdminSessionStore first);

  @BeforeEach
  void open() {
    store = newStore();
    other = sameBackend(store);
  }

  protected AdminSession session(String username) {
    return new AdminSession(
        "s-" + UUID.randomUUID(), username, "n-" + UUID.randomUUID(), now.plusSeconds(3_600));
  }

  @Test
  void aSessionIsFoundOnEveryInstanceUntilItExpires() {
    AdminSession s = session("admin-" + UUID.randomUUID());
    store.create(s);

    assertThat(other.find(s.id(), now)).contains(s);
    assertThat(other.find(s.id(), s.expiresAt())).isEmpty();
    assertThat(other.find("s-unknown", now)).isEmpty();
    assertThat(other.find(null, now)).isEmpty();
  }

  @Test
  void signingOutOnOneInstanceEndsTheSessionOnAll() {
    AdminSession s = session("admin-" + UUID.randomUUID());
    store.create(s);

    other.revoke(s.id());

    assertThat(store.find(s.id(), now)).isEmpty();
  }

  @Test
  void revokingAllEndsOnlyThatAdminsSessions() {
    String budi = "budi-" + UUID.randomUUID();
    AdminSession first = session(budi);
    AdminSession second = session(budi);
    AdminSession someoneElse = session("sari-" + UUID.randomUUID());
    store.create(first);
    store.create(second);
    store.create(someoneElse);

    other.revokeAll(budi);

    assertThat(store.find(first.id(), now)).isEmpty();
    assertThat(store.find(second.id(), now)).isEmpty();
    assertThat(store.find(someoneElse.id(), now)).contains(someoneElse);
  }
}
