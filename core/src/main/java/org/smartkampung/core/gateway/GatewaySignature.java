package org.smartkampung.core.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
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
  private final ThreadLocal<Scratch> scratches;
  private final Clock clock;
  private final long maxAgeSeconds;

  public GatewaySignature(String key, Clock clock, long maxAgeSeconds) {
    try {
      this.prototype = Mac.getInstance("HmacSHA256");
      prototype.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
    this.scratches = ThreadLocal.withInitial(() -> new Scratch(newMac()));
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
   * their order, then {@code op}, {@code ts} and {@code sig}. The same signature as {@link #sign}.
   *
   * @param params names and values, none named {@code op}, {@code ts} or {@code sig}
   */
  public String signQuery(String op, Map<String, String> params) {
    String[] names = new String[params.size()];
    String[] values = new String[names.length];
    int n = 0;
    for (Map.Entry<String, String> e : params.entrySet()) {
      names[n] = e.getKey();
      values[n++] = e.getValue();
    }
    return signQuery(op, names, values);
  }

  /**
   * As {@link #signQuery(String, Map)} with the names and values side by side, for the captive
   * interceptor's every redirect: no map, and the text is built in this thread's scratch buffers.
   *
   * @param names parameter names, ASCII, none named {@code op}, {@code ts} or {@code sig}
   * @param values their values, as many; null counts as empty
   */
  public String signQuery(String op, String[] names, String[] values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException("names and values differ in number");
    }
    int count = names.length + 2;
    String[] allNames = Arrays.copyOf(names, count);
    String[] allValues = Arrays.copyOf(values, count);
    allNames[count - 2] = OP;
    allValues[count - 2] = op;
    allNames[count - 1] = TS;
    allValues[count - 1] = Long.toString(Math.floorDiv(clock.millis(), 1000));
    Scratch scratch = scratches.get();
    StringBuilder query = scratch.text(0);
    for (int i = 0; i < count; i++) {
      FormEncoding.append(query, allNames[i]).append('=');
      FormEncoding.append(query, allValues[i]).append('&');
    }
    String sig = hmacHex(sortedBase(allNames, allValues, scratch.text(1)), scratch);
    return query.append(SIG).append('=').append(sig).toString();
  }

  /**
   * A signer of redirects for one client: {@code gw}, {@code ip} and {@code mac} are encoded once,
   * so each redirect encodes only its URL (once, for the query and the base string alike) and the
   * time. The captive interceptor keeps one per connection. The result is exactly {@link
   * #signQuery(String, String[], String[])} of {@code op=redirect} with {@code gw, ip, mac, url}.
   */
  public RedirectSigner redirectSigner(String gw, String ip, String mac) {
    return new RedirectSigner(gw, ip, mac);
  }

  /** See {@link #redirectSigner}. Thread-safe (its scratch space is per thread). */
  public final class RedirectSigner {
    private static final String OP_AND_TS = "&op=redirect&ts=";
    // Both start with gw, ip and mac: in the query in the caller's order, in the base by name.
    private final String head;

    private RedirectSigner(String gw, String ip, String mac) {
      StringBuilder b = new StringBuilder();
      FormEncoding.append(b.append("gw="), gw);
      FormEncoding.append(b.append("&ip="), ip);
      FormEncoding.append(b.append("&mac="), mac);
      this.head = b.toString();
    }

    /** The signed query string (without {@code ?}) of a redirect for {@code url} (null = empty). */
    public String sign(String url) {
      Scratch scratch = scratches.get();
      long ts = Math.floorDiv(clock.millis(), 1000);
      StringBuilder encodedUrl = FormEncoding.append(scratch.text(2), url);
      // The base string, sorted by name: gw, ip, mac, op, ts, url.
      StringBuilder base = scratch.text(1).append(head).append(OP_AND_TS).append(ts);
      base.append("&url=").append(encodedUrl);
      String sig = hmacHex(base, scratch);
      // The query: gw, ip, mac, url, then op, ts and sig.
      return scratch
          .text(0)
          .append(head)
          .append("&url=")
          .append(encodedUrl)
          .append(OP_AND_TS)
          .append(ts)
          .append('&')
          .append(SIG)
          .append('=')
          .append(sig)
          .toString();
    }
  }

  /**
   * Reused text, bytes and keyed MAC of one thread (one thread-local look-up per signature), so
   * signing allocates little more than its answer.
   */
  private static final class Scratch {
    private final Mac mac;
    private final StringBuilder[] texts = {
      new StringBuilder(512), new StringBuilder(512), new StringBuilder(512)
    };
    private byte[] bytes = new byte[512];

    Scratch(Mac mac) {
      this.mac = mac;
    }

    StringBuilder text(int which) {
      StringBuilder text = texts[which];
      text.setLength(0);
      return text;
    }

    /** The text's characters as bytes; form-encoded text is ASCII. */
    byte[] ascii(CharSequence text) {
      if (bytes.length < text.length()) {
        bytes = new byte[Math.max(text.length(), 2 * bytes.length)];
      }
      for (int i = 0; i < text.length(); i++) {
        bytes[i] = (byte) text.charAt(i);
      }
      return bytes;
    }
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
    return sortedBase(Arrays.copyOf(names, n), Arrays.copyOf(values, n), new StringBuilder())
        .toString();
  }

  /**
   * Appends the pairs sorted by name (byte order; names are ASCII), form-encoded and joined, to
   * {@code base}. An insertion sort: there are never more than a handful.
   */
  private static StringBuilder sortedBase(String[] names, String[] values, StringBuilder base) {
    int[] order = new int[names.length];
    for (int i = 0; i < order.length; i++) {
      int at = i;
      while (at > 0 && names[order[at - 1]].compareTo(names[i]) > 0) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = i;
    }
    for (int k = 0; k < order.length; k++) {
      if (k > 0) {
        base.append('&');
      }
      FormEncoding.append(base, names[order[k]]).append('=');
      FormEncoding.append(base, values[order[k]]);
    }
    return base;
  }

  private String signature(Map<String, String> params) {
    return hmacHex(baseString(params), scratches.get());
  }

  private static String hmacHex(CharSequence base, Scratch scratch) {
    scratch.mac.update(scratch.ascii(base), 0, base.length());
    byte[] digest = scratch.mac.doFinal();
    char[] hex = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
    }
    return new String(hex);
  }

  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  private Mac newMac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
    }
  }
}
