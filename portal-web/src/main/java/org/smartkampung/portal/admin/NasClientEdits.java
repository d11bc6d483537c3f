package org.smartkampung.portal.admin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RegistryRules;
import org.smartkampung.core.config.RegistryStore;
import org.smartkampung.core.nas.HotspotCertificate;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;

/**
 * Adds, edits and removes console NAS clients like {@link VillageEdits} does villages; the audit
 * entry never holds the secret, and a secret is shown back only masked ({@link #mask}) or, when the
 * console generated it, once.
 */
final class NasClientEdits {

  /** What a save produced: the client, and the secret when the console generated it. */
  record SavedNas(NasClientSettings client, String generatedSecret) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  // A host name or an IPv4/IPv6 address: what a phone's browser is sent to, nothing more.
  private static final Pattern LOGIN_HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");

  private final AdminParts parts;
  private final Object lock;

  NasClientEdits(AdminParts parts, Object lock) {
    this.parts = parts;
    this.lock = lock;
  }

  /** A strong random secret: 24 random bytes as 32 URL-safe base64 characters. */
  static String generateSecret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The CoovaChilli uamsecret from field {@code uamSecret}: empty keeps the one before (none for a
   * new hotspot); only a {@code coovachilli} hotspot may have one.
   */
  private static String uamSecret(
      FormFields form, NasType type, Optional<NasClientSettings> before) {
    String typed = form.raw("uamSecret");
    if (typed.isEmpty()) {
      return type == NasType.COOVACHILLI
          ? before.map(NasClientSettings::uamSecret).orElse(null)
          : null;
    }
    if (type != NasType.COOVACHILLI) {
      form.error("uamSecret", "hotspots.uamOnlyChilli");
    } else if (typed.length() < 8 || typed.length() > 128 || !typed.strip().equals(typed)) {
      form.error("uamSecret", "hotspots.uamBad");
    }
    return typed;
  }

  /**
   * The RadSec certificate ({@code sha256:<fingerprint>} or a subject) from field {@code
   * certificate}: absent keeps the one before, empty removes it.
   */
  private static String certificate(FormFields form, Optional<NasClientSettings> before) {
    if (!form.has("certificate")) {
      return before.map(NasClientSettings::certificate).orElse(null);
    }
    String typed = form.text("certificate");
    if (typed.isEmpty()) {
      return null;
    }
    if (HotspotCertificate.problem(typed).isPresent()) {
      form.error("certificate", "hotspots.certificateBad");
    }
    return typed;
  }

  /**
   * The host of the hotspot's own login page from field {@code loginHost}: absent keeps the one
   * before, empty means the address.
   */
  private static String loginHost(FormFields form, Optional<NasClientSettings> before) {
    if (!form.has("loginHost")) {
      return before.map(NasClientSettings::loginHost).orElse(null);
    }
    String typed = form.text("loginHost");
    if (typed.isEmpty()) {
      return null;
    }
    if (!LOGIN_HOST.matcher(typed).matches()) {
      form.error("loginHost", "hotspots.loginHostBad");
    }
    return typed;
  }

  /** The secret as the console shows it: never more than its last two characters. */
  static String mask(String secret) {
    if (secret == null || secret.length() < 8) {
      return "••••••••";
    }
    return "••••••" + secret.substring(secret.length() - 2);
  }

  static boolean fromFile(org.smartkampung.core.config.KampungConfig base, String name) {
    return base.hotspots().stream().anyMatch(h -> h.name().equals(name));
  }

  /**
   * Adds ({@code existingName} null) or edits a console NAS client from the fields {@code name,
   * address, secret, generate, type, village, requireMessageAuthenticator, coaPort, uamSecret,
   * loginHost, certificate}. On an edit an empty secret keeps the old one; {@code generate=ya}
   * makes a new random one; a field left out of the form keeps its value.
   */
  Optional<SavedNas> saveNasClient(FormFields form, String existingName, AdminAccount me) {
    synchronized (lock) {
      return save(form, existingName, me);
    }
  }

  private Optional<SavedNas> save(FormFields form, String existingName, AdminAccount me) {
    Optional<NasClientSettings> before = Optional.empty();
    if (existingName != null) {
      before = registry().nasClient(existingName);
      if (before.isEmpty()) {
        boolean inFile = fromFile(parts.live.base(), existingName);
        form.error("name", inFile ? "registry.fromFile" : "registry.notFound");
        return Optional.empty();
      }
    }
    String generated = yes(form.text("generate")) ? generateSecret() : null;
    String secret = generated != null ? generated : form.raw("secret");
    if (secret.isEmpty() && before.isPresent()) {
      secret = before.get().secret();
    }
    NasType type = parse(NasType.class, form.text("type"));
    MessageAuthenticatorPolicy policy =
        parse(MessageAuthenticatorPolicy.class, form.text("requireMessageAuthenticator"));
    if (!form.text("type").isEmpty() && type == null) {
      form.error("type", "registry.type");
    }
    if (!form.text("requireMessageAuthenticator").isEmpty() && policy == null) {
      form.error("requireMessageAuthenticator", "registry.type");
    }
    // A malformed port is reported by the form; the rules then see the default.
    Long port = form.optionalLong("coaPort", 1, 65_535);
    NasClientSettings next =
        new NasClientSettings(
            existingName != null ? existingName : form.text("name"),
            form.text("address").isEmpty() ? null : form.text("address"),
            secret,
            type,
            form.text("village"),
            policy,
            port == null ? NasClient.DEFAULT_COA_PORT : port.intValue(),
            uamSecret(form, type, before),
            loginHost(form, before),
            certificate(form, before));
    RegistryRules.checkNasClient(parts.live.current(), next, existingName == null)
        .forEach(form::errorIfAbsent);
    if (!form.ok()) {
      return Optional.empty();
    }
    // The village is checked again in the store in one step: another server may remove it.
    RegistryStore.Outcome saved =
        registry()
            .saveNasClientInVillage(
                next, existingName == null, parts.live.base().village(next.village()).isPresent());
    if (saved == RegistryStore.Outcome.NO_SUCH_VILLAGE) {
      form.error("village", "registry.unknownVillage");
      return Optional.empty();
    }
    if (saved != RegistryStore.Outcome.DONE) {
      form.error("name", existingName == null ? "registry.duplicate" : "registry.notFound");
      return Optional.empty();
    }
    parts.live.refresh();
    parts.audit.record(
        me.username(),
        next.village(),
        existingName == null ? "nas.create" : "nas.update",
        next.name(),
        before.map(NasClientEdits::describe).orElse(""),
        describe(next)
            + (before.isPresent() && !before.get().secret().equals(next.secret())
                ? ", secret=changed"
                : ""));
    return Optional.of(new SavedNas(next, generated));
  }

  /** Removes a console NAS client; the message key of the refusal, or empty when removed. */
  Optional<String> removeNasClient(String name, AdminAccount me) {
    synchronized (lock) {
      return remove(name, me);
    }
  }

  private Optional<String> remove(String name, AdminAccount me) {
    Optional<NasClientSettings> before = registry().nasClient(name);
    if (before.isEmpty()) {
      return Optional.of(
          fromFile(parts.live.base(), name) ? "registry.fromFile" : "registry.notFound");
    }
    if (registry().removeNasClient(name)) {
      parts.live.refresh();
      parts.audit.record(
          me.username(), before.get().village(), "nas.remove", name, describe(before.get()), "");
    }
    return Optional.empty();
  }

  /** The NAS client for the audit log, its secret redacted. */
  static String describe(NasClientSettings n) {
    return ("address=%s, secret=%s, type=%s, village=%s, messageAuthenticator=%s, coaPort=%s,"
            + " uamSecret=%s, loginHost=%s, certificate=%s")
        .formatted(
            n.address(),
            "[disembunyikan]",
            n.type(),
            n.village(),
            n.requireMessageAuthenticator(),
            n.coaPort(),
            n.uamSecret() == null ? "-" : "[disembunyikan]",
            n.loginHost() == null ? "-" : n.loginHost(),
            n.certificate() == null ? "-" : n.certificate());
  }

  private RegistryStore registry() {
    return parts.live.registry();
  }

  private static boolean yes(String value) {
    return value.equals("ya") || value.equals("true") || value.equals("on");
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    try {
      return value.isEmpty() ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
