package org.smartkampung.portal.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Redirect targets the portal will follow: absolute {@code http} or {@code https} URLs with a host,
 * nothing else. Everything a NAS or a browser hands us as a destination ({@code userurl}, {@code
 * link-orig}, {@code dst}, {@code link-login-only}) goes through here, so there is no open redirect
 * and no {@code javascript:} link.
 */
public final class SafeUrl {

  private static final int MAX_LENGTH = 2048;

  private SafeUrl() {}

  /** The URL, normalised, when it is an absolute http(s) URL with a host; empty otherwise. */
  public static Optional<String> httpTarget(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String text = raw.trim();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // Control characters and backslashes make browsers and parsers disagree on the host.
      if (c < 0x21 || c == 0x7f || c == '\\') {
        return Optional.empty();
      }
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      if (scheme == null) {
        return Optional.empty();
      }
      String lower = scheme.toLowerCase(Locale.ROOT);
      if (!lower.equals("http") && !lower.equals("https")) {
        return Optional.empty();
      }
      if (uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawUserInfo() != null) {
        return Optional.empty();
      }
      return Optional.of(uri.toASCIIString());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
