package org.smartkampung.core.nas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "3C:5A:B4:01:0A:0B", // MikroTik Calling-Station-Id and $(mac)
        "3C-5A-B4-01-0A-0B", // CoovaChilli
        "3c:5a:b4:01:0a:0b", // what the portal stores
        "3c5a.b401.0a0b", // Cisco style
        "3C5AB4010A0B", // bare
        "  3c:5a:b4:01:0a:0b\n"
      })
  void everyFormHotspotsSendBecomesTheSameLowercaseColonMac(String sent) {
    assertThat(Macs.normalize(sent)).isEqualTo("3c:5a:b4:01:0a:0b");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "warga",
        "3C:5A:B4:01:0A",
        "3C:5A-B4:01:0A:0B",
        "3C:5A:B4:01:0A:0G",
        "3C.5A.B4.01.0A.0B",
        "3c5ab4010a0b00",
        "<script>alert(1)</script>"
      })
  void textThatIsNotAMacBecomesEmpty(String sent) {
    assertThat(Macs.normalize(sent)).isEmpty();
  }

  @Test
  void nullIsNotAMac() {
    assertThat(Macs.normalize(null)).isEmpty();
  }

  @Test
  void deviceIdOfARandomisedMacNamesTheConnectionAndOfARealMacTheDevice() {
    assertThat(Macs.deviceId("da:a1:19:00:00:01", "10.5.50.7"))
        .isEqualTo("da:a1:19:00:00:01@10.5.50.7");
    assertThat(Macs.deviceId("da:a1:19:00:00:01", "")).isEqualTo("da:a1:19:00:00:01");
    assertThat(Macs.deviceId("3c:5a:b4:01:02:03", "10.5.50.7")).isEqualTo("3c:5a:b4:01:02:03");
    assertThat(Macs.deviceId("", "10.5.50.7")).isEmpty();
  }

  @Test
  void locallyAdministeredBitMarksRandomisedMacs() {
    assertThat(Macs.locallyAdministered("da:a1:19:00:00:01")).isTrue();
    assertThat(Macs.locallyAdministered("3e:5a:b4:01:02:03")).isTrue();
    assertThat(Macs.locallyAdministered("3c:5a:b4:01:02:03")).isFalse();
    assertThat(Macs.locallyAdministered("")).isFalse();
  }
}
