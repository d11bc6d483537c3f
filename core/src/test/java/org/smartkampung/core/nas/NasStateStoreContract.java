package org.smartkampung.core.nas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NasStateStore} must do. Names are fresh per test. */
public abstract class NasStateStoreContract {

  protected NasStateStore store;
  protected String nas;

  protected abstract NasStateStore newStore();

  /**
   * The same backing store as another server would open it (a second Redis client); a store no
   * other process can share returns {@link #store} itself.
   */
  protected NasStateStore sameStoreElsewhere() {
    return store;
  }

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

  @Test
  void aMarkMadeElsewhereIsAnnouncedToWatchersAtOnce() throws Exception {
    NasStateStore elsewhere = sameStoreElsewhere();
    List<String> heard = new CopyOnWriteArrayList<>();
    AtomicInteger gaps = new AtomicInteger();
    try (AutoCloseable watch =
        store.watchMessageAuthenticatorSeen(
            new NasStateStore.Watcher() {
              @Override
              public void seen(String nasName) {
                heard.add(nasName);
              }

              @Override
              public void missedSome() {
                gaps.incrementAndGet();
              }
            })) {
      Awaitility.await("watch started").atMost(Duration.ofSeconds(5)).until(() -> gaps.get() > 0);

      elsewhere.markMessageAuthenticatorSeen(nas);
      elsewhere.markMessageAuthenticatorSeen(nas);

      Awaitility.await("mark heard").atMost(Duration.ofSeconds(1)).until(() -> heard.contains(nas));
      assertThat(elsewhere.messageAuthenticatorSeen(nas)).isTrue();
    }
    assertThat(heard).as("announced once, when first marked").containsOnlyOnce(nas);
  }
}
