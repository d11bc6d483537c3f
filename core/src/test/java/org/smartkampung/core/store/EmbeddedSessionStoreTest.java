package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void everyAcknowledgedChangeIsOnDiskAtOnceWithoutASnapshot(@TempDir Path crashed)
      throws IOException {
    Session live = session("3", village, nas, T0);
    Session stopped = session("4", village, nas, T0.plusSeconds(1));
    store.put(live);
    store.put(stopped);
    store.remove(stopped.id());

    // No close and no snapshot: copy what a SIGKILL would leave on disk.
    try (var files = Files.list(dataDir)) {
      for (Path file : files.toList()) {
        Files.copy(file, crashed.resolve(file.getFileName()));
      }
    }
    EmbeddedSessionStore restarted = new EmbeddedSessionStore(crashed);
    try {
      assertThat(restarted.listByVillage(village)).containsExactly(live);
      assertThat(restarted.findByFramedIp(live.framedIp())).contains(live);
    } finally {
      restarted.close();
    }
  }

  @Test
  void aSnapshotDeletesTheJournalFilesItCovers() throws IOException {
    store.put(session("5", village, nas, T0));
    opened.flush();
    store.put(session("6", village, nas, T0));
    opened.flush();

    try (var files = Files.list(dataDir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".log")).count()).isEqualTo(1);
    }
  }
}
