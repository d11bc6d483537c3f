package org.smartkampung.portal.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.village.Village;

/**
 * The JSON API of villages and NAS clients under {@code /api/admin/v1/kabupaten} (kabupaten
 * operators only): the same {@link VillageEdits} and {@link NasClientEdits} as the console pages.
 * Secrets come back masked, except a generated one, once, in the reply that created it.
 */
final class RegistryApi {

  private final AdminParts parts;
  private final AdminApi api;
  private final VillageEdits villageEdits;
  private final NasClientEdits nasEdits;

  RegistryApi(AdminParts parts, AdminApi api, VillageEdits villageEdits, NasClientEdits nasEdits) {
    this.parts = parts;
    this.api = api;
    this.villageEdits = villageEdits;
    this.nasEdits = nasEdits;
  }

  void villages(RoutingContext ctx) {
    parts.run(
        ctx,
        () -> {
          KampungConfig base = parts.live.base();
          return AdminApi.jsonList(
              200,
              "villages",
              parts.live.current().villages(),
              v -> villageJson(v, !VillageEdits.fromFile(base, v.id())));
        });
  }

  /** {@code {id, name, kecamatan, timeZone?, policy?, macAuth?}}; 201, or 400 per field. */
  void createVillage(RoutingContext ctx) {
    saveVillage(ctx, null);
  }

  void updateVillage(RoutingContext ctx) {
    saveVillage(ctx, ctx.pathParam("id"));
  }

  private void saveVillage(RoutingContext ctx, String existingId) {
    FormFields form = bodyForm(ctx);
    if (form == null) {
      return;
    }
    parts.run(
        ctx,
        () -> {
          if (existingId != null && parts.live.registry().village(existingId).isEmpty()) {
            return missing(ctx, VillageEdits.fromFile(parts.live.base(), existingId));
          }
          return villageEdits
              .saveVillage(form, existingId, AdminParts.account(ctx))
              .<Reply>map(
                  v ->
                      Reply.json(
                          existingId == null ? 201 : 200,
                          villageJson(v.toVillage(), true).encode()))
              .orElseGet(() -> AdminApi.errors(form));
        });
  }

  void removeVillage(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    parts.run(ctx, () -> removed(villageEdits.removeVillage(id, AdminParts.account(ctx)), ctx));
  }

  void nasClients(RoutingContext ctx) {
    parts.run(
        ctx,
        () -> {
          KampungConfig base = parts.live.base();
          return AdminApi.jsonList(
              200,
              "nasClients",
              parts.live.current().hotspots(),
              n -> nasJson(n, !NasClientEdits.fromFile(base, n.name())));
        });
  }

  /**
   * {@code {name, address, secret? | generateSecret: true, type, village,
   * requireMessageAuthenticator, coaPort?}}; 201 with {@code generatedSecret} when asked for.
   */
  void createNasClient(RoutingContext ctx) {
    saveNasClient(ctx, null);
  }

  /** Like create; a missing secret keeps the old one. */
  void updateNasClient(RoutingContext ctx) {
    saveNasClient(ctx, ctx.pathParam("name"));
  }

  private void saveNasClient(RoutingContext ctx, String existingName) {
    FormFields form = bodyForm(ctx);
    if (form == null) {
      return;
    }
    parts.run(
        ctx,
        () -> {
          if (existingName != null && parts.live.registry().nasClient(existingName).isEmpty()) {
            return missing(ctx, NasClientEdits.fromFile(parts.live.base(), existingName));
          }
          return nasEdits
              .saveNasClient(form, existingName, AdminParts.account(ctx))
              .<Reply>map(
                  saved -> {
                    JsonObject json = nasJson(saved.client(), true);
                    if (saved.generatedSecret() != null) {
                      json.put("generatedSecret", saved.generatedSecret());
                    }
                    return Reply.json(existingName == null ? 201 : 200, json.encode());
                  })
              .orElseGet(() -> AdminApi.errors(form));
        });
  }

  void removeNasClient(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    parts.run(ctx, () -> removed(nasEdits.removeNasClient(name, AdminParts.account(ctx)), ctx));
  }

  /** The body as form fields (booleans as "ya"), or null after answering 400. */
  private FormFields bodyForm(RoutingContext ctx) {
    JsonObject body = api.requireBody(ctx);
    if (body == null) {
      return null;
    }
    Function<String, String> values =
        f -> {
          String key = f.equals("generate") ? "generateSecret" : f;
          Object v = body.getValue(key);
          if (v instanceof Boolean b) {
            return b ? "ya" : "";
          }
          return AdminApi.text(body, key);
        };
    return new FormFields(values, key -> parts.pages.text(ctx, key));
  }

  /** 409 for an entry of the config file (read-only here), else 404. */
  private Reply missing(RoutingContext ctx, boolean inFile) {
    if (!inFile) {
      return Reply.json(404, "{\"error\":\"not found\"}");
    }
    return Reply.json(
        409, new JsonObject().put("error", parts.pages.text(ctx, "registry.fromFile")).encode());
  }

  private Reply removed(Optional<String> refusal, RoutingContext ctx) {
    if (refusal.isEmpty()) {
      return new Reply.Body(204, "application/json; charset=utf-8", "", null);
    }
    if (refusal.get().equals("registry.notFound")) {
      return missing(ctx, false);
    }
    return Reply.json(
        409, new JsonObject().put("error", parts.pages.text(ctx, refusal.get())).encode());
  }

  private static JsonObject villageJson(Village v, boolean console) {
    return new JsonObject()
        .put("id", v.id())
        .put("name", v.name())
        .put("kecamatan", v.kecamatan())
        .put("timeZone", v.timeZone().getId())
        .put("macAuth", v.macAuth())
        .put("source", console ? "console" : "file");
  }

  private static JsonObject nasJson(NasClientSettings settings, boolean console) {
    NasClient n = settings.toNasClient();
    return new JsonObject()
        .put("name", n.name())
        .put("address", n.address())
        .put("secret", NasClientEdits.mask(n.secret()))
        .put("type", n.type().name())
        .put("village", n.village())
        .put("requireMessageAuthenticator", n.requireMessageAuthenticator().name())
        .put("coaPort", n.coaPort())
        .put(
            "uamSecret",
            settings.uamSecret() == null ? null : NasClientEdits.mask(settings.uamSecret()))
        .put("source", console ? "console" : "file");
  }
}
