package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ${KAMPUNG_...}} substitution as seen through {@link ConfigLoader}. */
class EnvSubstitutionConfigTest {

  private static final String FILE = "kampung.yaml";

  private static String config(String secretLine, String portLine) {
    return """
        regency:
          id: banyuwangi
          name: Kabupaten Banyuwangi
        portal:
        %s
        villages:
          - id: kemiren
            name: Kemiren
        hotspots:
          - name: balai
            address: 10.20.1.1
        %s
            village: kemiren
        """
        .formatted(portLine, secretLine);
  }

  private static List<ConfigError> errorsOf(String yaml, Map<String, String> env) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(FILE, yaml, env));
    assertThat(e).as("expected the config to be rejected").isNotNull();
    return e.errors();
  }

  @Test
  void setVariableIsSubstituted() throws Exception {
    KampungConfig config =
        ConfigLoader.load(
            FILE,
            config("    secret: ${KAMPUNG_SECRET}", "  port: 8080"),
            Map.of("KAMPUNG_SECRET", "dari-env"));
    assertThat(config.hotspots().get(0).secret()).isEqualTo("dari-env");
  }

  @Test
  void defaultIsUsedWhenTheVariableIsUnsetOrEmpty() throws Exception {
    String yaml = config("    secret: ${KAMPUNG_SECRET:-testing123}", "  port: 8080");
    assertThat(ConfigLoader.load(FILE, yaml, Map.of()).hotspots().get(0).secret())
        .isEqualTo("testing123");
    assertThat(
            ConfigLoader.load(FILE, yaml, Map.of("KAMPUNG_SECRET", "")).hotspots().get(0).secret())
        .isEqualTo("testing123");
    assertThat(
            ConfigLoader.load(FILE, yaml, Map.of("KAMPUNG_SECRET", "x")).hotspots().get(0).secret())
        .isEqualTo("x");
  }

  @Test
  void unsetVariableWithoutDefaultIsAnErrorNamingIt() {
    assertThat(errorsOf(config("    secret: ${KAMPUNG_SECRET}", "  port: 8080"), Map.of()))
        .containsExactly(
            new ConfigError(
                FILE,
                12,
                "hotspots[0].secret",
                "environment variable KAMPUNG_SECRET is not set"
                    + " (set it, or write ${KAMPUNG_SECRET:-default})"));
  }

  @Test
  void variablesNotStartingWithKampungAreNeverRead() {
    // HOME is set in the map: the rule is about the name, not about whether it exists.
    assertThat(
            errorsOf(
                config("    secret: ${HOME}", "  port: 8080"),
                Map.of("HOME", "/root", "PATH", "/")))
        .containsExactly(
            new ConfigError(
                FILE,
                12,
                "hotspots[0].secret",
                "environment variable HOME may not be used:"
                    + " only variables starting with KAMPUNG_ are substituted"));
  }

  @Test
  void substitutedNumberBindsAsANumber() throws Exception {
    KampungConfig config =
        ConfigLoader.load(FILE, config("    secret: s", "  port: ${KAMPUNG_PORT:-8081}"), Map.of());
    assertThat(config.portal().port()).isEqualTo(8081);

    List<ConfigError> errors =
        errorsOf(config("    secret: s", "  port: ${KAMPUNG_PORT}"), Map.of("KAMPUNG_PORT", "x"));
    assertThat(errors)
        .containsExactly(
            new ConfigError(FILE, 5, "portal.port", "expected a whole number, got 'x'"));
  }

  @Test
  void variableInsideLongerTextAndEscapedDollarBrace() throws Exception {
    KampungConfig config =
        ConfigLoader.load(
            FILE,
            config("    secret: a-${KAMPUNG_X}-$${KAMPUNG_X}", "  port: 8080"),
            Map.of("KAMPUNG_X", "b"));
    assertThat(config.hotspots().get(0).secret()).isEqualTo("a-b-${KAMPUNG_X}");
  }

  @Test
  void unclosedReferenceIsAnError() {
    assertThat(errorsOf(config("    secret: ${KAMPUNG_X", "  port: 8080"), Map.of()))
        .extracting(ConfigError::line, ConfigError::field)
        .containsExactly(tuple(12, "hotspots[0].secret"));
  }
}
