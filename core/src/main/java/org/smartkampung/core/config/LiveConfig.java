package org.smartkampung.core.config;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.invalidation.Invalidations;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.village.RegisteredVillage;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.core.village.VillageSettingsStore;

/**
 * The configuration in force: the file's {@link KampungConfig} with the villages and NAS clients
 * added in the console ({@link RegistryStore}) and the admins' {@link VillageSettings} laid over
 * it. Entries of the file always win: a console record with the id or name of a file entry is
 * ignored (the console refuses to make one). RADIUS authorization, the ledger's limits and the
 * console all read it, so an edit applies to the next session.
 *
 * <p>A save in this process applies at once. Edits saved by another process (a console instance on
 * another host sharing Redis) arrive by the store's invalidation notices once {@link #follow} runs:
 * a notice reloads the configuration on a thread of its own, never on the thread of a login, and a
 * slow poll on that thread catches a notice that was lost. Before {@code follow} (tests, tools),
 * {@link #current()} reloads inline when its copy is older than the refresh interval. If the store
 * cannot be read, the last good copy stays in force.
 *
 * <p>A village with settings gets its own policy, with the id {@code desa:<village>}, so editing
 * one village never changes another that shared a policy in the file. Thread-safe.
 */
public final class LiveConfig {

  private static final Logger log = LoggerFactory.getLogger(LiveConfig.class);

  /** Prefix of the policy id a village with console settings gets. */
  public static final String OWN_POLICY_PREFIX = "desa:";

  private final KampungConfig base;
  private final VillageSettingsStore store;
  private final RegistryStore registry;
  private final Clock clock;
  private final Duration refreshInterval;
  private final List<Consumer<KampungConfig>> listeners = new CopyOnWriteArrayList<>();
  private volatile KampungConfig current;
  private volatile Instant loadedAt;
  private volatile Invalidations bus;
  private ScheduledExecutorService reloader;
  private AutoCloseable listening;
  private final AtomicBoolean reloadQueued = new AtomicBoolean();

  /** The file's configuration with village settings only (no console-added villages or NAS). */
  public LiveConfig(
      KampungConfig base, VillageSettingsStore store, Clock clock, Duration refreshInterval) {
    this(base, store, RegistryStore.empty(), clock, refreshInterval);
  }

  public LiveConfig(
      KampungConfig base,
      VillageSettingsStore store,
      RegistryStore registry,
      Clock clock,
      Duration refreshInterval) {
    this.base = Objects.requireNonNull(base, "base");
    this.store = store;
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = clock;
    this.refreshInterval = refreshInterval;
    this.current = load();
    this.loadedAt = clock.instant();
  }

  /** The console's villages and NAS clients; call {@link #refresh()} after changing them. */
  public RegistryStore registry() {
    return registry;
  }

  /** The file's configuration, without console edits. */
  public KampungConfig base() {
    return base;
  }

  /**
   * The configuration in force. Never reads the store once {@link #follow} runs; before that,
   * reloads it when older than the refresh interval.
   */
  public KampungConfig current() {
    if (bus == null && clock.instant().isAfter(loadedAt.plus(refreshInterval))) {
      reload();
    }
    return current;
  }

  /**
   * From now on reloads when {@code notices} says another process edited the configuration, and
   * every refresh interval in case a notice was lost, on a thread of its own; {@link #refresh}
   * announces this process's edits on it.
   */
  public synchronized void follow(Invalidations notices) {
    if (bus != null) {
      throw new IllegalStateException("already following");
    }
    reloader =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "live-config-reload");
              t.setDaemon(true);
              return t;
            });
    long everyMillis = Math.max(1_000, refreshInterval.toMillis());
    reloader.scheduleWithFixedDelay(
        this::reloadQuietly, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    bus = notices;
    listening =
        notices.listen(
            new Invalidations.Listener() {
              @Override
              public void changed(Invalidations.Topic topic, String key) {
                if (topic == Invalidations.Topic.CONFIG) {
                  queueReload();
                }
              }

              @Override
              public void missedSome() {
                queueReload();
              }
            });
  }

  /** Stops following notices. */
  public synchronized void close() {
    if (listening != null) {
      try {
        listening.close();
      } catch (Exception e) {
        log.debug("closing the notice listener", e);
      }
    }
    if (reloader != null) {
      reloader.shutdownNow();
    }
  }

  private void queueReload() {
    ScheduledExecutorService r = reloader;
    if (r != null && reloadQueued.compareAndSet(false, true)) {
      try {
        r.execute(
            () -> {
              reloadQueued.set(false);
              reloadQuietly();
            });
      } catch (RejectedExecutionException closing) {
        reloadQueued.set(false);
      }
    }
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (RuntimeException e) {
      log.warn("Reloading the configuration failed: {}", e.toString());
    }
  }

  /** Calls {@code listener} now and after every change with the configuration in force. */
  public void onChange(Consumer<KampungConfig> listener) {
    listeners.add(listener);
    listener.accept(current);
  }

  /**
   * The village's settings: saved ones, else those from the file. Settings saved before the daily
   * cap was editable get the policy's cap (0 for none).
   */
  public VillageSettings settingsOf(Village village) {
    QuotaPolicy policy = policyOf(base, village);
    return store
        .find(village.id())
        .map(
            s ->
                s.villageDailyGb() != null
                    ? s
                    : s.withVillageDailyGb(
                        policy.villageDailyGb() == null ? 0L : policy.villageDailyGb()))
        .orElseGet(() -> VillageSettings.of(village, policy));
  }

  /** Saves the settings durably and puts them in force in this process before returning. */
  public void save(VillageSettings settings) {
    store.put(settings);
    refresh();
  }

  /**
   * Reloads the settings, villages and NAS clients from the store now, and tells the other
   * processes on the store to do the same: call it after every edit.
   */
  public void refresh() {
    reload();
    Invalidations notices = bus;
    if (notices != null) {
      notices.publish(Invalidations.Topic.CONFIG, "");
    }
  }

  private synchronized void reload() {
    KampungConfig next;
    try {
      next = load();
    } catch (RuntimeException e) {
      log.warn("Cannot reload village settings, keeping the last ones: {}", e.toString());
      loadedAt = clock.instant();
      return;
    }
    loadedAt = clock.instant();
    if (!next.equals(current)) {
      current = next;
      listeners.forEach(l -> l.accept(next));
    }
  }

  private KampungConfig load() {
    return merge(base, registry.villages(), registry.nasClients(), store.all());
  }

  /** The policy that applies to the village in {@code config}; unlimited when it names none. */
  public static QuotaPolicy policyOf(KampungConfig config, Village village) {
    return village.policy() == null
        ? QuotaPolicy.unlimited("none")
        : config.policy(village.policy()).orElseGet(() -> QuotaPolicy.unlimited(village.policy()));
  }

  /**
   * {@code base} with each village's settings laid over it; settings of unknown villages ignored.
   */
  public static KampungConfig merge(KampungConfig base, Collection<VillageSettings> settings) {
    return merge(base, List.of(), List.of(), settings);
  }

  /**
   * {@code base} with the console's villages and NAS clients added (those whose id or name the file
   * already uses are ignored), then each village's settings laid over it; settings of unknown
   * villages ignored.
   */
  public static KampungConfig merge(
      KampungConfig base,
      Collection<RegisteredVillage> addedVillages,
      Collection<NasClientSettings> addedNasClients,
      Collection<VillageSettings> settings) {
    List<Village> allVillages = new ArrayList<>(base.villages());
    Set<String> villageIds = new HashSet<>();
    base.villages().forEach(v -> villageIds.add(v.id()));
    for (RegisteredVillage v :
        addedVillages.stream().sorted(Comparator.comparing(RegisteredVillage::id)).toList()) {
      try {
        Village village = v.toVillage();
        if (villageIds.add(v.id())) {
          allVillages.add(village);
        }
      } catch (DateTimeException e) {
        // Only a store edited by hand gets here: the console checks the zone before saving.
        log.warn("Ignoring console village {}: bad time zone {}", v.id(), v.timeZone());
      }
    }
    List<NasClientSettings> hotspots = new ArrayList<>(base.hotspots());
    Set<String> nasNames = new HashSet<>();
    base.hotspots().forEach(h -> nasNames.add(h.name()));
    addedNasClients.stream()
        .sorted(Comparator.comparing(NasClientSettings::name))
        .filter(h -> nasNames.add(h.name()))
        .forEach(hotspots::add);
    Map<String, VillageSettings> byVillage =
        settings.stream()
            .collect(
                Collectors.toMap(VillageSettings::villageId, Function.identity(), (a, b) -> b));
    List<Village> villages = new ArrayList<>();
    List<QuotaPolicy> policies = new ArrayList<>(base.policies());
    for (Village village : allVillages) {
      VillageSettings own = byVillage.get(village.id());
      if (own == null) {
        villages.add(village);
        continue;
      }
      String policyId = OWN_POLICY_PREFIX + village.id();
      policies.add(own.applyTo(policyOf(base, village), policyId));
      villages.add(
          new Village(
              village.id(),
              village.name(),
              village.kecamatan(),
              village.timeZone(),
              own.bandwidthPackage(),
              policyId,
              village.macAuth(),
              village.services()));
    }
    return new KampungConfig(
        base.regency(),
        base.store(),
        base.radius(),
        base.portal(),
        base.gateway(),
        base.loginMethods(),
        policies,
        villages,
        hotspots,
        base.subscribers(),
        base.management(),
        base.hotspotHealth());
  }
}
