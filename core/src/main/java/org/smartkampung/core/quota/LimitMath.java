package org.smartkampung.core.quota;

/**
 * The one place where limits change units and meet counters. Every result saturates: a value too
 * large for a {@code long} becomes {@link #UNLIMITED} rather than throwing or wrapping, a negative
 * configured value counts as 0, and "no limit" ({@code null} in, {@link #UNLIMITED} out) survives
 * every operation. Units are decimal, as package sellers and villagers count them.
 */
public final class LimitMath {

  /** A limit that does not apply. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** Bytes in one megabyte (10^6). */
  public static final long BYTES_PER_MB = 1_000_000L;

  /** Bytes in one gigabyte (10^9). */
  public static final long BYTES_PER_GB = 1_000_000_000L;

  private LimitMath() {}

  /** Megabytes as bytes; null means {@link #UNLIMITED}. */
  public static long megabytes(Long mb) {
    return mb == null ? UNLIMITED : times(mb, BYTES_PER_MB);
  }

  /** Gigabytes as bytes; null means {@link #UNLIMITED}. */
  public static long gigabytes(Long gb) {
    return gb == null ? UNLIMITED : times(gb, BYTES_PER_GB);
  }

  /** Minutes as seconds; null means {@link #UNLIMITED}. */
  public static long minutes(Long minutes) {
    return minutes == null ? UNLIMITED : times(minutes, 60);
  }

  /** Kilobits per second as bits per second; null, 0 or less means {@link #UNLIMITED}. */
  public static long kbps(Long kbps) {
    return kbps == null || kbps <= 0 ? UNLIMITED : times(kbps, 1_000);
  }

  /** Megabits per second as bits per second; 0 or less means {@link #UNLIMITED}. */
  public static long mbps(long mbps) {
    return mbps <= 0 ? UNLIMITED : times(mbps, 1_000_000);
  }

  /** {@code value * unit} for a non-negative unit, negative values as 0, saturating. */
  public static long times(long value, long unit) {
    if (value <= 0) {
      return 0;
    }
    return value > UNLIMITED / unit ? UNLIMITED : value * unit;
  }

  /** What is left of {@code cap} after {@code used}: never negative; {@link #UNLIMITED} stays. */
  public static long left(long cap, long used) {
    if (cap == UNLIMITED) {
      return UNLIMITED;
    }
    return used <= 0 ? Math.max(0, cap) : Math.max(0, cap - used);
  }

  /** {@code a + b} for non-negative amounts, saturating at {@link #UNLIMITED}. */
  public static long plus(long a, long b) {
    long sum = a + b;
    return sum < 0 || a == UNLIMITED || b == UNLIMITED ? UNLIMITED : sum;
  }

  /** The smallest of the amounts. */
  public static long min(long first, long... rest) {
    long min = first;
    for (long r : rest) {
      min = Math.min(min, r);
    }
    return min;
  }
}
