package org.smartkampung.core.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SubscriberStore} must do. Each test uses fresh names, so backends may share
 * state between tests (a Redis shared by the whole test run).
 */
public abstract class SubscriberStoreContract {

  /** Few iterations: these tests are about storage, not hashing strength. */
  protected static final PasswordHasher HASHER = new PasswordHasher(1_000);

  protected SubscriberStore store;
  protected String suffix;
  protected String village;

  /** A store for this test; the subclass closes what it opens. */
  protected abstract SubscriberStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
    suffix = UUID.randomUUID().toString().substring(0, 8);
    village = "desa-" + suffix;
  }

  protected Subscriber subscriber(String name, String villageId) {
    return new Subscriber(
        name + "-" + suffix, villageId, HASHER.hash("rahasia-" + name), "Bu " + name, true, null);
  }

  @Test
  void createdSubscriberIsFoundWithItsPasswordHash() {
    Subscriber siti = subscriber("siti", village);

    assertThat(store.create(siti)).isTrue();

    assertThat(store.find(siti.username())).contains(siti);
    assertThat(
            PasswordHasher.verify("rahasia-siti", store.find(siti.username()).get().passwordHash()))
        .isTrue();
  }

  @Test
  void createRefusesATakenUsernameAndKeepsTheFirst() {
    Subscriber first = subscriber("budi", village);
    Subscriber impostor =
        new Subscriber(first.username(), "desa-lain-" + suffix, "x", "Budi Palsu", false, null);
    store.create(first);

    assertThat(store.create(impostor)).isFalse();

    assertThat(store.find(first.username())).contains(first);
    assertThat(store.listByVillage("desa-lain-" + suffix)).isEmpty();
  }

  @Test
  void unknownUsernameIsNotFound() {
    assertThat(store.find("nobody-" + suffix)).isEmpty();
  }

  @Test
  void updateReplacesAnExistingSubscriber() {
    Subscriber ani = subscriber("ani", village);
    store.create(ani);
    Subscriber changed =
        new Subscriber(
            ani.username(),
            village,
            HASHER.hash("baru"),
            "Ani Baru",
            false,
            new QuotaOverride(500L, 120L, 2_000L, 512L, 2));

    assertThat(store.update(changed)).isTrue();

    assertThat(store.find(ani.username())).contains(changed);
  }

  @Test
  void updateOfUnknownSubscriberReturnsFalseAndCreatesNothing() {
    Subscriber ghost = subscriber("ghost", village);

    assertThat(store.update(ghost)).isFalse();

    assertThat(store.find(ghost.username())).isEmpty();
    assertThat(store.listByVillage(village)).isEmpty();
  }

  @Test
  void updateMovingToAnotherVillageMovesTheListing() {
    Subscriber dewi = subscriber("dewi", village);
    store.create(dewi);
    String other = "desa-lain-" + suffix;
    Subscriber moved =
        new Subscriber(dewi.username(), other, dewi.passwordHash(), "Dewi", true, null);

    store.update(moved);

    assertThat(store.listByVillage(village)).isEmpty();
    assertThat(store.listByVillage(other)).containsExactly(moved);
  }

  @Test
  void deleteRemovesTheSubscriberOnce() {
    Subscriber eko = subscriber("eko", village);
    store.create(eko);

    assertThat(store.delete(eko.username())).isTrue();
    assertThat(store.delete(eko.username())).isFalse();

    assertThat(store.find(eko.username())).isEmpty();
    assertThat(store.listByVillage(village)).isEmpty();
  }

  @Test
  void listByVillageIsOrderedByUsernameAndHoldsOnlyThatVillage() {
    Subscriber c = subscriber("citra", village);
    Subscriber a = subscriber("agus", village);
    Subscriber b = subscriber("bambang", village);
    Subscriber elsewhere = subscriber("dodi", "desa-lain-" + suffix);
    store.create(c);
    store.create(a);
    store.create(elsewhere);
    store.create(b);

    assertThat(store.listByVillage(village)).containsExactly(a, b, c);
  }

  @Test
  void disabledFlagAndQuotaOverrideRoundTrip() {
    QuotaOverride override = new QuotaOverride(1_000L, null, 4_000L, null, 3);
    Subscriber blocked =
        new Subscriber("rudi-" + suffix, village, HASHER.hash("rahasia"), "Rudi", false, override);

    store.create(blocked);

    Subscriber found = store.find(blocked.username()).orElseThrow();
    assertThat(found.enabled()).isFalse();
    assertThat(found.quotaOverride()).isEqualTo(override);
    assertThat(store.listByVillage(village)).containsExactly(blocked);
  }

  @Test
  void subscriberWithoutOverrideKeepsNull() {
    Subscriber plain = subscriber("plain", village);
    store.create(plain);

    assertThat(store.find(plain.username()).orElseThrow().quotaOverride()).isNull();
  }
}
