package org.smartkampung.core.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.smartkampung.core.signing.SigningKeyStore;

/**
 * Signing keys in {@code <dataDir>/signing-keys.jsonl} (in the data directory only its owner may
 * read): a new key is on disk before it is used, so cookies and forms survive a restart. Only the
 * {@value #KEPT} newest periods are kept. Thread-safe.
 */
public final class EmbeddedSigningKeyStore implements SigningKeyStore, AutoCloseable {

  /** Periods kept; a ring uses three. */
  static final int KEPT = 4;

  private final JsonJournal<String> journal;
  private final SecureRandom random = new SecureRandom();

  public EmbeddedSigningKeyStore(Path dataDir) {
    this.journal = JsonJournal.open(dataDir.resolve("signing-keys.jsonl"), String.class);
  }

  @Override
  public synchronized byte[] keyOf(long period, Duration keepFor) {
    String key = Long.toString(period);
    String stored = journal.get(key);
    if (stored != null) {
      return Base64.getDecoder().decode(stored);
    }
    byte[] made = new byte[KEY_BYTES];
    random.nextBytes(made);
    journal.put(key, Base64.getEncoder().encodeToString(made));
    List<Long> periods = journal.entries().keySet().stream().map(Long::parseLong).sorted().toList();
    for (int i = 0; i < periods.size() - KEPT; i++) {
      journal.remove(Long.toString(periods.get(i)));
    }
    return made;
  }

  @Override
  public synchronized void close() {
    journal.close();
  }
}
