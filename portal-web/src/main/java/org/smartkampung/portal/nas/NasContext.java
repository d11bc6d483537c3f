package org.smartkampung.portal.nas;

import java.util.LinkedHashMap;
import java.util.Map;
import org.smartkampung.portal.device.Device;

/**
 * What the NAS told the portal when it redirected the villager, checked and ready to finish the
 * NAS's own login. Carried between steps inside the signed form state.
 *
 * @param kind the NAS protocol
 * @param hotspot configured hotspot name; empty when the NAS did not identify itself
 * @param device the villager's device
 * @param loginUrl MikroTik {@code link-login-only}, a checked http(s) URL; empty otherwise
 * @param chapId MikroTik {@code chap-id}, octal-escaped as sent; empty for PAP
 * @param chapChallenge MikroTik {@code chap-challenge}, octal-escaped as sent; empty for PAP
 * @param uamIp Chilli <code>uamip</code>, an IPv4 literal; empty otherwise
 * @param uamPort Chilli <code>uamport</code>; 0 otherwise
 * @param challenge Chilli {@code challenge}, 32 hex digits; empty otherwise
 * @param originalUrl where the villager was going ({@code link-orig}, {@code dst}, {@code
 *     userurl}), a checked http(s) URL; empty when none or refused
 */
public record NasContext(
    NasKind kind,
    String hotspot,
    Device device,
    String loginUrl,
    String chapId,
    String chapChallenge,
    String uamIp,
    int uamPort,
    String challenge,
    String originalUrl) {

  public NasContext {
    hotspot = nz(hotspot);
    loginUrl = nz(loginUrl);
    chapId = nz(chapId);
    chapChallenge = nz(chapChallenge);
    uamIp = nz(uamIp);
    challenge = nz(challenge);
    originalUrl = nz(originalUrl);
  }

  /** No NAS: the portal was opened directly from this address. */
  public static NasContext none(String clientIp) {
    return new NasContext(NasKind.NONE, "", new Device("", clientIp), "", "", "", "", 0, "", "");
  }

  /** The context as signed-state entries. */
  public Map<String, String> toState() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("k", kind.name());
    m.put("h", hotspot);
    m.put("mac", device.mac());
    m.put("cip", device.clientIp());
    m.put("lo", loginUrl);
    m.put("cid", chapId);
    m.put("cch", chapChallenge);
    m.put("ua", uamIp);
    m.put("up", Integer.toString(uamPort));
    m.put("ch", challenge);
    m.put("orig", originalUrl);
    return m;
  }

  /** Reads a context back from verified signed-state entries. */
  public static NasContext fromState(Map<String, String> m) {
    NasKind kind;
    int port;
    try {
      kind = NasKind.valueOf(m.getOrDefault("k", "NONE"));
      port = Integer.parseInt(m.getOrDefault("up", "0"));
    } catch (IllegalArgumentException e) {
      return none(m.getOrDefault("cip", ""));
    }
    return new NasContext(
        kind,
        m.get("h"),
        new Device(m.get("mac"), m.get("cip")),
        m.get("lo"),
        m.get("cid"),
        m.get("cch"),
        m.get("ua"),
        port,
        m.get("ch"),
        m.get("orig"));
  }

  /** Where the NAS ends this villager's session, for the status page's logout; empty if unknown. */
  public String logoutUrl() {
    return switch (kind) {
      case CHILLI -> ChilliUam.logoffUrl(uamIp, uamPort);
      case MIKROTIK -> {
        // RouterOS serves /logout on the same origin as /login.
        int path = loginUrl.indexOf('/', loginUrl.indexOf("//") + 2);
        yield (path < 0 ? loginUrl : loginUrl.substring(0, path)) + "/logout";
      }
      default -> "";
    };
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
