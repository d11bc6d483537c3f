package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.login.LoginTokenStoreContract;

class EmbeddedLoginTokenStoreTest extends LoginTokenStoreContract {

  @Override
  protected LoginTokenStore newStore() {
    return new EmbeddedLoginTokenStore(Clock.systemUTC());
  }

  @Test
  void expiredTokensNobodyConsumedAreSweptByLaterMints() {
    Instant start = Instant.parse("2025-03-01T18:00:00Z");
    EmbeddedLoginTokenStore tokens =
        new EmbeddedLoginTokenStore(Clock.fixed(start.plusSeconds(600), ZoneOffset.UTC));
    for (int i = 0; i < 1_000; i++) {
      tokens.mint(token(start.plusSeconds(120)));
    }

    assertThat(tokens.size()).isLessThan(256);
  }
}
