package org.smartkampung.portal.admin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.portal.admin.service.SubscriberService;

/**
 * What a subscriber form or API body may hold, shared by {@link SubscriberPages} and {@link
 * AdminApi}: usernames, passwords and the per-subscriber quota override with the same bounds as the
 * village's quota form.
 */
final class SubscriberRules {

  /** Lowercase letters, digits, dot, dash, underscore; 3 to 32 characters; no leading symbol. */
  static final Pattern USERNAME = SubscriberService.USERNAME;

  /** Shortest subscriber password accepted. */
  static final int MIN_PASSWORD_CHARS = SubscriberService.MIN_PASSWORD_CHARS;

  static final String[] OVERRIDE_FIELDS = {
    "userDailyMb", "userDailyMinutes", "userRateDownKbps", "userRateUpKbps", "maxDevices"
  };

  private SubscriberRules() {}

  /** The lowercased username, with an error recorded when it is empty or malformed. */
  static String username(FormFields form) {
    String name = form.text("username").toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      form.error("username", "form.required");
    } else if (!USERNAME.matcher(name).matches()) {
      form.error("username", "subscriber.usernameChars");
    }
    return name;
  }

  /** The password as typed, with an error recorded when it is too short. */
  static String password(FormFields form) {
    String password = form.raw("password");
    if (password.length() < MIN_PASSWORD_CHARS) {
      form.error("password", "subscriber.passwordShort");
    }
    return password;
  }

  /** A display name of at most 80 characters; the username when empty. */
  static String displayName(FormFields form, String username) {
    String name = form.text("displayName");
    if (name.length() > 80) {
      form.error("displayName", "subscriber.nameLong");
    }
    return name.isEmpty() ? username : name;
  }

  /** The override in the form: every field optional, null when all are empty. */
  static QuotaOverride override(FormFields form) {
    Long dailyMb = form.optionalLong("userDailyMb", 1, 10_000_000);
    Long minutes = form.optionalLong("userDailyMinutes", 1, 1440);
    Long down = form.optionalLong("userRateDownKbps", 64, 10_000_000);
    Long up = form.optionalLong("userRateUpKbps", 64, 10_000_000);
    Long devices = form.optionalLong("maxDevices", 1, 20);
    if (dailyMb == null && minutes == null && down == null && up == null && devices == null) {
      return null;
    }
    return new QuotaOverride(
        dailyMb, minutes, down, up, devices == null ? null : devices.intValue());
  }

  /** The override's fields as form values, "" for unset ones. */
  static Map<String, String> overrideValues(QuotaOverride o) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("userDailyMb", o == null ? "" : str(o.userDailyMb()));
    v.put("userDailyMinutes", o == null ? "" : str(o.userDailyMinutes()));
    v.put("userRateDownKbps", o == null ? "" : str(o.userRateDownKbps()));
    v.put("userRateUpKbps", o == null ? "" : str(o.userRateUpKbps()));
    v.put("maxDevices", o == null ? "" : str(o.maxDevices()));
    return v;
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
