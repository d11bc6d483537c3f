package org.smartkampung.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.smartkampung.core.nas.HotspotCertificate;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.ServiceLink;
import org.smartkampung.core.village.Village;

/**
 * The meaning checks that run on a bound config: required fields, ids, references between sections,
 * ranges, addresses and URLs. Field paths are the YAML paths, so each problem gets the line of the
 * field it names.
 */
final class ConfigRules {

  private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
  private static final int MAX_LISTED = 10;
  private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,15}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+");
  private static final Pattern HOST_OR_BLOCK = Pattern.compile("[A-Za-z0-9.-]+(/[0-9]{1,2})?");

  private final Problems problems;

  private ConfigRules(Problems problems) {
    this.problems = problems;
  }

  static void check(KampungConfig config, Problems problems) {
    new ConfigRules(problems).all(config);
  }

  private void all(KampungConfig config) {
    regency(config.regency());
    store(config.store());
    radius(config.radius());
    portal(config.portal());
    management(config.management());
    hotspotHealth(config.hotspotHealth());
    if (config.loginMethods().isEmpty()) {
      problems.at("login-methods", "name at least one login method");
    }
    Set<String> policyIds = policies(config.policies());
    Set<String> villageIds = villages(config.villages(), policyIds);
    gateway(config.gateway(), villageIds);
    hotspots(config.hotspots(), villageIds);
    subscribers(config.subscribers(), villageIds);
  }

  private void regency(Regency regency) {
    if (regency == null) {
      problems.at("regency", "missing required section (id, name, time-zone)");
      return;
    }
    id("regency.id", regency.id());
    required("regency.name", regency.name());
  }

  private void store(StoreSettings store) {
    atLeast("store.snapshot-interval-seconds", store.snapshotIntervalSeconds(), 1);
    atLeast("store.near-cache-stale-millis", store.nearCacheStaleMillis(), 0);
    RedisRules.check(store.redis(), problems);
  }

  private void radius(RadiusSettings radius) {
    address("radius.bind-address", radius.bindAddress(), false);
    port("radius.auth-port", radius.authPort());
    port("radius.acct-port", radius.acctPort());
    atLeast("radius.dedup-window-seconds", radius.dedupWindowSeconds(), 0);
    atLeast("radius.remembered-device-days", radius.rememberedDeviceDays(), 1);
    PasswordCheckSettings checks = radius.passwordChecks();
    atLeast("radius.password-checks.threads", checks.threads(), 0);
    atLeast("radius.password-checks.queue", checks.queue(), 1);
    atLeast("radius.password-checks.cache-minutes", checks.cacheMinutes(), 0);
    atLeast("radius.password-checks.wrong-cache-seconds", checks.wrongCacheSeconds(), 0);
    atLeast("radius.password-checks.cache-entries", checks.cacheEntries(), 1);
    LoginThrottleSettings throttle = radius.loginThrottle();
    atLeast("radius.login-throttle.max-failures-per-user", throttle.maxFailuresPerUser(), 1);
    atLeast("radius.login-throttle.max-failures-per-device", throttle.maxFailuresPerDevice(), 1);
    atLeast("radius.login-throttle.window-seconds", throttle.windowSeconds(), 1);
    radsec(radius.radsec());
  }

  private void radsec(RadSecSettings radsec) {
    port("radius.radsec.port", radsec.port());
    atLeast("radius.radsec.max-in-flight", radsec.maxInFlight(), 1);
    atLeast("radius.radsec.idle-timeout-seconds", radsec.idleTimeoutSeconds(), 1);
    if (!radsec.enabled()) {
      return;
    }
    readableFile("radius.radsec.certificate", radsec.certificate(), true);
    readableFile("radius.radsec.private-key", radsec.privateKey(), true);
    readableFile("radius.radsec.ca-certificates", radsec.caCertificates(), true);
    readableFile("radius.radsec.crl", radsec.crl(), false);
  }

  private void gatewayRadSec(GatewayRadSecSettings radsec) {
    port("gateway.radsec.port", radsec.port());
    atLeast("gateway.radsec.keepalive-seconds", radsec.keepaliveSeconds(), 1);
    atLeast("gateway.radsec.reconnect-max-seconds", radsec.reconnectMaxSeconds(), 1);
    if (!radsec.enabled()) {
      return;
    }
    readableFile("gateway.radsec.certificate", radsec.certificate(), true);
    readableFile("gateway.radsec.private-key", radsec.privateKey(), true);
    readableFile("gateway.radsec.ca-certificates", radsec.caCertificates(), true);
  }

  private void readableFile(String path, String file, boolean required) {
    if (file == null && !required) {
      return;
    }
    if (!required(path, file)) {
      return;
    }
    Path p = Path.of(file.trim());
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      problems.at(path, "cannot read file '" + file + "' (make the files with: kampung pki init)");
    }
  }

  private void portal(PortalSettings portal) {
    address("portal.bind-address", portal.bindAddress(), false);
    port("portal.port", portal.port());
    httpUrl("portal.public-url", portal.publicUrl());
    atLeast("portal.header-timeout-seconds", portal.headerTimeoutSeconds(), 1);
    atLeast("portal.idle-timeout-seconds", portal.idleTimeoutSeconds(), 1);
    atLeast("portal.max-connections-per-source", portal.maxConnectionsPerSource(), 1);
    atLeast("portal.signing-key-rotation-hours", portal.signingKeyRotationHours(), 8);
    List<String> networks = portal.admin().allowedNetworks();
    for (int i = 0; i < networks.size(); i++) {
      address("portal.admin.allowed-networks[" + i + "]", networks.get(i), true);
    }
    List<String> proxies = portal.trustedProxies();
    for (int i = 0; i < proxies.size(); i++) {
      address("portal.trusted-proxies[" + i + "]", proxies.get(i), true);
    }
  }

  private void management(ManagementSettings management) {
    address("management.bind-address", management.bindAddress(), false);
    port("management.port", management.port());
  }

  private void hotspotHealth(HotspotHealthSettings health) {
    atLeast("hotspot-health.quiet-minutes", health.quietMinutes(), 1);
    atLeast("hotspot-health.down-minutes", health.downMinutes(), 1);
    if (health.downMinutes() < health.quietMinutes()) {
      problems.at(
          "hotspot-health.down-minutes",
          "must be at least quiet-minutes (" + health.quietMinutes() + ")");
    }
    atLeast("hotspot-health.check-interval-seconds", health.checkIntervalSeconds(), 1);
    if (health.webhookUrl() != null) {
      httpUrl("hotspot-health.webhook-url", health.webhookUrl());
    }
  }

  private void gateway(GatewaySettings gw, Set<String> villageIds) {
    if (!gw.enabled()) {
      return;
    }
    id("gateway.id", gw.id());
    if (required("gateway.village", gw.village())) {
      reference("gateway.village", gw.village(), "village", villageIds);
    }
    if (required("gateway.client-interface", gw.clientInterface())) {
      interfaceName("gateway.client-interface", gw.clientInterface());
    }
    if (gw.upstreamInterface() != null) {
      interfaceName("gateway.upstream-interface", gw.upstreamInterface());
    }
    if (required("gateway.client-subnet", gw.clientSubnet())) {
      address("gateway.client-subnet", gw.clientSubnet(), true);
    }
    if (required("gateway.portal-url", gw.portalUrl())) {
      httpUrl("gateway.portal-url", gw.portalUrl());
    }
    if (required("gateway.signing-key", gw.signingKey()) && gw.signingKey().length() < 16) {
      problems.at("gateway.signing-key", "must be at least 16 characters long");
    }
    atLeast("gateway.signature-max-age-seconds", gw.signatureMaxAgeSeconds(), 1);
    required("gateway.radius-server", gw.radiusServer());
    port("gateway.radius-auth-port", gw.radiusAuthPort());
    port("gateway.radius-acct-port", gw.radiusAcctPort());
    required("gateway.radius-secret", gw.radiusSecret());
    atLeast("gateway.radius-timeout-millis", gw.radiusTimeoutMillis(), 1);
    atLeast("gateway.radius-retries", gw.radiusRetries(), 1);
    address("gateway.nas-ip-address", gw.nasIpAddress(), false);
    port("gateway.http-port", gw.httpPort());
    address("gateway.api-bind-address", gw.apiBindAddress(), false);
    port("gateway.api-port", gw.apiPort());
    port("gateway.dns-port", gw.dnsPort());
    for (int i = 0; i < gw.upstreamDns().size(); i++) {
      resolver("gateway.upstream-dns[" + i + "]", gw.upstreamDns().get(i));
    }
    port("gateway.dac-port", gw.dacPort());
    atLeast("gateway.poll-interval-seconds", gw.pollIntervalSeconds(), 1);
    gatewayRadSec(gw.radsec());
    if (!ID.matcher(gw.tableName().replace('_', '-')).matches()) {
      problems.at("gateway.table-name", "use lowercase letters, digits and '_' only");
    }
    for (int i = 0; i < gw.gardenTcpPorts().size(); i++) {
      port("gateway.garden-tcp-ports[" + i + "]", gw.gardenTcpPorts().get(i));
    }
    for (int i = 0; i < gw.walledGarden().size(); i++) {
      String entry = gw.walledGarden().get(i);
      if (!HOST_OR_BLOCK.matcher(entry).matches()) {
        problems.at(
            "gateway.walled-garden[" + i + "]",
            "'" + entry + "' is not a host name or IPv4 address/block (e.g. kemenkes.go.id)");
      }
    }
  }

  /** A resolver: {@code host} or {@code host:port}. */
  private void resolver(String path, String value) {
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? value : value.substring(0, colon);
    if (!HOST.matcher(host).matches()) {
      problems.at(
          path, "'" + value + "' is not a resolver address (e.g. 1.1.1.1 or 10.0.0.53:5353)");
    } else if (colon >= 0) {
      String port = value.substring(colon + 1);
      if (!port.matches("[0-9]{1,5}")
          || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        problems.at(path, "'" + port + "' is not a port (1-65535)");
      }
    }
  }

  private void interfaceName(String path, String name) {
    if (!IFNAME.matcher(name).matches()) {
      problems.at(path, "'" + name + "' is not a network interface name (e.g. br-wifi, eth1)");
    }
  }

  private Set<String> policies(List<QuotaPolicy> policies) {
    for (int i = 0; i < policies.size(); i++) {
      QuotaPolicy p = policies.get(i);
      String at = "policies[" + i + "]";
      atLeast(at + ".village-daily-gb", p.villageDailyGb(), 0);
      atLeast(at + ".village-monthly-gb", p.villageMonthlyGb(), 0);
      atLeast(at + ".user-daily-mb", p.userDailyMb(), 0);
      atLeast(at + ".user-daily-minutes", p.userDailyMinutes(), 0);
      atLeast(at + ".user-rate-down-kbps", p.userRateDownKbps(), 0);
      atLeast(at + ".user-rate-up-kbps", p.userRateUpKbps(), 0);
      atLeast(at + ".max-devices-per-user", p.maxDevicesPerUser(), 1);
      atLeast(at + ".session-timeout-seconds", p.sessionTimeoutSeconds(), 1);
      atLeast(at + ".idle-timeout-seconds", p.idleTimeoutSeconds(), 1);
      atLeast(at + ".interim-interval-seconds", p.interimIntervalSeconds(), 1);
    }
    return uniqueIds("policies", "id", "policy id", policies, QuotaPolicy::id, true);
  }

  private Set<String> villages(List<Village> villages, Set<String> policyIds) {
    for (int i = 0; i < villages.size(); i++) {
      Village v = villages.get(i);
      String at = "villages[" + i + "]";
      required(at + ".name", v.name());
      if (v.policy() != null) {
        reference(at + ".policy", v.policy(), "policy", policyIds);
      }
      BandwidthPackage bw = v.bandwidthPackage();
      if (bw != null) {
        String b = at + ".bandwidth-package";
        atLeast(b + ".downlink-mbps", bw.downlinkMbps(), 0);
        atLeast(b + ".uplink-mbps", bw.uplinkMbps(), 0);
        atLeast(b + ".monthly-gb", bw.monthlyGb(), 0);
        atLeast(b + ".budget-year", bw.budgetYear(), 0);
        atLeast(b + ".budget-rupiah", bw.budgetRupiah(), 0);
      }
      for (int s = 0; s < v.services().size(); s++) {
        ServiceLink link = v.services().get(s);
        String l = at + ".services[" + s + "]";
        required(l + ".name", link.name());
        if (required(l + ".url", link.url())) {
          httpUrl(l + ".url", link.url());
        }
      }
    }
    return uniqueIds("villages", "id", "village id", villages, Village::id, true);
  }

  private void hotspots(List<NasClientSettings> hotspots, Set<String> villageIds) {
    for (int i = 0; i < hotspots.size(); i++) {
      NasClientSettings h = hotspots.get(i);
      String at = "hotspots[" + i + "]";
      if (h.certificate() != null) {
        HotspotCertificate.problem(h.certificate())
            .ifPresent(message -> problems.at(at + ".certificate", message));
        address(at + ".address", h.address(), true);
      } else if (required(at + ".address", h.address())) {
        address(at + ".address", h.address(), true);
      }
      required(at + ".secret", h.secret());
      if (required(at + ".village", h.village())) {
        reference(at + ".village", h.village(), "village", villageIds);
      }
      if (h.coaPort() != null) {
        port(at + ".coa-port", h.coaPort());
      }
      if (h.loginHost() != null && !HOST.matcher(h.loginHost()).matches()) {
        problems.at(
            at + ".login-host",
            "'"
                + h.loginHost()
                + "' is not a host name or IPv4 address (the host of the hotspot's login page,"
                + " e.g. 10.5.50.1 or hotspot.kemiren.desa.id)");
      }
    }
    uniqueIds("hotspots", "name", "hotspot name", hotspots, NasClientSettings::name, false);
  }

  private void subscribers(List<SubscriberSeed> subscribers, Set<String> villageIds) {
    for (int i = 0; i < subscribers.size(); i++) {
      SubscriberSeed s = subscribers.get(i);
      String at = "subscribers[" + i + "]";
      if (required(at + ".village", s.village())) {
        reference(at + ".village", s.village(), "village", villageIds);
      }
      if (required(at + ".password-hash", s.passwordHash())
          && !PasswordHasher.looksLikeHash(s.passwordHash())) {
        problems.at(
            at + ".password-hash",
            "not a password hash (expected pbkdf2-sha256$<iterations>$<salt>$<hash>;"
                + " make one with: kampung hash-password)");
      }
    }
    uniqueIds(
        "subscribers",
        "username",
        "subscriber username",
        subscribers,
        SubscriberSeed::username,
        false);
  }

  /** Checks presence, shape (when {@code idShape}) and uniqueness; returns the good ids. */
  private <T> Set<String> uniqueIds(
      String list,
      String key,
      String what,
      List<T> items,
      Function<T, String> id,
      boolean idShape) {
    Map<String, Integer> firstLine = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = list + "[" + i + "]." + key;
      String value = id.apply(items.get(i));
      if (!(idShape ? id(path, value) : required(path, value))) {
        continue;
      }
      Integer first = firstLine.putIfAbsent(value, problems.lineOf(path));
      if (first != null) {
        problems.at(path, "duplicate " + what + " '" + value + "' (first at line " + first + ")");
      }
    }
    return Set.copyOf(firstLine.keySet());
  }

  private boolean required(String path, String value) {
    if (value == null) {
      problems.at(path, "missing required field");
      return false;
    }
    if (value.isBlank()) {
      problems.at(path, "must not be empty");
      return false;
    }
    return true;
  }

  private boolean id(String path, String value) {
    if (!required(path, value)) {
      return false;
    }
    if (!ID.matcher(value).matches()) {
      problems.at(
          path, "'" + value + "' is not a valid id: use lowercase letters, digits and '-' only");
      return false;
    }
    return true;
  }

  private void reference(String path, String value, String what, Set<String> known) {
    if (known.contains(value)) {
      return;
    }
    List<String> sorted = known.stream().sorted().toList();
    String hint;
    if (sorted.isEmpty()) {
      hint = " (no " + what + " is defined)";
    } else if (sorted.size() <= MAX_LISTED) {
      hint = " (known: " + String.join(", ", sorted) + ")";
    } else {
      hint =
          Suggestions.closest(value, sorted)
              .map(s -> " (did you mean '" + s + "'?)")
              .orElse(" (" + sorted.size() + " are defined)");
    }
    problems.at(path, "unknown " + what + " '" + value + "'" + hint);
  }

  private void atLeast(String path, Number value, long min) {
    if (value != null && value.longValue() < min) {
      String rule = min == 0 ? "must not be negative" : "must be at least " + min;
      problems.at(path, rule + ", got " + value);
    }
  }

  private void port(String path, Integer port) {
    if (port != null && (port < 1 || port > 65535)) {
      problems.at(path, "port " + port + " is out of range 1-65535");
    }
  }

  private void address(String path, String value, boolean allowPrefix) {
    if (value != null) {
      IpAddresses.problem(value, allowPrefix).ifPresent(message -> problems.at(path, message));
    }
  }

  private void httpUrl(String path, String value) {
    if (value == null) {
      return;
    }
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.at(path, "'" + value + "' is not an http:// or https:// address");
  }
}
