package org.smartkampung.core.voucher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an admin asks for when printing vouchers.
 *
 * @param villageId the village the vouchers are valid in
 * @param count how many, 1 to {@link #MAX_COUNT}
 * @param validityDays days from now until they expire, 1 to 366
 * @param megabytes bytes each allows in total, in megabytes (10^6 bytes); 0 for no limit
 * @param minutes minutes online each allows from first use; 0 for no limit
 * @param maxDevices devices that may use one voucher, 1 to 10
 */
public record VoucherBatch(
    String villageId, int count, int validityDays, long megabytes, long minutes, int maxDevices) {

  public static final int MAX_COUNT = 500;

  /**
   * What is wrong with the request, as field name to problem code ({@code range}); empty when it
   * can be made. The village is checked by the caller, which knows the configured villages.
   */
  public Map<String, String> problems() {
    Map<String, String> problems = new LinkedHashMap<>();
    if (count < 1 || count > MAX_COUNT) {
      problems.put("count", "range");
    }
    if (validityDays < 1 || validityDays > 366) {
      problems.put("validityDays", "range");
    }
    if (megabytes < 0 || megabytes > 10_000_000) {
      problems.put("megabytes", "range");
    }
    if (minutes < 0 || minutes > 60 * 24 * 366) {
      problems.put("minutes", "range");
    }
    if (maxDevices < 1 || maxDevices > 10) {
      problems.put("maxDevices", "range");
    }
    return problems;
  }
}
