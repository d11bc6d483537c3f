package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.nas.NasStateStoreContract;

class EmbeddedNasStateStoreTest extends NasStateStoreContract {

  @TempDir Path dataDir;
  private EmbeddedNasStateStore opened;

  @Override
  protected NasStateStore newStore() {
    opened = new EmbeddedNasStateStore(dataDir);
    return opened;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }

  @Test
  void markSurvivesReopeningTheDataDirectory() {
    store.markMessageAuthenticatorSeen(nas);
    opened.close();

    opened = new EmbeddedNasStateStore(dataDir);

    assertThat(opened.messageAuthenticatorSeen(nas)).isTrue();
  }
}
