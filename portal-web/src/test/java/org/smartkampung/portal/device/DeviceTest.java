package org.smartkampung.portal.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceTest {

  @Test
  void macsFromMikrotikAndChilliNormaliseToLowercaseColonForm() {
    assertThat(Device.of("3C:5A:B4:01:02:03", "10.0.0.2").mac()).isEqualTo("3c:5a:b4:01:02:03");
    assertThat(Device.of("3C-5A-B4-01-02-03", "10.0.0.2").mac()).isEqualTo("3c:5a:b4:01:02:03");
    assertThat(Device.of("3C-5A:B4-01-02-03", "10.0.0.2").mac()).isEmpty();
    assertThat(Device.of("<script>", "10.0.0.2").mac()).isEmpty();
  }

  @Test
  void aLocallyAdministeredMacIsRandomisedAndCountsPerConnection() {
    Device random = Device.of("DA:A1:19:00:00:01", "10.0.0.7");
    Device real = Device.of("D8:A1:19:00:00:01", "10.0.0.7");

    assertThat(random.randomised()).isTrue();
    assertThat(random.rememberable()).isFalse();
    assertThat(random.id()).isEqualTo("da:a1:19:00:00:01@10.0.0.7");
    assertThat(real.randomised()).isFalse();
    assertThat(real.rememberable()).isTrue();
    assertThat(real.id()).isEqualTo("d8:a1:19:00:00:01");
    assertThat(Device.of(null, "10.0.0.9").id()).isEqualTo("ip-10.0.0.9");
  }
}
