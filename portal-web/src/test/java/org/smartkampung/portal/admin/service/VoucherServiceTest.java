package org.smartkampung.portal.admin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherBatch;
import org.smartkampung.core.voucher.VoucherStatus;

class VoucherServiceTest {

  ServiceFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new ServiceFixture();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private List<Voucher> create(int count, String wifiName) {
    Outcome<List<Voucher>> made =
        f.services
            .vouchers()
            .create(
                new VoucherService.CreateBatch(
                    new VoucherBatch("kemiren", count, 7, 2000, 90, 2), wifiName, "budi"));
    assertThat(made).isInstanceOf(Outcome.Done.class);
    return ((Outcome.Done<List<Voucher>>) made).value();
  }

  @Test
  void aBatchIsStoredWithItsLimitsAndAuditedOnceWithWhatEachVoucherAllows() {
    List<Voucher> made = create(5, "");

    assertThat(f.stores.vouchers().listByVillage("kemiren")).hasSize(5);
    assertThat(made).allSatisfy(v -> assertThat(v.maxDevices()).isEqualTo(2));
    assertThat(f.audit())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("voucher.create");
              assertThat(e.target()).isEqualTo(made.get(0).batchId());
              assertThat(e.after()).isEqualTo("5 voucher, 7 hari, 2000 MB, 90 menit, 2 perangkat");
            });
  }

  @Test
  void aNewWifiNameIsRememberedForTheVillageAndAuditedOnlyWhenItChanges() {
    create(1, "WiFi Kemiren");
    create(1, "WiFi Kemiren");

    assertThat(f.admin.landingContent().find("kemiren").wifiName()).isEqualTo("WiFi Kemiren");
    assertThat(f.audit())
        .extracting(AuditEntry::action)
        .containsExactly("voucher.wifiName", "voucher.create", "voucher.create");
  }

  @Test
  void aBatchOutOfBoundsOrWithAnOverlongWifiNameIsRefusedPerFieldAndNothingIsStored() {
    Outcome<List<Voucher>> refused =
        f.services
            .vouchers()
            .create(
                new VoucherService.CreateBatch(
                    new VoucherBatch("kemiren", 0, 400, 2000, 90, 2),
                    "x".repeat(VoucherService.MAX_SSID_CHARS + 1),
                    "budi"));

    assertThat(refused)
        .isEqualTo(
            Outcome.refused(
                new AdminError.Invalid(
                    java.util.Map.of(
                        "count", "form.range",
                        "validityDays", "form.range",
                        "wifiName", "vouchers.badWifiName"))));
    assertThat(f.stores.vouchers().listByVillage("kemiren")).isEmpty();
    assertThat(f.audit()).isEmpty();
  }

  @Test
  void revokingWorksOnlyForACodeOfTheVillageAndIsAuditedWithTheStatusBefore() {
    String code = create(1, "").get(0).code();

    assertThat(f.services.vouchers().revoke(new VoucherService.Revoke("tamansari", code, "sri")))
        .isEqualTo(Outcome.refused(new AdminError.NotFound()));
    assertThat(f.services.vouchers().revoke(new VoucherService.Revoke("kemiren", "ZZZ", "budi")))
        .isEqualTo(Outcome.refused(new AdminError.NotFound()));
    assertThat(f.stores.vouchers().find(code).orElseThrow().status())
        .isNotEqualTo(VoucherStatus.REVOKED);

    assertThat(f.services.vouchers().revoke(new VoucherService.Revoke("kemiren", code, "budi")))
        .isInstanceOf(Outcome.Done.class);

    assertThat(f.stores.vouchers().find(code).orElseThrow().status())
        .isEqualTo(VoucherStatus.REVOKED);
    AuditEntry last = f.audit().get(f.audit().size() - 1);
    assertThat(last.action()).isEqualTo("voucher.revoke");
    assertThat(last.target()).isEqualTo(code);
    assertThat(last.before()).isEqualTo("UNUSED");
    assertThat(last.after()).isEqualTo("REVOKED");
    assertThat(f.audit()).hasSize(2);
  }
}
