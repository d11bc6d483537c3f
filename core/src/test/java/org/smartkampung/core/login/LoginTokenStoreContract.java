package org.smartkampung.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LoginTokenStore} must do. Expiry is judged by the caller's {@code now}, so
 * tokens expire far in the real future (Redis keys live) but in the past of the test's clock.
 */
public abstract class LoginTokenStoreContract {

  private static final int RACERS = 8;

  /** An instant in the real future, so a Redis key with PXAT at it exists during the test. */
  protected final Instant now = Instant.now().plusSeconds(3_600);

  protected LoginTokenStore store;

  protected abstract LoginTokenStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  protected LoginToken token(Instant expiresAt) {
    return new LoginToken(
        "t-" + UUID.randomUUID(),
        "s3cr3t-" + UUID.randomUUID(),
        "desa-sukamaju",
        "siti",
        LoginMethod.SUBSCRIBER,
        "aa:bb:cc:dd:ee:ff",
        "sukamaju-mt",
        expiresAt);
  }

  @Test
  void mintedTokenIsConsumedOnceWithAllItsFields() {
    LoginToken t = token(now.plusSeconds(120));
    store.mint(t);

    assertThat(store.consume(t.username(), now)).contains(t);
    assertThat(store.consume(t.username(), now)).isEmpty();
  }

  @Test
  void unknownTokenIsEmpty() {
    assertThat(store.consume("t-none-" + UUID.randomUUID(), now)).isEmpty();
  }

  @Test
  void tokenAtOrAfterItsExpiryIsNeverReturned() {
    LoginToken atExpiry = token(now.plusSeconds(120));
    LoginToken pastExpiry = token(now.plusSeconds(120));
    store.mint(atExpiry);
    store.mint(pastExpiry);

    assertThat(store.consume(atExpiry.username(), atExpiry.expiresAt())).isEmpty();
    assertThat(store.consume(pastExpiry.username(), now.plusSeconds(121))).isEmpty();
    // Refused means gone: a later call with an earlier clock cannot revive it.
    assertThat(store.consume(atExpiry.username(), now)).isEmpty();
  }

  @Test
  void tokenMintedAlreadyExpiredIsNeverReturned() {
    LoginToken stale = token(Instant.now().minusSeconds(5));
    store.mint(stale);

    assertThat(store.consume(stale.username(), Instant.now())).isEmpty();
  }

  @Test
  void racingConsumersGetATokenAtMostOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      for (int round = 0; round < 25; round++) {
        LoginToken t = token(now.plusSeconds(120));
        store.mint(t);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Optional<LoginToken>>> futures = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
          futures.add(
              pool.submit(
                  () -> {
                    gate.await();
                    return store.consume(t.username(), now);
                  }));
        }
        gate.countDown();
        int winners = 0;
        for (Future<Optional<LoginToken>> future : futures) {
          winners += future.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
