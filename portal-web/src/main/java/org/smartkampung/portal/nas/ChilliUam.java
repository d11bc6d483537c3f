package org.smartkampung.portal.nas;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * CoovaChilli's UAM protocol: the redirect's {@code md} check and the CHAP response the portal
 * sends back to {@code http://uamip:uamport/logon}.
 */
public final class ChilliUam {

  private ChilliUam() {}

  /**
   * Whether {@code md} is the uppercase hex MD5 of the redirect URL up to (not including) {@code
   * &md=}, followed by the uamsecret, as Chilli's {@code redir_md_param} computes it.
   *
   * @param absoluteUrl the URL exactly as Chilli built it, scheme and host included
   */
  public static boolean mdValid(String absoluteUrl, String uamSecret) {
    int at = absoluteUrl.indexOf("&md=");
    if (at < 0) {
      return false;
    }
    String signed = absoluteUrl.substring(0, at);
    String md = absoluteUrl.substring(at + 4);
    int end = md.indexOf('&');
    if (end >= 0) {
      md = md.substring(0, end);
    }
    String expected =
        Md5.hex(
                Md5.of(
                    signed.getBytes(StandardCharsets.ISO_8859_1),
                    uamSecret.getBytes(StandardCharsets.UTF_8)))
            .toUpperCase(Locale.ROOT);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        md.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The CHAP response: {@code hex(MD5(0x00 + secret + MD5(challenge + uamsecret)))}, or with the
   * raw challenge when the hotspot has no uamsecret. Empty when the challenge is not 16 hex bytes.
   */
  public static Optional<String> response(String challengeHex, String uamSecret, String secret) {
    byte[] challenge;
    try {
      challenge = HexFormat.of().parseHex(challengeHex == null ? "" : challengeHex);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (challenge.length != 16) {
      return Optional.empty();
    }
    byte[] mixed =
        uamSecret == null || uamSecret.isEmpty()
            ? challenge
            : Md5.of(challenge, uamSecret.getBytes(StandardCharsets.UTF_8));
    byte[] response = Md5.of(new byte[] {0}, secret.getBytes(StandardCharsets.UTF_8), mixed);
    return Optional.of(Md5.hex(response));
  }

  /** The {@code logon} URL the browser is sent to; uamip and uamport must already be checked. */
  public static String logonUrl(
      String uamIp, int uamPort, String username, String response, String userUrl) {
    return "http://"
        + uamIp
        + ":"
        + uamPort
        + "/logon?username="
        + enc(username)
        + "&response="
        + enc(response)
        + "&userurl="
        + enc(userUrl);
  }

  /** The {@code logoff} URL that ends the Chilli session. */
  public static String logoffUrl(String uamIp, int uamPort) {
    return "http://" + uamIp + ":" + uamPort + "/logoff";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
