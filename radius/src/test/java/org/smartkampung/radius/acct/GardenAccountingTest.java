package org.smartkampung.radius.acct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.report.MonthRollup;
import org.smartkampung.radius.testing.RadiusHarness;
import org.smartkampung.radius.testing.TestNas;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * Our gateway reports the walled garden's traffic before login as one pseudo-session of
 * "walled-garden" (no MAC, no Class). The village pays for it; it is nobody's quota: more garden
 * bytes than a villager's daily allowance end nothing, and the monthly report does not count the
 * garden as a villager. A real villager over the allowance on the same gateway is still cut off.
 */
class GardenAccountingTest {

  private static final long MB = 1_000_000L;
  private static final int START = 1;
  private static final int INTERIM = 3;

  @Test
  void theGardensBytesAreTheVillagesAndNoVillagersQuotaEndsIt() throws Exception {
    try (TestNas gateway = new TestNas(RadiusHarness.SECRET);
        RadiusHarness h =
            new RadiusHarness(
                List.of(
                    RadiusHarness.hotspot(
                        "kemiren-gw",
                        "127.0.0.1",
                        NasType.KAMPUNG_GATEWAY,
                        MessageAuthenticatorPolicy.YES,
                        gateway.port())),
                // One megabyte a day per villager.
                new QuotaPolicy(
                    "standar",
                    null,
                    null,
                    1L,
                    null,
                    4096L,
                    1024L,
                    2,
                    OpeningHours.ALWAYS,
                    3600,
                    300,
                    60))) {
      account(h, garden(h, START, 0));
      account(h, garden(h, INTERIM, 5 * MB));
      // The control: a villager on the same gateway spends more than the allowance.
      account(h, h.accountingRecord(START, "siti-1", "AA-BB-CC-DD-EE-01", 0, 0, 0, 0));
      account(h, h.accountingRecord(INTERIM, "siti-1", "AA-BB-CC-DD-EE-01", 2 * MB, 0, 60, 0));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> disconnectsOf(gateway, "siti-1").size() == 1);
      assertThat(disconnectsOf(gateway, "garden18c2f0a1b2c")).isEmpty();
      assertThat(gateway.received()).hasSize(1);
      QuotaResult.Ok usage =
          (QuotaResult.Ok) h.stores.ledger().check(RadiusHarness.VILLAGE, "budi", "");
      assertThat(usage.usage().villageDayBytes()).isEqualTo(7 * MB);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(month(h).users()).isEqualTo(1));
      assertThat(month(h).sessions()).isEqualTo(1);
    }
  }

  private static MonthRollup month(RadiusHarness h) {
    return h.stores
        .monthlyRollups()
        .month(RadiusHarness.VILLAGE, YearMonth.now(ZoneId.of("Asia/Jakarta")));
  }

  /** What the gateway sends for the garden: cumulative counters, no MAC, no Class. */
  private static byte[] garden(RadiusHarness h, int status, long downloadBytes) {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(h.attributes.unsigned("Acct-Status-Type", status));
    attrs.add(h.attributes.text("Acct-Session-Id", "garden18c2f0a1b2c"));
    attrs.add(h.attributes.text("User-Name", "walled-garden"));
    attrs.add(h.attributes.octets("Framed-IP-Address", new byte[4]));
    attrs.add(h.attributes.unsigned("Acct-Output-Octets", downloadBytes));
    attrs.add(h.attributes.unsigned("Acct-Input-Octets", 0));
    return h.request(4, attrs, false);
  }

  private static void account(RadiusHarness h, byte[] record) throws Exception {
    assertThat(h.exchange(record, h.server.acctPort(), Duration.ofSeconds(5)))
        .as("accounting answered")
        .isPresent();
  }

  /** The Disconnect-Requests the gateway got for one Acct-Session-Id. */
  private static List<TestNas.Received> disconnectsOf(TestNas nas, String acctSessionId) {
    return nas.received().stream()
        .filter(r -> r.code() == 40 && acctSessionId.equals(r.attribute(44)))
        .toList();
  }
}
