package org.smartkampung.portal.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.quota.OpeningHours;

class FormatsTest {

  @Test
  void indonesianWritesDecimalCommasAndDotThousands() {
    Formats id = Formats.of("id");
    assertThat(id.bytes(880_000_000)).isEqualTo("880,0 MB");
    assertThat(id.bytes(59_100_000_000L)).isEqualTo("59,1 GB");
    assertThat(id.bytesShort(2_000_000_000L)).isEqualTo("2 GB");
    assertThat(id.rupiah(45_000)).isEqualTo("Rp 45.000");
    assertThat(id.date(LocalDate.of(2026, 8, 17))).isEqualTo("17/08/2026");
    assertThat(id.hours(OpeningHours.parse("05:00-22:00"))).isEqualTo("05.00-22.00");
    assertThat(id.rate(640_000)).isEqualTo("640 kbit/s");
  }

  @Test
  void englishKeepsEnglishFormats() {
    Formats en = Formats.of("en");
    assertThat(en.bytes(880_000_000)).isEqualTo("880.0 MB");
    assertThat(en.rupiah(45_000)).isEqualTo("Rp 45,000");
    assertThat(en.hours(OpeningHours.parse("05:00-22:00"))).isEqualTo("05:00-22:00");
    assertThat(en.parseWhole("36,000,000")).contains(36_000_000L);
    assertThat(en.parseWhole("36.000.000")).isEmpty();
  }

  @Test
  void indonesianReadsWhatPeopleType() {
    Formats id = Formats.ID;
    assertThat(id.parseWhole("36.000.000")).contains(36_000_000L);
    assertThat(id.parseWhole("1.500")).contains(1_500L);
    assertThat(id.parseWhole("Rp 45.000")).contains(45_000L);
    assertThat(id.parseWhole("1500")).contains(1_500L);
    assertThat(id.parseWhole("1.50")).isEmpty();
    assertThat(id.parseWhole("1,5")).isEmpty();
    assertThat(id.parseWhole("99999999999999999999")).isEmpty();
    assertThat(id.parseHours("05.00-22.00")).contains(OpeningHours.parse("05:00-22:00"));
    assertThat(id.parseHours("5.00 - 22.00")).contains(OpeningHours.parse("05:00-22:00"));
    assertThat(id.parseHours("5-22")).isEmpty();
    assertThat(id.parseDate("17/08/2026")).contains(LocalDate.of(2026, 8, 17));
    assertThat(id.parseDate("7-8-2026")).contains(LocalDate.of(2026, 8, 7));
    assertThat(id.parseDate("2026-08-17")).contains(LocalDate.of(2026, 8, 17));
    assertThat(id.parseDate("31/02/2026")).isEmpty();
  }
}
