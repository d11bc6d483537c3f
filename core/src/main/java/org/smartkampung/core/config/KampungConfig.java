package org.smartkampung.core.config;

import java.util.List;
import java.util.Optional;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.village.Village;

/**
 * The whole configuration of one deployment, as read from {@code kampung.yaml} and validated by
 * {@link ConfigLoader}. Immutable; lists are never null.
 *
 * @param regency the kabupaten this deployment serves
 * @param store where counters and admin data live
 * @param radius the RADIUS server role
 * @param portal the villager portal and admin console role
 * @param gateway the built-in hotspot gateway role (disabled by default)
 * @param loginMethods the ways villagers may log in
 * @param policies quota policies that villages refer to by id
 * @param villages the villages served
 * @param hotspots the NAS clients allowed to talk RADIUS
 * @param subscribers subscribers created at first start (demo data, imports)
 * @param management the management listener (metrics and health)
 * @param hotspotHealth thresholds and webhook of the hotspot health watch
 */
public record KampungConfig(
    Regency regency,
    StoreSettings store,
    RadiusSettings radius,
    PortalSettings portal,
    GatewaySettings gateway,
    List<LoginMethod> loginMethods,
    List<QuotaPolicy> policies,
    List<Village> villages,
    List<NasClientSettings> hotspots,
    List<SubscriberSeed> subscribers,
    ManagementSettings management,
    HotspotHealthSettings hotspotHealth) {

  public KampungConfig {
    management = management == null ? ManagementSettings.DEFAULTS : management;
    hotspotHealth = hotspotHealth == null ? HotspotHealthSettings.DEFAULTS : hotspotHealth;
    store = store == null ? StoreSettings.DEFAULTS : store;
    radius = radius == null ? RadiusSettings.DEFAULTS : radius;
    portal = portal == null ? PortalSettings.DEFAULTS : portal;
    gateway = gateway == null ? GatewaySettings.DEFAULTS : gateway;
    loginMethods =
        loginMethods == null
            ? List.of(LoginMethod.CLICK_THROUGH, LoginMethod.VOUCHER, LoginMethod.SUBSCRIBER)
            : List.copyOf(loginMethods);
    policies = policies == null ? List.of() : List.copyOf(policies);
    villages = villages == null ? List.of() : List.copyOf(villages);
    hotspots = hotspots == null ? List.of() : List.copyOf(hotspots);
    subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
  }

  /**
   * The configuration without a management listener (a config built in code, as tests do, never
   * takes the well-known management port) and with the default hotspot health watch.
   */
  public KampungConfig(
      Regency regency,
      StoreSettings store,
      RadiusSettings radius,
      PortalSettings portal,
      GatewaySettings gateway,
      List<LoginMethod> loginMethods,
      List<QuotaPolicy> policies,
      List<Village> villages,
      List<NasClientSettings> hotspots,
      List<SubscriberSeed> subscribers) {
    this(
        regency,
        store,
        radius,
        portal,
        gateway,
        loginMethods,
        policies,
        villages,
        hotspots,
        subscribers,
        ManagementSettings.NONE,
        null);
  }

  /** The configuration without a gateway section (kept so callers from before it still build). */
  public KampungConfig(
      Regency regency,
      StoreSettings store,
      RadiusSettings radius,
      PortalSettings portal,
      List<LoginMethod> loginMethods,
      List<QuotaPolicy> policies,
      List<Village> villages,
      List<NasClientSettings> hotspots,
      List<SubscriberSeed> subscribers) {
    this(
        regency,
        store,
        radius,
        portal,
        null,
        loginMethods,
        policies,
        villages,
        hotspots,
        subscribers);
  }

  public Optional<Village> village(String id) {
    return villages.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  public Optional<QuotaPolicy> policy(String id) {
    return policies.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The NAS clients as domain values. */
  public List<NasClient> nasClients() {
    return hotspots.stream().map(NasClientSettings::toNasClient).toList();
  }
}
