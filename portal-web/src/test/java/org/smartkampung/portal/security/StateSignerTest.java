package org.smartkampung.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateSignerTest {

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignedStateComesBackWithItsValuesUntilItExpires() {
    StateSigner signer = new StateSigner(KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    String token = signer.sign(Map.of("v", "kemiren", "orig", "http://a.example/?x=1&y=2"));

    StateSigner later =
        new StateSigner(KEY, Clock.fixed(NOW.plus(Duration.ofMinutes(61)), ZoneOffset.UTC));

    assertThat(signer.verify(token, Duration.ofHours(1)))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .containsEntry("v", "kemiren")
                    .containsEntry("orig", "http://a.example/?x=1&y=2"));
    assertThat(later.verify(token, Duration.ofHours(1))).isEmpty();
  }

  @Test
  void anotherKeyOrAChangedPayloadIsRefused() {
    StateSigner signer = new StateSigner(KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    StateSigner other =
        new StateSigner(
            "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC));
    String token = signer.sign(Map.of("v", "kemiren"));
    String otherPayload = signer.sign(Map.of("v", "tamansari"));
    String spliced =
        otherPayload.substring(0, otherPayload.indexOf('.')) + token.substring(token.indexOf('.'));

    assertThat(other.verify(token, Duration.ofHours(1))).isEmpty();
    assertThat(signer.verify(spliced, Duration.ofHours(1))).isEmpty();
    assertThat(signer.verify("garbage", Duration.ofHours(1))).isEmpty();
    assertThat(signer.verify("a.b.c", Duration.ofHours(1))).isEmpty();
    assertThat(signer.verify(null, Duration.ofHours(1))).isEmpty();
  }
}
