package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** radius.password-checks and radius.login-throttle: defaults, values, and file:line errors. */
class RadiusPasswordSettingsConfigTest {

  private static final String FILE = "config/kampung.yaml";

  private static final String HEAD =
      """
      regency:
        id: banyuwangi
        name: Kabupaten Banyuwangi
      villages:
        - id: kemiren
          name: Kemiren
      hotspots:
        - name: balai
          address: 10.20.1.1
          secret: s3cret
          village: kemiren
      """;

  @Test
  void leftOutTheyTakeTheirDefaults() throws Exception {
    RadiusSettings radius = ConfigLoader.load(FILE, HEAD, Map.of()).radius();

    assertThat(radius.passwordChecks()).isEqualTo(PasswordCheckSettings.DEFAULTS);
    assertThat(radius.passwordChecks().queue()).isEqualTo(64);
    assertThat(radius.passwordChecks().threadsFor(2)).isEqualTo(1);
    assertThat(radius.passwordChecks().threadsFor(8)).isEqualTo(7);
    assertThat(radius.passwordChecks().threadsFor(1)).isEqualTo(1);
    assertThat(radius.loginThrottle()).isEqualTo(LoginThrottleSettings.DEFAULTS);
  }

  @Test
  void givenValuesAreRead() throws Exception {
    String yaml =
        HEAD
            + """
            radius:
              password-checks:
                threads: 3
                queue: 16
                cache-minutes: 30
                wrong-cache-seconds: 0
                cache-entries: 500
              login-throttle:
                max-failures-per-user: 4
                max-failures-per-device: 3
                window-seconds: 120
            """;
    RadiusSettings radius = ConfigLoader.load(FILE, yaml, Map.of()).radius();

    assertThat(radius.passwordChecks()).isEqualTo(new PasswordCheckSettings(3, 16, 30, 0, 500));
    assertThat(radius.passwordChecks().threadsFor(2)).as("never more than cores - 1").isEqualTo(1);
    assertThat(radius.loginThrottle()).isEqualTo(new LoginThrottleSettings(4, 3, 120));
  }

  @Test
  void badValuesAreReportedWithFileLineAndField() {
    String yaml =
        HEAD
            + """
            radius:
              password-checks:
                queue: 0
                cache-minutes: -1
              login-throttle:
                max-failures-per-user: 0
                window-seconds: lang
            """;
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(FILE, yaml, Map.of()));

    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .containsExactlyInAnyOrder(
            FILE + ":14: radius.password-checks.queue: must be at least 1, got 0",
            FILE + ":15: radius.password-checks.cache-minutes: must not be negative, got -1",
            FILE + ":17: radius.login-throttle.max-failures-per-user: must be at least 1, got 0",
            FILE
                + ":18: radius.login-throttle.window-seconds: expected a whole number, got 'lang'");
  }

  @Test
  void theShippedFileSetsThemAsDocumented() throws Exception {
    RadiusSettings radius = ConfigLoader.load(Path.of("../config/kampung.yaml")).radius();

    assertThat(radius.passwordChecks()).isEqualTo(PasswordCheckSettings.DEFAULTS);
    assertThat(radius.loginThrottle()).isEqualTo(LoginThrottleSettings.DEFAULTS);
  }
}
