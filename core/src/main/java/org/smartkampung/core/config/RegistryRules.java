package org.smartkampung.core.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.smartkampung.core.village.RegisteredVillage;

/**
 * The rules a console-added village or NAS client must meet against the configuration in force,
 * checked before anything is saved. Each check returns the problems by field name, as message keys
 * the console and API translate ({@code registry.*}); an empty map means the record may be saved.
 */
public final class RegistryRules {

  /** Shortest RADIUS shared secret the console accepts (RFC 2865 asks for at least 16 octets). */
  public static final int MIN_SECRET_CHARS = 16;

  public static final int MAX_SECRET_CHARS = 128;

  private static final Pattern VILLAGE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");
  private static final Pattern NAS_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private RegistryRules() {}

  /**
   * Problems of {@code village} in {@code current}; {@code isNew} when it is being added (its id
   * must then be free among the file's and the console's villages).
   */
  public static Map<String, String> checkVillage(
      KampungConfig current, RegisteredVillage village, boolean isNew) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (blank(village.id())) {
      problems.put("id", "form.required");
    } else if (!VILLAGE_ID.matcher(village.id()).matches()) {
      problems.put("id", "registry.villageId");
    } else if (isNew && current.village(village.id()).isPresent()) {
      problems.put("id", "registry.duplicate");
    }
    if (blank(village.name())) {
      problems.put("name", "form.required");
    } else if (village.name().length() > 80) {
      problems.put("name", "registry.tooLong");
    }
    if (blank(village.kecamatan())) {
      problems.put("kecamatan", "form.required");
    } else if (village.kecamatan().length() > 80) {
      problems.put("kecamatan", "registry.tooLong");
    }
    if (!validZone(village.timeZone())) {
      problems.put("timeZone", "registry.timeZone");
    }
    if (village.policy() != null && current.policy(village.policy()).isEmpty()) {
      problems.put("policy", "registry.unknownPolicy");
    }
    return problems;
  }

  /**
   * Problems of {@code client} in {@code current}; {@code isNew} when it is being added (its name
   * must then be free). Its address must differ from every other client's, so a request's source
   * never matches two clients equally well.
   */
  public static Map<String, String> checkNasClient(
      KampungConfig current, NasClientSettings client, boolean isNew) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (blank(client.name())) {
      problems.put("name", "form.required");
    } else if (!NAS_NAME.matcher(client.name()).matches()) {
      problems.put("name", "registry.nasName");
    } else if (isNew && current.hotspots().stream().anyMatch(h -> h.name().equals(client.name()))) {
      problems.put("name", "registry.duplicate");
    }
    if (blank(client.address())) {
      // A hotspot known by its RadSec certificate may have no fixed address (behind CGNAT), as in
      // the configuration file.
      if (blank(client.certificate())) {
        problems.put("address", "registry.addressOrCertificate");
      }
    } else if (IpAddresses.problem(client.address(), true).isPresent()) {
      problems.put("address", "registry.address");
    } else if (current.hotspots().stream()
        .anyMatch(
            h ->
                !h.name().equals(client.name())
                    && h.address() != null
                    && h.address().trim().equalsIgnoreCase(client.address().trim()))) {
      problems.put("address", "registry.addressTaken");
    }
    String secret = client.secret() == null ? "" : client.secret();
    if (secret.length() < MIN_SECRET_CHARS) {
      problems.put("secret", "registry.secretShort");
    } else if (secret.length() > MAX_SECRET_CHARS
        || !secret.chars().allMatch(c -> c > 32 && c < 127)) {
      problems.put("secret", "registry.secretChars");
    }
    if (client.type() == null) {
      problems.put("type", "form.required");
    }
    if (blank(client.village())) {
      problems.put("village", "form.required");
    } else if (current.village(client.village()).isEmpty()) {
      problems.put("village", "registry.unknownVillage");
    }
    if (client.requireMessageAuthenticator() == null) {
      problems.put("requireMessageAuthenticator", "form.required");
    }
    Integer port = client.coaPort();
    if (port == null || port < 1 || port > 65_535) {
      problems.put("coaPort", "registry.port");
    }
    return problems;
  }

  private static boolean validZone(String zone) {
    if (blank(zone)) {
      return false;
    }
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
