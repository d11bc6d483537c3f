package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.SignInAttempts;
import org.smartkampung.core.admin.SignInAttemptsContract;

class EmbeddedSignInAttemptsTest extends SignInAttemptsContract {

  @Override
  protected SignInAttempts newStore() {
    return new EmbeddedSignInAttempts();
  }

  @Override
  protected SignInAttempts sameBackend(SignInAttempts first) {
    return first;
  }

  @Test
  void aWindowEndsAndItsCountWithIt() {
    String key = key();
    for (int i = 0; i < 5; i++) {
      store.reserve(key, 5, WINDOW, now);
    }

    assertThat(store.reserve(key, 5, WINDOW, now.plus(WINDOW))).isZero();
    assertThat(store.count(key, now.plus(WINDOW))).isEqualTo(1);
  }
}
