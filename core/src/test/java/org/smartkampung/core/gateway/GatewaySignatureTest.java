package org.smartkampung.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.gateway.GatewaySignature.Verdict;
import org.smartkampung.core.testing.MutableClock;

class GatewaySignatureTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final GatewaySignature signature =
      new GatewaySignature("kunci-rahasia-desa-kemiren", clock, 120);

  private static Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("gw", "kemiren-1");
    p.put("ip", "10.5.50.23");
    p.put("mac", "aa:bb:cc:dd:ee:ff");
    p.put("url", "http://example.com/a b?x=1&y=2");
    return p;
  }

  @Test
  void signedParametersVerify() {
    Map<String, String> signed = signature.sign("redirect", params());
    assertThat(signed).containsEntry("op", "redirect").containsEntry("ts", "1772366400");
    assertThat(signature.verify("redirect", signed)).isEqualTo(Verdict.VALID);
  }

  @Test
  void baseStringIsSortedFormEncodedWithoutSig() {
    Map<String, String> p = new LinkedHashMap<>(params());
    p.put("sig", "whatever");
    assertThat(GatewaySignature.baseString(p))
        .isEqualTo(
            "gw=kemiren-1&ip=10.5.50.23&mac=aa%3Abb%3Acc%3Add%3Aee%3Aff"
                + "&url=http%3A%2F%2Fexample.com%2Fa+b%3Fx%3D1%26y%3D2");
  }

  @Test
  void signatureIsTheKnownHmacSha256OfTheBaseString() {
    // Pinned so the portal (or any other language) can check its implementation against it.
    Map<String, String> signed = signature.sign("authorize", Map.of("ip", "10.5.50.23"));
    // python3: hmac.new(key, b"ip=10.5.50.23&op=authorize&ts=1772366400", sha256).hexdigest()
    assertThat(signed.get("sig"))
        .isEqualTo("acba8c783608ee8bc49bdc57564ad1b4e9d6f8a8c03d84ac08dca4fbd999ed1f");
  }

  @Test
  void signedQueryCarriesTheSameSignatureAsTheSignedMapAndVerifiesOnceDecoded() {
    String query = signature.signQuery("redirect", params());

    Map<String, String> decoded = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      decoded.put(
          java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(decoded).isEqualTo(signature.sign("redirect", params()));
    assertThat(decoded.keySet()).containsExactly("gw", "ip", "mac", "url", "op", "ts", "sig");
    assertThat(signature.verify("redirect", decoded)).isEqualTo(Verdict.VALID);
  }

  @Test
  void changedValueIsABadSignature() {
    Map<String, String> signed = new LinkedHashMap<>(signature.sign("redirect", params()));
    signed.put("ip", "10.5.50.24");
    assertThat(signature.verify("redirect", signed)).isEqualTo(Verdict.BAD_SIGNATURE);
  }

  @Test
  void otherKeyIsABadSignature() {
    Map<String, String> signed =
        new GatewaySignature("kunci-lain-yang-salah-sekali", clock, 120).sign("redirect", params());
    assertThat(signature.verify("redirect", signed)).isEqualTo(Verdict.BAD_SIGNATURE);
  }

  @Test
  void redirectSignatureIsNotAnAuthorizeSignature() {
    Map<String, String> signed = signature.sign("redirect", params());
    assertThat(signature.verify("authorize", signed)).isEqualTo(Verdict.MISSING);
  }

  @Test
  void oldOrFutureCallIsStale() {
    Map<String, String> signed = signature.sign("authorize", params());
    clock.advance(Duration.ofSeconds(120));
    assertThat(signature.verify("authorize", signed)).isEqualTo(Verdict.VALID);
    clock.advance(Duration.ofSeconds(1));
    assertThat(signature.verify("authorize", signed)).isEqualTo(Verdict.STALE);
    clock.advance(Duration.ofSeconds(-300));
    assertThat(signature.verify("authorize", signed)).isEqualTo(Verdict.STALE);
  }

  @Test
  void missingSignatureIsRefused() {
    Map<String, String> p = new LinkedHashMap<>(params());
    p.put("op", "authorize");
    p.put("ts", "1772366400");
    assertThat(signature.verify("authorize", p)).isEqualTo(Verdict.MISSING);
  }

  @Test
  void aConnectionsRedirectSignerGivesExactlyTheSignedQueryOfItsClient() {
    GatewaySignature.RedirectSigner signer =
        signature.redirectSigner("kemiren-gw", "10.5.50.23", "aa:bb:cc:00:11:22");
    String[] names = {"gw", "ip", "mac", "url"};
    for (String url :
        new String[] {
          "", null, "http://contoh.test/berita?a=1&b=dua kata", "http://désa.test/ü*-._~%"
        }) {
      assertThat(signer.sign(url))
          .isEqualTo(
              signature.signQuery(
                  "redirect",
                  names,
                  new String[] {"kemiren-gw", "10.5.50.23", "aa:bb:cc:00:11:22", url}));
    }
    assertThat(signature.redirectSigner("kemiren-gw", "10.5.50.23", "").sign("http://a.test/"))
        .isEqualTo(
            signature.signQuery(
                "redirect",
                names,
                new String[] {"kemiren-gw", "10.5.50.23", "", "http://a.test/"}));
  }
}
