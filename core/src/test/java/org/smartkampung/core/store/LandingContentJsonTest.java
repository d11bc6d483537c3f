package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smartkampung.core.village.LandingContent;

/** Landing content stored before the links choice, Wi-Fi name and contact existed still reads. */
class LandingContentJsonTest {

  @Test
  void contentStoredByAnOlderVersionReadsWithTheDefaults() {
    String old =
        "{\"villageId\":\"kemiren\",\"links\":[{\"name\":\"Surat Pindah\","
            + "\"url\":\"https://desa.example/pindah\",\"description\":\"\"}],"
            + "\"news\":[],\"products\":[]}";

    LandingContent c = StoreJson.read(old, LandingContent.class);

    assertThat(c.links()).hasSize(1);
    assertThat(c.replaceConfigLinks()).as("an old link list now adds to the config's").isFalse();
    assertThat(c.wifiName()).isEmpty();
    assertThat(c.officeContact()).isEmpty();
    LandingContent full =
        c.withReplaceConfigLinks(true).withWifiName("Internet Desa").withOfficeContact("WA 0812");
    assertThat(StoreJson.read(StoreJson.write(full), LandingContent.class)).isEqualTo(full);
  }
}
