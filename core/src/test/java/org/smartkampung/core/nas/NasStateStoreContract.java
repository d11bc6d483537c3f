package org.smartkampung.core.nas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NasStateStore} must do. Names are fresh per test. */
public abstract class NasStateStoreContract {

  protected NasStateStore store;
  protected String nas;

  protected abstract NasStateStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
    nas = "mikrotik-" + UUID.randomUUID();
  }

  @Test
  void unmarkedNasHasNotBeenSeen() {
    assertThat(store.messageAuthenticatorSeen(nas)).isFalse();
  }

  @Test
  void markedNasIsSeenAndOthersAreNot() {
    store.markMessageAuthenticatorSeen(nas);
    store.markMessageAuthenticatorSeen(nas);

    assertThat(store.messageAuthenticatorSeen(nas)).isTrue();
    assertThat(store.messageAuthenticatorSeen(nas + "-lain")).isFalse();
  }
}
