package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.subscriber.SubscriberStoreContract;

class EmbeddedSubscriberStoreTest extends SubscriberStoreContract {

  @TempDir Path dataDir;
  private EmbeddedSubscriberStore opened;

  @Override
  protected SubscriberStore newStore() {
    opened = new EmbeddedSubscriberStore(dataDir);
    return opened;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }

  @Test
  void everyChangeSurvivesReopeningTheDataDirectory() {
    Subscriber kept = subscriber("kept", village);
    Subscriber changed = subscriber("changed", village);
    Subscriber deleted = subscriber("deleted", village);
    store.create(kept);
    store.create(changed);
    store.create(deleted);
    Subscriber updated =
        new Subscriber(
            changed.username(),
            village,
            changed.passwordHash(),
            "Baru",
            false,
            new QuotaOverride(10L, 20L, 30L, 40L, 1));
    store.update(updated);
    store.delete(deleted.username());
    opened.close();

    opened = new EmbeddedSubscriberStore(dataDir);

    assertThat(opened.listByVillage(village)).containsExactly(updated, kept);
  }

  @Test
  void fileOnDiskHoldsThePasswordHashNeverTheCleartext() throws Exception {
    Subscriber siti = subscriber("siti", village);
    store.create(siti);

    String onDisk = Files.readString(dataDir.resolve("subscribers.jsonl"));

    assertThat(onDisk).contains(siti.username()).doesNotContain("rahasia-siti");
    assertThat(PasswordHasher.looksLikeHash(siti.passwordHash())).isTrue();
    assertThat(onDisk).contains(siti.passwordHash());
  }
}
