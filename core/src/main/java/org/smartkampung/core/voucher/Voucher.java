package org.smartkampung.core.voucher;

import java.time.Instant;

/**
 * A printed access code a desa admin hands to a villager.
 *
 * @param code the code as typed, uppercase, without separators
 * @param villageId the village it is valid in
 * @param batchId the batch it was printed in
 * @param createdAt when it was made
 * @param expiresAt after this instant it can no longer be redeemed or used
 * @param bytesLimit bytes it allows in total (in plus out); {@code Long.MAX_VALUE} for no limit
 * @param minutesLimit minutes online it allows from first use; 0 for no limit
 * @param maxDevices devices that may use it; 1 makes it single-use
 * @param status where it is in its life
 * @param firstUsedAt when it was first redeemed; null while unused
 * @param devices device ids that have redeemed it, comma separated, in order
 */
public record Voucher(
    String code,
    String villageId,
    String batchId,
    Instant createdAt,
    Instant expiresAt,
    long bytesLimit,
    long minutesLimit,
    int maxDevices,
    VoucherStatus status,
    Instant firstUsedAt,
    String devices) {

  /**
   * The status as a person reads it now: an unused or in-use voucher past its expiry is expired.
   */
  public VoucherStatus statusAt(Instant now) {
    if ((status == VoucherStatus.UNUSED || status == VoucherStatus.IN_USE)
        && !now.isBefore(expiresAt)) {
      return VoucherStatus.EXPIRED;
    }
    return status;
  }
}
