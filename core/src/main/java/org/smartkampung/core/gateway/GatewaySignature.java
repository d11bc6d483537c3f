package org.smartkampung.core.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the parameters the built-in gateway and the portal exchange, with a key both
 * share ({@code gateway.signing-key}). One format for both directions:
 *
 * <ul>
 *   <li><b>Redirect</b> (gateway to portal, query string of a 302): {@code op=redirect}, {@code gw}
 *       (gateway id), {@code ip} (client IPv4), {@code mac} (client MAC, lowercase with colons,
 *       empty when unknown), {@code url} (the URL the client asked for), {@code ts}, {@code sig}.
 *   <li><b>Authorize</b> (portal to gateway, form body of {@code POST /kampung/authorize}): {@code
 *       op=authorize}, {@code gw}, {@code ip}, {@code mac}, {@code username}, {@code secret} (the
 *       one-time login token's username and secret, verified by RADIUS), {@code ts}, {@code sig}.
 *       The gateway answers 200 with a JSON body {@code {"result":"accept"}} or 403 with {@code
 *       {"result":"reject","message":"..."}}.
 * </ul>
 *
 * <p>{@code ts} is the signing time in seconds since the epoch. {@code sig} is the lowercase hex
 * HMAC-SHA256, under the shared key (UTF-8 bytes), of the <em>base string</em>: every parameter
 * except {@code sig}, sorted by name (byte order), each written {@code name=value} with name and
 * value form-encoded as by {@link URLEncoder} in UTF-8, joined by {@code &}. A call is valid when
 * the signature matches and {@code ts} is at most {@code maxAgeSeconds} away from now, either way.
 *
 * <p>Immutable and thread-safe.
 */
public final class GatewaySignature {

  /** The parameter holding the signature. */
  public static final String SIG = "sig";

  /** The parameter holding the signing time in epoch seconds. */
  public static final String TS = "ts";

  /** The parameter naming the kind of call: {@code redirect} or {@code authorize}. */
  public static final String OP = "op";

  /** Why a call was refused, or {@code VALID}. */
  public enum Verdict {
    VALID,
    MISSING,
    BAD_SIGNATURE,
    STALE
  }

  // Initialised once and cloned once per thread: the JCA lookup and key setup cost more than the
  // HMAC, and the captive interceptor signs every redirect.
  private final Mac prototype;
  private final ThreadLocal<Mac> macs;
  private final Clock clock;
  private final long maxAgeSeconds;

  public GatewaySignature(String key, Clock clock, long maxAgeSeconds) {
    try {
      this.prototype = Mac.getInstance("HmacSHA256");
      prototype.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
    this.macs = ThreadLocal.withInitial(this::newMac);
    this.clock = clock;
    this.maxAgeSeconds = maxAgeSeconds;
  }

  /** A copy of {@code params} with {@code op}, {@code ts} (now) and {@code sig} added. */
  public Map<String, String> sign(String op, Map<String, String> params) {
    Map<String, String> out = new LinkedHashMap<>(params);
    out.put(OP, op);
    out.put(TS, Long.toString(clock.instant().getEpochSecond()));
    out.put(SIG, signature(out));
    return out;
  }

  /**
   * The signed parameters as a form-encoded query string (without {@code ?}): {@code params} in
   * their order, then {@code op}, {@code ts} and {@code sig}. The same signature as {@link #sign},
   * built without intermediate maps, for the captive interceptor's every redirect.
   *
   * @param params names and values, none named {@code op}, {@code ts} or {@code sig}
   */
  public String signQuery(String op, Map<String, String> params) {
    String ts = Long.toString(clock.instant().getEpochSecond());
    String[] names = new String[params.size() + 2];
    String[] values = new String[names.length];
    int n = 0;
    for (Map.Entry<String, String> e : params.entrySet()) {
      names[n] = e.getKey();
      values[n++] = e.getValue();
    }
    names[n] = OP;
    values[n++] = op;
    names[n] = TS;
    values[n] = ts;
    StringBuilder query = new StringBuilder(512);
    for (int i = 0; i < names.length; i++) {
      FormEncoding.append(query, names[i]).append('=');
      FormEncoding.append(query, values[i]).append('&');
    }
    String sig = hmacHex(sortedBase(names, values));
    return query.append(SIG).append('=').append(sig).toString();
  }

  /** Checks the signature, the kind of call and the time. */
  public Verdict verify(String op, Map<String, String> params) {
    String sig = params.get(SIG);
    String ts = params.get(TS);
    if (sig == null || ts == null || !op.equals(params.get(OP))) {
      return Verdict.MISSING;
    }
    byte[] expected = signature(params).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.BAD_SIGNATURE;
    }
    long signedAt;
    try {
      signedAt = Long.parseLong(ts);
    } catch (NumberFormatException e) {
      return Verdict.STALE;
    }
    long age = clock.instant().getEpochSecond() - signedAt;
    return Math.abs(age) <= maxAgeSeconds ? Verdict.VALID : Verdict.STALE;
  }

  /** The base string signed for {@code params} (without {@code sig}); public for debugging. */
  public static String baseString(Map<String, String> params) {
    String[] names = new String[params.size()];
    String[] values = new String[names.length];
    int n = 0;
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey().equals(SIG)) {
        continue;
      }
      names[n] = e.getKey();
      values[n++] = e.getValue();
    }
    return sortedBase(Arrays.copyOf(names, n), Arrays.copyOf(values, n));
  }

  /** Sorts the pairs by name (byte order; names are ASCII) and joins them form-encoded. */
  private static String sortedBase(String[] names, String[] values) {
    Integer[] order = new Integer[names.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
    StringBuilder base = new StringBuilder(512);
    for (int i : order) {
      if (base.length() > 0) {
        base.append('&');
      }
      FormEncoding.append(base, names[i]).append('=');
      FormEncoding.append(base, values[i]);
    }
    return base.toString();
  }

  private String signature(Map<String, String> params) {
    return hmacHex(baseString(params));
  }

  private String hmacHex(String base) {
    return HexFormat.of().formatHex(macs.get().doFinal(base.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
    }
  }
}
