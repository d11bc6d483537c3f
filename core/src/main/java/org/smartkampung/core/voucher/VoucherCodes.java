package org.smartkampung.core.voucher;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Makes and reads voucher codes: 10 symbols from a 32-symbol alphabet without the look-alikes 0/O
 * and 1/I (5 bits each, 50 bits of entropy from {@link SecureRandom}), printed as {@code
 * ABCDE-FGHJK} and stored as {@code ABCDEFGHJK}.
 *
 * <p>Typing policy: {@link #normalize} forgives case, spaces and dashes but does not guess. A typed
 * 0, O, 1 or I cannot come from a printed code, and no single printed symbol is "the" one a
 * villager misread, so such input stays as typed, {@link #isWellFormed} says false, and the portal
 * asks the villager to look again rather than trying a guessed code.
 */
public final class VoucherCodes {

  /** The symbols codes are made of: digits 2-9 and A-Z without I and O. */
  public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

  /** Symbols in a code: 10 x 5 bits = 50 bits, far beyond guessing at RADIUS request rates. */
  public static final int LENGTH = 10;

  private final SecureRandom random;

  public VoucherCodes() {
    this(new SecureRandom());
  }

  public VoucherCodes(SecureRandom random) {
    this.random = random;
  }

  /** A fresh random code in stored form. */
  public String next() {
    char[] code = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(code);
  }

  /** The code as typed, made comparable to the stored form: uppercase, no spaces or dashes. */
  public static String normalize(String typed) {
    if (typed == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(typed.length());
    for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
      if (c != '-' && c != '_' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether a normalized code could have been made by {@link #next()}. */
  public static boolean isWellFormed(String normalized) {
    if (normalized == null || normalized.length() != LENGTH) {
      return false;
    }
    return normalized.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
  }

  /** The printed form, split in the middle for reading aloud: {@code ABCDE-FGHJK}. */
  public static String format(String code) {
    int half = code.length() / 2;
    return code.substring(0, half) + "-" + code.substring(half);
  }
}
