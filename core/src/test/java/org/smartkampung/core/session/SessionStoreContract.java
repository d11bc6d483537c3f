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
  void asynchronousPutIsFoundAndListedOnceItCompletes() throws Exception {
    Session s = session("8100009", village, nas, T0);

    store.putAsync(s).get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(store.find(s.id())).contains(s);
    assertThat(store.listByVillage(village)).containsExactly(s);
    assertThat(store.listByNas(nas)).containsExactly(s);
  }

  @Test
  void anUpdateAfterAPutIsFoundAndListedWithItsNewCounters() throws Exception {
    Session s = at(session("8100010", village, nas, T0), freshIp());
    store.putAsync(s).get(5, java.util.concurrent.TimeUnit.SECONDS);
    Session later =
        new Session(
            s.id(),
            s.villageId(),
            s.userId(),
            s.deviceMac(),
            s.nasName(),
            s.nasAddress(),
            s.acctSessionId(),
            s.framedIp(),
            s.startedAt(),
            T0.plusSeconds(300),
            5_000_000,
            700_000,
            0);

    store.updateAsync(later).get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(store.find(s.id())).contains(later);
    assertThat(store.listByVillage(village)).containsExactly(later);
    assertThat(store.listByNas(nas)).containsExactly(later);
    assertThat(store.findByFramedIp(s.framedIp())).contains(later);
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

  /** A session at {@code framedIp}, otherwise like {@link #session}. */
  protected Session at(Session s, String framedIp) {
    return new Session(
        s.id(),
        s.villageId(),
        s.userId(),
        s.deviceMac(),
        s.nasName(),
        s.nasAddress(),
        s.acctSessionId(),
        framedIp,
        s.startedAt(),
        s.updatedAt(),
        s.inBytes(),
        s.outBytes(),
        s.rateBitsPerSecond());
  }

  /** An address no other test uses, since Redis is shared between tests. */
  protected String freshIp() {
    int n = Math.floorMod(suffix.hashCode(), 250);
    return "10." + (n + 1) + "." + Math.floorMod(UUID.randomUUID().hashCode(), 250) + ".7";
  }

  @Test
  void findByFramedIpFindsTheSessionAtThatAddressOnly() {
    String ip = freshIp();
    Session here = at(session("8200001", village, nas, T0), ip);
    Session elsewhere = at(session("8200002", village, nas, T0), ip + "0");
    store.put(here);
    store.put(elsewhere);

    assertThat(store.findByFramedIp(ip)).contains(here);
    assertThat(store.findByFramedIp(ip + "0")).contains(elsewhere);
  }

  @Test
  void findByFramedIpPrefersTheSessionThatStartedLastEvenInAnotherVillage() {
    String ip = freshIp();
    Session stale = at(session("8200011", village, nas, T0), ip);
    Session fresh =
        at(session("8200012", "desa-lain-" + suffix, "chilli-" + suffix, T0.plusSeconds(90)), ip);
    store.put(fresh);
    store.put(stale);

    assertThat(store.findByFramedIp(ip)).contains(fresh);
  }

  @Test
  void findByFramedIpForgetsRemovedSessionsAndFollowsAnAddressChange() {
    String ip = freshIp();
    Session first = at(session("8200021", village, nas, T0), ip);
    Session second = at(session("8200022", village, nas, T0.plusSeconds(5)), ip);
    store.put(first);
    store.put(second);

    store.remove(second.id());
    assertThat(store.findByFramedIp(ip)).contains(first);

    store.put(at(first, ip + "1"));
    assertThat(store.findByFramedIp(ip)).isEmpty();
    assertThat(store.findByFramedIp(ip + "1")).contains(at(first, ip + "1"));
  }

  @Test
  void noSessionHasAnEmptyOrUnknownAddress() {
    store.put(at(session("8200031", village, nas, T0), ""));

    assertThat(store.findByFramedIp("")).isEmpty();
    assertThat(store.findByFramedIp(freshIp())).isEmpty();
  }

  @Test
  void unknownSessionIsNotFound() {
    assertThat(store.find("nas/none-" + suffix)).isEmpty();
    assertThat(store.listByVillage("desa-kosong-" + suffix)).isEmpty();
  }
}
