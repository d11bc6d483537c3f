package org.smartkampung.core.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.subscriber.VerifiedPasswords.Known;
import org.smartkampung.core.testing.MutableClock;

class VerifiedPasswordsTest {

  private static final String HASH = "pbkdf2-sha256$1000$c2FsdA$aGFzaA";
  private static final String NEW_HASH = "pbkdf2-sha256$1000$c2FsdDI$aGFzaDI";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
  private final VerifiedPasswords remembered =
      new VerifiedPasswords(Duration.ofMinutes(60), Duration.ofSeconds(10), 1000, clock);

  @Test
  void aRightPasswordIsRememberedForItsTimeOnly() {
    remembered.remember("siti", HASH, "sandi123", true);

    assertThat(remembered.lookup("siti", HASH, "sandi123")).isEqualTo(Known.RIGHT);
    clock.advance(Duration.ofMinutes(61));
    assertThat(remembered.lookup("siti", HASH, "sandi123")).isEqualTo(Known.UNKNOWN);
  }

  @Test
  void aChangedStoredHashMissesAtOnce() {
    remembered.remember("siti", HASH, "sandi123", true);

    assertThat(remembered.lookup("siti", NEW_HASH, "sandi123")).isEqualTo(Known.UNKNOWN);
  }

  @Test
  void anotherPasswordOrUserIsNotTakenForTheRememberedOne() {
    remembered.remember("siti", HASH, "sandi123", true);

    assertThat(remembered.lookup("siti", HASH, "sandi1234")).isEqualTo(Known.UNKNOWN);
    assertThat(remembered.lookup("budi", HASH, "sandi123")).isEqualTo(Known.UNKNOWN);
    // Field boundaries are part of the key: "sit"+"isandi123" is not "siti"+"sandi123".
    assertThat(remembered.lookup("sit", HASH, "isandi123")).isEqualTo(Known.UNKNOWN);
  }

  @Test
  void aWrongPasswordIsRememberedBrieflyAndARightCheckClearsIt() {
    remembered.remember("siti", HASH, "salah", false);
    assertThat(remembered.lookup("siti", HASH, "salah")).isEqualTo(Known.WRONG);

    clock.advance(Duration.ofSeconds(11));
    assertThat(remembered.lookup("siti", HASH, "salah")).isEqualTo(Known.UNKNOWN);

    remembered.remember("siti", HASH, "salah", false);
    remembered.remember("siti", HASH, "salah", true);
    assertThat(remembered.lookup("siti", HASH, "salah")).isEqualTo(Known.RIGHT);
  }

  @Test
  void zeroDurationsRememberNothing() {
    VerifiedPasswords none = new VerifiedPasswords(Duration.ZERO, Duration.ZERO, 1000, clock);

    none.remember("siti", HASH, "sandi123", true);
    none.remember("siti", HASH, "salah", false);

    assertThat(none.lookup("siti", HASH, "sandi123")).isEqualTo(Known.UNKNOWN);
    assertThat(none.lookup("siti", HASH, "salah")).isEqualTo(Known.UNKNOWN);
  }
}
