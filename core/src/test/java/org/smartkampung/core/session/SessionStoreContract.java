package org.smartkampung.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} must do. Names are fresh per test. */
public abstract class SessionStoreContract {

  protected static final Instant T0 = Instant.parse("2025-03-01T18:05:00.000000123Z");

  protected SessionStore store;
  protected String suffix;
  protected String village;
  protected String nas;

  protected abstract SessionStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
    suffix = UUID.randomUUID().toString().substring(0, 8);
    village = "desa-" + suffix;
    nas = "mikrotik-" + suffix;
  }

  protected Session session(String acctId, String villageId, String nasName, Instant startedAt) {
    return new Session(
        nasName + "/" + acctId,
        villageId,
        "user-" + acctId,
        "aa:bb:cc:dd:ee:01",
        nasName,
        "10.0.0.1",
        acctId,
        "10.5.50.2",
        startedAt,
        startedAt,
        0,
        0,
        0);
  }

  @Test
  void putSessionIsFoundAsPut() {
    Session s = session("8100001", village, nas, T0);

    store.put(s);

    assertThat(store.find(s.id())).contains(s);
  }

  @Test
  void putReplacesTheSessionWithTheSameId() {
    Session s = session("8100002", village, nas, T0);
    store.put(s);
    Session interim =
        new Session(
            s.id(),
            village,
            s.userId(),
            s.deviceMac(),
            nas,
            s.nasAddress(),
            s.acctSessionId(),
            s.framedIp(),
            T0,
            T0.plusSeconds(300),
            5_000_000L,
            700_000L,
            151_466L);

    store.put(interim);

    assertThat(store.find(s.id())).contains(interim);
    assertThat(store.listByVillage(village)).containsExactly(interim);
  }

  @Test
  void removeReturnsTheSessionAndForgetsIt() {
    Session s = session("8100003", village, nas, T0);
    store.put(s);

    assertThat(store.remove(s.id())).contains(s);

    assertThat(store.remove(s.id())).isEmpty();
    assertThat(store.find(s.id())).isEmpty();
    assertThat(store.listByVillage(village)).isEmpty();
    assertThat(store.listByNas(nas)).isEmpty();
  }

  @Test
  void listByVillageIsOldestFirstAndHoldsOnlyThatVillage() {
    String otherNas = "chilli-" + suffix;
    Session late = session("3", village, nas, T0.plusSeconds(60));
    Session early = session("1", village, otherNas, T0);
    Session middle = session("2", village, nas, T0.plusSeconds(30));
    Session elsewhere = session("4", "desa-lain-" + suffix, nas, T0);
    store.put(late);
    store.put(elsewhere);
    store.put(early);
    store.put(middle);

    assertThat(store.listByVillage(village)).containsExactly(early, middle, late);
  }

  @Test
  void listByNasHoldsOnlyThatNasSessions() {
    String otherNas = "chilli-" + suffix;
    Session a = session("1", village, nas, T0);
    Session b = session("2", "desa-lain-" + suffix, nas, T0.plusSeconds(1));
    Session c = session("3", village, otherNas, T0);
    store.put(a);
    store.put(b);
    store.put(c);

    assertThat(store.listByNas(nas)).containsExactlyInAnyOrder(a, b);
    assertThat(store.listByNas(otherNas)).containsExactly(c);
  }

  @Test
  void unknownSessionIsNotFound() {
    assertThat(store.find("nas/none-" + suffix)).isEmpty();
    assertThat(store.listByVillage("desa-kosong-" + suffix)).isEmpty();
  }
}
