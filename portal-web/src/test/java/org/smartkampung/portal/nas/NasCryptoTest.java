package org.smartkampung.portal.nas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smartkampung.portal.testing.Python;

/** Pins the NAS login arithmetic against Python's hashlib, not against our own code. */
class NasCryptoTest {

  // MikroTik writes chap-id and chap-challenge as octal escapes, as in a real login.html.
  private static final String CHAP_ID = "\\371";
  private static final String CHAP_CHALLENGE =
      "\\042\\313\\014\\257\\375\\201\\226\\034\\120\\035\\152\\233\\045\\216\\064\\377";

  @Test
  void mikrotikChapPasswordMatchesPythonHashlib() {
    String secret = "5f1e9c0a7b3d4e2f";
    String expected =
        Python.run(
            "import hashlib,sys,re\n"
                + "dec=lambda s: bytes(int(o,8) for o in re.findall(r'\\\\([0-7]{3})', s))\n"
                + "print(hashlib.md5(dec(sys.argv[1])+sys.argv[3].encode()+dec(sys.argv[2])).hexdigest())",
            CHAP_ID, CHAP_CHALLENGE, secret);

    assertThat(MikrotikChap.password(CHAP_ID, CHAP_CHALLENGE, secret)).contains(expected);
    assertThat(expected).hasSize(32);
  }

  @Test
  void mikrotikWithoutChallengePostsTheSecretAsPap() {
    assertThat(MikrotikChap.password("", "", "s3cret")).contains("s3cret");
  }

  @Test
  void mikrotikOctalDecodingKeepsPlainCharactersAndRefusesBrokenEscapes() {
    assertThat(MikrotikChap.decodeOctal("a\\101\\000"))
        .hasValueSatisfying(b -> assertThat(b).containsExactly('a', 'A', 0));
    assertThat(MikrotikChap.decodeOctal("\\38")).isEmpty();
    assertThat(MikrotikChap.decodeOctal("\\7")).isEmpty();
    assertThat(MikrotikChap.decodeOctal("\\777")).isEmpty();
    assertThat(MikrotikChap.password("\\371\\372", CHAP_CHALLENGE, "x")).isEmpty();
  }

  @Test
  void chilliResponseMatchesPythonHashlib() {
    String challenge = "8e4f4c3a1b2d99aa00ff11ee22dd33cc";
    String uamSecret = "uamrahasia";
    String secret = "0123456789abcdef0123";
    String expected =
        Python.run(
            "import hashlib,sys\n"
                + "c=bytes.fromhex(sys.argv[1])\n"
                + "n=hashlib.md5(c+sys.argv[2].encode()).digest()\n"
                + "print(hashlib.md5(b'\\x00'+sys.argv[3].encode()+n).hexdigest())",
            challenge,
            uamSecret,
            secret);

    assertThat(ChilliUam.response(challenge, uamSecret, secret)).contains(expected);
  }

  @Test
  void chilliResponseWithoutUamsecretUsesTheRawChallenge() {
    String challenge = "00112233445566778899aabbccddeeff";
    String expected =
        Python.run(
            "import hashlib,sys\n"
                + "print(hashlib.md5(b'\\x00'+sys.argv[2].encode()+bytes.fromhex(sys.argv[1])).hexdigest())",
            challenge,
            "tok");

    assertThat(ChilliUam.response(challenge, null, "tok")).contains(expected);
    assertThat(ChilliUam.response("zz", null, "tok")).isEmpty();
    assertThat(ChilliUam.response("0011", null, "tok")).isEmpty();
  }

  @Test
  void chilliMdIsCheckedAgainstPythonHashlibAndATamperedUrlIsRefused() {
    String url =
        "http://portal.desa.id/?res=notyet&uamip=10.1.0.1&uamport=3990"
            + "&challenge=8e4f4c3a1b2d99aa00ff11ee22dd33cc&mac=AA-BB-CC-DD-EE-FF&nasid=kemiren-1";
    String md =
        Python.run(
            "import hashlib,sys\nprint(hashlib.md5((sys.argv[1]+sys.argv[2]).encode()).hexdigest().upper())",
            url,
            "uamrahasia");

    assertThat(ChilliUam.mdValid(url + "&md=" + md, "uamrahasia")).isTrue();
    assertThat(ChilliUam.mdValid(url + "&md=" + md, "other")).isFalse();
    assertThat(ChilliUam.mdValid(url.replace("3990", "3991") + "&md=" + md, "uamrahasia"))
        .isFalse();
    assertThat(ChilliUam.mdValid(url, "uamrahasia")).isFalse();
  }
}
