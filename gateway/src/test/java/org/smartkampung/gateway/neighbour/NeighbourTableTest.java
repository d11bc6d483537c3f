package org.smartkampung.gateway.neighbour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourTableTest {

  private static final List<String> ARP =
      List.of(
          "IP address       HW type     Flags       HW address            Mask     Device",
          "10.5.50.23       0x1         0x2         AA:BB:cc:dd:ee:01     *        br-wifi",
          "10.5.50.24       0x1         0x0         00:00:00:00:00:00     *        br-wifi",
          "192.168.1.1      0x1         0x2         11:22:33:44:55:66     *        eth0");

  @Test
  void macOfAClientOnTheClientInterfaceIsLowercase() {
    assertThat(NeighbourTable.macOf("10.5.50.23", ARP, "br-wifi")).contains("aa:bb:cc:dd:ee:01");
  }

  @Test
  void incompleteEntriesAndOtherInterfacesAreUnknown() {
    assertThat(NeighbourTable.macOf("10.5.50.24", ARP, "br-wifi")).isEmpty();
    assertThat(NeighbourTable.macOf("192.168.1.1", ARP, "br-wifi")).isEmpty();
    assertThat(NeighbourTable.macOf("10.5.50.99", ARP, "br-wifi")).isEmpty();
  }
}
