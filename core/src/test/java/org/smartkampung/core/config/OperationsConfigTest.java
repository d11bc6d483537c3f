package org.smartkampung.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The management listener and the hotspot health watch in {@code kampung.yaml}. */
class OperationsConfigTest {

  private static final String FILE = "config/kampung.yaml";

  private static final String BASE =
      """
      regency:
        id: banyuwangi
        name: Kabupaten Banyuwangi
      villages:
        - id: kemiren
          name: Kemiren
      """;

  @Test
  void withoutTheSectionsTheListenerIsOnLoopbackAndTheWatchHasItsDefaults() throws Exception {
    KampungConfig config = ConfigLoader.load(FILE, BASE, Map.of());

    assertThat(config.management().enabled()).isTrue();
    assertThat(config.management().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.management().port()).isEqualTo(9180);
    assertThat(config.hotspotHealth().quietMinutes()).isEqualTo(15);
    assertThat(config.hotspotHealth().downMinutes()).isEqualTo(30);
    assertThat(config.hotspotHealth().webhookUrl()).isNull();
  }

  @Test
  void goodValuesAreRead() throws Exception {
    KampungConfig config =
        ConfigLoader.load(
            FILE,
            BASE
                + """
                management:
                  bind-address: 10.9.0.11
                  port: 9200
                hotspot-health:
                  quiet-minutes: 10
                  down-minutes: 20
                  webhook-url: http://127.0.0.1:3000/kampung
                """,
            Map.of());

    assertThat(config.management().bindAddress()).isEqualTo("10.9.0.11");
    assertThat(config.management().port()).isEqualTo(9200);
    assertThat(config.hotspotHealth().downMinutes()).isEqualTo(20);
    assertThat(config.hotspotHealth().webhookUrl()).isEqualTo("http://127.0.0.1:3000/kampung");
  }

  @Test
  void badValuesAreReportedWithLineAndField() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    FILE,
                    BASE
                        + """
                        management:
                          bind-address: kantor
                          port: 70000
                        hotspot-health:
                          quiet-minutes: 30
                          down-minutes: 10
                          webhook-url: telegram
                        """,
                    Map.of()));

    assertThat(e).isNotNull();
    List<String> where = e.errors().stream().map(c -> c.line() + " " + c.field()).toList();
    assertThat(where)
        .contains(
            "8 management.bind-address",
            "9 management.port",
            "12 hotspot-health.down-minutes",
            "13 hotspot-health.webhook-url");
  }
}
