package org.smartkampung.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormEncodingTest {

  @Test
  void encodesExactlyAsUrlEncoderDoesForUrlsPhonesAskFor() {
    for (String s :
        new String[] {
          "",
          "http://example.com/a b?x=1&y=2#frag",
          "http://desa.id/berita?judul=Panen%20raya&hal=2",
          "http://xn--e1afmkfd.xn--p1ai/путь?q=ü€😀",
          "~!@#$%^&*()_+`-={}|[]\\:\";'<>?,./",
          "tab\tnewline\ncr\r"
        }) {
      assertThat(encode(s)).as(s).isEqualTo(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
  }

  @Test
  void encodesRandomTextExactlyAsUrlEncoderDoes() {
    Random random = new Random(7);
    for (int n = 0; n < 5_000; n++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        s.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD7FF)));
      }
      String text = s.toString();
      assertThat(encode(text)).as(text).isEqualTo(URLEncoder.encode(text, StandardCharsets.UTF_8));
    }
  }

  private static String encode(String s) {
    return FormEncoding.append(new StringBuilder(), s).toString();
  }
}
