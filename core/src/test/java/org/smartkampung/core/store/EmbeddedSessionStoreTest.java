package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.session.SessionStoreContract;

class EmbeddedSessionStoreTest extends SessionStoreContract {

  @TempDir Path dataDir;
  private EmbeddedSessionStore opened;

  @Override
  protected SessionStore newStore() {
    opened = new EmbeddedSessionStore(dataDir);
    return opened;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }

  @Test
  void sessionsSurviveACleanRestartThroughTheSnapshot() {
    Session live = session("1", village, nas, T0);
    Session ended = session("2", village, nas, T0.plusSeconds(1));
    store.put(live);
    store.put(ended);
    store.remove(ended.id());
    opened.close();

    opened = new EmbeddedSessionStore(dataDir);

    assertThat(opened.listByVillage(village)).containsExactly(live);
    assertThat(opened.listByNas(nas)).containsExactly(live);
    assertThat(opened.findByFramedIp(live.framedIp())).contains(live);
  }

  @Test
  void changesReachTheDiskWithinTheIntervalWithoutAClose(@TempDir Path crashDir) {
    EmbeddedSessionStore running = new EmbeddedSessionStore(crashDir, 1);
    Session live = session("3", village, nas, T0);
    running.put(live);

    // No close: what a crash leaves is what the periodic snapshot wrote.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(new EmbeddedSessionStore(crashDir).find(live.id())).contains(live));
    running.close();
  }
}
