package org.smartkampung.core.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.voucher.RedeemResult;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * Vouchers in-process, durable in {@code <dataDir>/vouchers.jsonl}: each change, a redeem included,
 * is on disk before the method returns. Thread-safe; one lock makes redeem atomic and orders the
 * journal lines (the fsync inside it is the price of "a restart loses nothing").
 */
public final class EmbeddedVoucherStore implements VoucherStore, AutoCloseable {

  private final JsonJournal<Voucher> journal;

  public EmbeddedVoucherStore(Path dataDir) {
    this.journal = JsonJournal.open(dataDir.resolve("vouchers.jsonl"), Voucher.class);
  }

  @Override
  public synchronized Optional<Voucher> find(String code) {
    return Optional.ofNullable(journal.get(code));
  }

  @Override
  public synchronized boolean createAll(List<Voucher> vouchers) {
    Map<String, Voucher> batch = new LinkedHashMap<>();
    for (Voucher voucher : vouchers) {
      if (journal.get(voucher.code()) != null || batch.put(voucher.code(), voucher) != null) {
        return false;
      }
    }
    journal.putAll(batch);
    return true;
  }

  @Override
  public synchronized RedeemResult redeem(
      String villageId, String code, String deviceId, Instant now) {
    VoucherRedemption.checkDeviceId(deviceId);
    Voucher voucher = journal.get(code);
    VoucherRedemption outcome = VoucherRedemption.decide(voucher, villageId, deviceId, now);
    if (outcome.changed() != null) {
      journal.put(code, outcome.changed());
    }
    return outcome.result();
  }

  @Override
  public synchronized boolean markUsed(String code) {
    Voucher voucher = journal.get(code);
    if (voucher == null || voucher.status() == VoucherStatus.REVOKED) {
      return false;
    }
    journal.put(code, withStatus(voucher, VoucherStatus.USED));
    return true;
  }

  @Override
  public synchronized boolean revoke(String code) {
    Voucher voucher = journal.get(code);
    if (voucher == null) {
      return false;
    }
    journal.put(code, withStatus(voucher, VoucherStatus.REVOKED));
    return true;
  }

  @Override
  public synchronized List<Voucher> listByVillage(String villageId) {
    return journal.values().stream()
        .filter(v -> v.villageId().equals(villageId))
        .sorted(VoucherRedemption.NEWEST_FIRST)
        .toList();
  }

  @Override
  public synchronized void close() {
    journal.close();
  }

  private static Voucher withStatus(Voucher v, VoucherStatus status) {
    return new Voucher(
        v.code(),
        v.villageId(),
        v.batchId(),
        v.createdAt(),
        v.expiresAt(),
        v.bytesLimit(),
        v.minutesLimit(),
        v.maxDevices(),
        status,
        v.firstUsedAt(),
        v.devices());
  }
}
