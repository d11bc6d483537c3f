package org.smartkampung.core.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VoucherCodesTest {

  private final VoucherCodes codes = new VoucherCodes();

  @Test
  void alphabetHas32SymbolsWithoutLookAlikes() {
    assertThat(VoucherCodes.ALPHABET).hasSize(32).doesNotContain("0", "O", "1", "I");
    assertThat(VoucherCodes.ALPHABET.chars().distinct().count()).isEqualTo(32);
  }

  @Test
  void codesHaveAtLeastFortyBitsOfEntropy() {
    double bits = VoucherCodes.LENGTH * (Math.log(VoucherCodes.ALPHABET.length()) / Math.log(2));

    assertThat(bits).isGreaterThanOrEqualTo(40);
  }

  @Test
  void generatedCodesAreWellFormedAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = codes.next();
      assertThat(VoucherCodes.isWellFormed(code)).as(code).isTrue();
      seen.add(code);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void everySymbolOfTheAlphabetIsUsed() {
    Set<Character> used = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      codes.next().chars().forEach(c -> used.add((char) c));
    }
    assertThat(used).hasSize(32);
  }

  @Test
  void normalizeForgivesCaseSpacesAndDashes() {
    assertThat(VoucherCodes.normalize(" abcde-fghjk ")).isEqualTo("ABCDEFGHJK");
    assertThat(VoucherCodes.normalize("ab cd e_fg hjk")).isEqualTo("ABCDEFGHJK");
    assertThat(VoucherCodes.normalize(null)).isEmpty();
  }

  @Test
  void normalizeDoesNotGuessLookAlikesSoSuchInputIsNotWellFormed() {
    String typed = VoucherCodes.normalize("ABCD0-FGHJO");

    assertThat(typed).isEqualTo("ABCD0FGHJO");
    assertThat(VoucherCodes.isWellFormed(typed)).isFalse();
    assertThat(VoucherCodes.isWellFormed(VoucherCodes.normalize("abcd1-fghji"))).isFalse();
  }

  @Test
  void wrongLengthIsNotWellFormed() {
    assertThat(VoucherCodes.isWellFormed("ABCDEFGHJ")).isFalse();
    assertThat(VoucherCodes.isWellFormed("ABCDEFGHJKL")).isFalse();
  }

  @Test
  void formatSplitsInTheMiddleAndNormalizeUndoesIt() {
    String code = codes.next();

    String printed = VoucherCodes.format(code);

    assertThat(printed).matches("[2-9A-Z]{5}-[2-9A-Z]{5}");
    assertThat(VoucherCodes.normalize(printed)).isEqualTo(code);
  }
}
