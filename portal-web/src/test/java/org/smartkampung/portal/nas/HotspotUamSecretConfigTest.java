package org.smartkampung.portal.nas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;

/** The CoovaChilli uamsecret the portal needs is read from the hotspot's config entry. */
class HotspotUamSecretConfigTest {

  @Test
  void aChilliHotspotsUamSecretIsReadAndOtherHotspotsHaveNone() throws Exception {
    String yaml =
        """
        regency:
          id: banyuwangi
          name: Kabupaten Banyuwangi
        villages:
          - id: tamansari
            name: Tamansari
        hotspots:
          - name: pos-ronda
            address: 10.20.2.0/24
            secret: s3cret
            type: coovachilli
            village: tamansari
            uam-secret: ${KAMPUNG_UAMSECRET}
          - name: balai
            address: 10.20.1.1
            secret: s3cret
            type: mikrotik
            village: tamansari
        """;

    KampungConfig config =
        ConfigLoader.load("kampung.yaml", yaml, Map.of("KAMPUNG_UAMSECRET", "uamrahasia"));

    assertThat(config.hotspots().get(0).uamSecret()).isEqualTo("uamrahasia");
    assertThat(config.hotspots().get(1).uamSecret()).isNull();
  }
}
