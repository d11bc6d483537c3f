package org.smartkampung.portal.admin;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.RegistryRules;
import org.smartkampung.core.config.RegistryStore;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.RegisteredVillage;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;

/**
 * Adds, edits and removes console villages: reads the fields, checks them with {@link
 * RegistryRules} against the configuration in force, writes one record, puts it in force ({@link
 * org.smartkampung.core.config.LiveConfig#refresh()}) and audits it. The console pages and the JSON
 * API share it, so both keep the same rules.
 *
 * <p>Villages of the config file are read-only here: they change in the file. Edits hold the lock
 * shared with {@link NasClientEdits}, so in this process "no NAS client left in the village" still
 * holds when the village is removed.
 */
final class VillageEdits {

  private final AdminParts parts;
  private final Object lock;

  VillageEdits(AdminParts parts, Object lock) {
    this.parts = parts;
    this.lock = lock;
  }

  static boolean fromFile(KampungConfig base, String villageId) {
    return base.village(villageId).isPresent();
  }

  /**
   * Adds ({@code existingId} null) or edits a console village from the form's fields {@code id,
   * name, kecamatan, timeZone, policy, macAuth}; empty with errors recorded in {@code form}.
   */
  Optional<RegisteredVillage> saveVillage(FormFields form, String existingId, AdminAccount me) {
    synchronized (lock) {
      return save(form, existingId, me);
    }
  }

  private Optional<RegisteredVillage> save(FormFields form, String existingId, AdminAccount me) {
    Optional<RegisteredVillage> before = Optional.empty();
    if (existingId != null) {
      before = registry().village(existingId);
      if (before.isEmpty()) {
        form.error(
            "id",
            fromFile(parts.live.base(), existingId) ? "registry.fromFile" : "registry.notFound");
        return Optional.empty();
      }
    }
    String policy = form.text("policy");
    RegisteredVillage next =
        new RegisteredVillage(
            existingId != null ? existingId : form.text("id").toLowerCase(Locale.ROOT),
            form.text("name"),
            form.text("kecamatan"),
            form.text("timeZone").isEmpty() ? "Asia/Jakarta" : form.text("timeZone"),
            policy.isEmpty() ? null : policy,
            yes(form.text("macAuth")));
    RegistryRules.checkVillage(parts.live.current(), next, existingId == null)
        .forEach(form::errorIfAbsent);
    // The package, budget line and daily cap come with a new village, and with an edit whose form
    // (or body) has them; an API edit that leaves them out leaves them as they are.
    boolean withPackage = existingId == null || form.has("budgetYear");
    BandwidthPackage pkg = withPackage ? VillagePages.readPackage(form) : null;
    Long dailyCapGb = VillagePages.readDailyCap(form);
    if (!form.ok()) {
      return Optional.empty();
    }
    boolean saved =
        existingId == null ? registry().addVillage(next) : registry().updateVillage(next);
    if (!saved) {
      form.error("id", existingId == null ? "registry.duplicate" : "registry.notFound");
      return Optional.empty();
    }
    parts.live.refresh();
    parts.audit.record(
        me.username(),
        next.id(),
        existingId == null ? "village.create" : "village.update",
        next.id(),
        before.map(VillageEdits::describe).orElse(""),
        describe(next));
    if (withPackage || dailyCapGb != null) {
      savePackage(next, withPackage, pkg, dailyCapGb, me);
    }
    return Optional.of(next);
  }

  /**
   * The village's quota settings with the package (when {@code withPackage}) and daily cap (when
   * not null) from the form, saved only when they change: new logins see them at once, running
   * sessions through the same CoA request as the quota page.
   */
  private void savePackage(
      RegisteredVillage village,
      boolean withPackage,
      BandwidthPackage pkg,
      Long dailyCapGb,
      AdminAccount me) {
    Village v = village.toVillage();
    VillageSettings base = parts.live.settingsOf(v);
    BandwidthPackage nextPackage = withPackage ? pkg : base.bandwidthPackage();
    Long nextCap = dailyCapGb == null ? base.villageDailyGb() : dailyCapGb;
    if (Objects.equals(nextPackage, base.bandwidthPackage())
        && Objects.equals(nextCap, base.villageDailyGb())) {
      return;
    }
    VillageSettings next =
        new VillageSettings(
            v.id(),
            nextPackage,
            base.userDailyMb(),
            base.userDailyMinutes(),
            base.userRateDownKbps(),
            base.userRateUpKbps(),
            base.maxDevicesPerUser(),
            base.openingHours(),
            me.username(),
            null,
            nextCap);
    VillagePages.saveSettings(parts, me, v, next);
  }

  /** Removes a console village; the message key of the refusal, or empty when removed. */
  Optional<String> removeVillage(String id, AdminAccount me) {
    synchronized (lock) {
      return remove(id, me);
    }
  }

  private Optional<String> remove(String id, AdminAccount me) {
    Optional<RegisteredVillage> before = registry().village(id);
    if (before.isEmpty()) {
      return Optional.of(
          fromFile(parts.live.base(), id) ? "registry.fromFile" : "registry.notFound");
    }
    if (parts.live.current().hotspots().stream().anyMatch(h -> id.equals(h.village()))) {
      return Optional.of("registry.villageHasNas");
    }
    // Checked again in the store in one step: another server may add a hotspot meanwhile.
    switch (registry().removeVillageWithoutNasClients(id)) {
      case DONE -> {
        parts.live.refresh();
        parts.audit.record(me.username(), id, "village.remove", id, describe(before.get()), "");
      }
      case VILLAGE_HAS_NAS_CLIENTS -> {
        return Optional.of("registry.villageHasNas");
      }
      default -> {
        // removed meanwhile by another server: nothing left to do
      }
    }
    return Optional.empty();
  }

  /** The village for the audit log. */
  static String describe(RegisteredVillage v) {
    return "name=%s, kecamatan=%s, timeZone=%s, policy=%s, macAuth=%s"
        .formatted(
            v.name(),
            v.kecamatan(),
            v.timeZone(),
            v.policy() == null ? "" : v.policy(),
            v.macAuth());
  }

  private RegistryStore registry() {
    return parts.live.registry();
  }

  private static boolean yes(String value) {
    return value.equals("ya") || value.equals("true") || value.equals("on");
  }
}
