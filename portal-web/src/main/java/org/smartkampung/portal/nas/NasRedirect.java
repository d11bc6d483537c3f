package org.smartkampung.portal.nas;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.smartkampung.core.config.GatewaySettings;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.core.gateway.GatewaySignature.Verdict;
import org.smartkampung.portal.device.Device;
import org.smartkampung.portal.security.SafeUrl;

/**
 * Reads the parameters a NAS puts on its redirect to the portal into a checked {@link NasContext}.
 * Anything malformed yields {@link NasKind#NONE} plus a message key, never an exception.
 *
 * @param context the checked context
 * @param villageId the village of the hotspot that identified itself; empty when none did
 * @param errorKey message key to show when the redirect was refused; empty when it was fine
 * @param chilliRes Chilli's {@code res} (notyet, success, failed, logoff, already); empty otherwise
 * @param nasMessage text the hotspot passed for the villager: Chilli's {@code reply} when its
 *     {@code md} proved Chilli wrote it; shown escaped; empty otherwise (an unsigned {@code error}
 *     or {@code reply} could be put on a link by anyone)
 */
public record NasRedirect(
    NasContext context,
    String villageId,
    Optional<String> errorKey,
    String chilliRes,
    String nasMessage) {

  private static final Pattern IPV4 =
      Pattern.compile("^(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}$");
  private static final Pattern HEX32 = Pattern.compile("^[0-9a-fA-F]{32}$");
  private static final int MAX_MESSAGE_CHARS = 200;

  /** Message key for a gateway redirect whose signature does not match (or an unknown gateway). */
  public static final String GATEWAY_FORGED = "error.gateway.forged";

  /** Message key for a gateway redirect signed too long ago (or in the future). */
  public static final String GATEWAY_STALE = "error.gateway.stale";

  private static final String REDIRECT = "redirect";
  private static final List<String> GATEWAY_PARAMS =
      List.of(
          "gw", "ip", "mac", "url", GatewaySignature.OP, GatewaySignature.TS, GatewaySignature.SIG);

  /**
   * Parses a redirect.
   *
   * @param param the request's query parameters by name (null when absent)
   * @param absoluteUrls the request URL as Chilli may have built it (the portal's public URL and
   *     the URL the request arrived at), for the {@code md} check
   * @param sourceIp the request's source address, used when the NAS sent no client IP
   * @param clock now, for the age of our gateway's signature
   */
  public static NasRedirect parse(
      Function<String, String> param,
      List<String> absoluteUrls,
      KampungConfig config,
      String sourceIp,
      Clock clock) {
    if (param.apply("link-login-only") != null || param.apply("chap-id") != null) {
      return mikrotik(param, config, sourceIp);
    }
    if (param.apply("uamip") != null || param.apply("res") != null) {
      return chilli(param, absoluteUrls, config, sourceIp);
    }
    if (param.apply("gw") != null || param.apply(GatewaySignature.SIG) != null) {
      return gateway(param, config, sourceIp, clock);
    }
    // Without a hotspot nobody vouches for a message: a link could put any text on our page.
    return new NasRedirect(NasContext.none(sourceIp), "", Optional.empty(), "", "");
  }

  /**
   * Our gateway's redirect: exactly the parameters the gateway signs ({@code gw, ip, mac, url, op,
   * ts, sig}), verified with the key of {@code gateway:} in the config whose {@code id} is {@code
   * gw}. Anything else on the URL (a language switch) is not part of the signature.
   */
  private static NasRedirect gateway(
      Function<String, String> param, KampungConfig config, String sourceIp, Clock clock) {
    GatewaySettings gateway = config.gateway();
    Map<String, String> signed = new HashMap<>();
    for (String name : GATEWAY_PARAMS) {
      String value = param.apply(name);
      if (value != null) {
        signed.put(name, value);
      }
    }
    boolean known =
        gateway.id() != null
            && gateway.signingKey() != null
            && !gateway.signingKey().isEmpty()
            && gateway.id().equals(signed.get("gw"));
    Verdict verdict =
        known
            ? new GatewaySignature(gateway.signingKey(), clock, gateway.signatureMaxAgeSeconds())
                .verify(REDIRECT, signed)
            : Verdict.BAD_SIGNATURE;
    String village = known && gateway.village() != null ? gateway.village() : "";
    String ip = signed.getOrDefault("ip", "");
    if (verdict != Verdict.VALID || !IPV4.matcher(ip).matches()) {
      String key = verdict == Verdict.STALE ? GATEWAY_STALE : GATEWAY_FORGED;
      return new NasRedirect(NasContext.none(sourceIp), village, Optional.of(key), "", "");
    }
    String orig = SafeUrl.httpTarget(signed.get("url")).orElse("");
    NasContext context =
        new NasContext(
            NasKind.GATEWAY,
            gateway.id(),
            Device.of(signed.get("mac"), ip),
            "",
            "",
            "",
            "",
            0,
            "",
            orig);
    return new NasRedirect(context, village, Optional.empty(), "", "");
  }

  /**
   * A MikroTik redirect: the hotspot must name itself ({@code nasid} or {@code identity}) as a
   * configured hotspot, and {@code link-login-only} must be on that hotspot's login host, so the
   * one-time login is posted nowhere else. RouterOS signs nothing, so its {@code error} text is not
   * shown: anyone could put it on a link.
   */
  private static NasRedirect mikrotik(
      Function<String, String> param, KampungConfig config, String sourceIp) {
    Optional<NasClientSettings> hotspot =
        hotspot(config, firstNonEmpty(param.apply("nasid"), param.apply("identity")));
    String village = hotspot.map(NasClientSettings::village).orElse("");
    Optional<String> loginUrl =
        SafeUrl.httpTarget(param.apply("link-login-only"))
            .filter(u -> hotspot.filter(h -> onLoginHost(u, h)).isPresent());
    String chapId = nz(param.apply("chap-id"));
    String chapChallenge = nz(param.apply("chap-challenge"));
    boolean chapOk =
        chapChallenge.isEmpty()
            || (MikrotikChap.decodeOctal(chapId).filter(b -> b.length == 1).isPresent()
                && MikrotikChap.decodeOctal(chapChallenge).isPresent());
    if (hotspot.isEmpty() || loginUrl.isEmpty() || !chapOk) {
      return refused(sourceIp, village);
    }
    String orig =
        SafeUrl.httpTarget(firstNonEmpty(param.apply("link-orig"), param.apply("dst"))).orElse("");
    Device device = Device.of(param.apply("mac"), clientIp(param.apply("ip"), sourceIp));
    NasContext context =
        new NasContext(
            NasKind.MIKROTIK,
            hotspot.get().name(),
            device,
            loginUrl.get(),
            chapId,
            chapChallenge,
            "",
            0,
            "",
            orig);
    return new NasRedirect(context, village, Optional.empty(), "", "");
  }

  /**
   * A CoovaChilli redirect: {@code nasid} must name a configured hotspot, {@code md} must check out
   * with its uamsecret when it has one, and {@code uamip} must be its login host, so the logon goes
   * to that hotspot only. Its {@code reply} is shown only when {@code md} proved Chilli wrote it.
   */
  private static NasRedirect chilli(
      Function<String, String> param,
      List<String> absoluteUrls,
      KampungConfig config,
      String sourceIp) {
    Optional<NasClientSettings> hotspot = hotspot(config, param.apply("nasid"));
    String village = hotspot.map(NasClientSettings::village).orElse("");
    String uamSecret = hotspot.map(NasClientSettings::uamSecret).orElse(null);
    String md = param.apply("md");
    boolean mdOk;
    if (uamSecret != null && !uamSecret.isEmpty()) {
      mdOk = md != null && absoluteUrls.stream().anyMatch(u -> ChilliUam.mdValid(u, uamSecret));
    } else {
      // Without a configured uamsecret we cannot check an md, so we refuse one rather than trust
      // it.
      mdOk = md == null;
    }
    String uamIp = nz(param.apply("uamip"));
    int uamPort = port(param.apply("uamport"));
    String res = nz(param.apply("res"));
    String challenge = nz(param.apply("challenge"));
    boolean loginPossible =
        IPV4.matcher(uamIp).matches() && uamPort > 0 && HEX32.matcher(challenge).matches();
    boolean needsLogin = res.isEmpty() || res.equals("notyet") || res.equals("failed");
    boolean ourHotspot =
        hotspot.isPresent() && uamIp.equalsIgnoreCase(hotspot.get().effectiveLoginHost());
    if (!ourHotspot || !mdOk || (needsLogin && !loginPossible) || !IPV4.matcher(uamIp).matches()) {
      return refused(sourceIp, village);
    }
    String message = uamSecret != null && !uamSecret.isEmpty() ? clip(param.apply("reply")) : "";
    String orig = SafeUrl.httpTarget(param.apply("userurl")).orElse("");
    Device device = Device.of(param.apply("mac"), clientIp(param.apply("ip"), sourceIp));
    NasContext context =
        new NasContext(
            NasKind.CHILLI,
            hotspot.get().name(),
            device,
            "",
            "",
            "",
            uamIp,
            uamPort,
            challenge,
            orig);
    return new NasRedirect(context, village, Optional.empty(), res, message);
  }

  private static NasRedirect refused(String sourceIp, String village) {
    return new NasRedirect(NasContext.none(sourceIp), village, Optional.of("error.nas"), "", "");
  }

  /** Whether the URL's host is the hotspot's login host (any port, http or https). */
  private static boolean onLoginHost(String url, NasClientSettings hotspot) {
    try {
      String host = java.net.URI.create(url).getHost();
      return host != null && host.equalsIgnoreCase(hotspot.effectiveLoginHost());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The configured hotspot of that name; empty for none (or no name). */
  public static Optional<NasClientSettings> hotspot(KampungConfig config, String name) {
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    return config.hotspots().stream().filter(h -> h.name().equals(name)).findFirst();
  }

  private static String clientIp(String reported, String sourceIp) {
    return reported != null && IPV4.matcher(reported).matches() ? reported : sourceIp;
  }

  private static int port(String text) {
    try {
      int p = Integer.parseInt(nz(text));
      return p > 0 && p < 65536 ? p : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String firstNonEmpty(String a, String b) {
    return a != null && !a.isEmpty() ? a : b;
  }

  private static String clip(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > MAX_MESSAGE_CHARS ? s.substring(0, MAX_MESSAGE_CHARS) : s;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
