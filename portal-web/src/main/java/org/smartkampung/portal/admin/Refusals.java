package org.smartkampung.portal.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.smartkampung.portal.admin.service.AdminError;

/** How the console and the JSON API word an {@link AdminError} from an admin service. */
final class Refusals {

  private Refusals() {}

  /** Puts an {@link AdminError.Invalid}'s messages on the form's fields. */
  static void into(FormFields form, AdminError error) {
    if (error instanceof AdminError.Invalid invalid) {
      invalid.fieldKeys().forEach(form::error);
    }
  }

  /**
   * The console's message page: 404 with {@code notFoundKey}, 403 for another village's, 400 with
   * "fix the form" for the rest (pages that re-render their form handle Invalid themselves).
   */
  static Reply page(AdminParts parts, RoutingContext ctx, AdminError error, String notFoundKey) {
    if (error instanceof AdminError.NotFound) {
      return message(parts, ctx, 404, notFoundKey);
    }
    if (error instanceof AdminError.OtherVillage) {
      return message(parts, ctx, 403, "error.forbidden");
    }
    return message(parts, ctx, 400, "form.fix");
  }

  /**
   * The API's answer: 404 {@code {"error": notFound}}, 403 {@code {"error":"forbidden"}}, 400
   * {@code {"errors": {field: message}}}.
   */
  static Reply json(AdminParts parts, RoutingContext ctx, AdminError error, String notFound) {
    if (error instanceof AdminError.NotFound) {
      return Reply.json(404, new JsonObject().put("error", notFound).encode());
    }
    if (error instanceof AdminError.OtherVillage) {
      return Reply.json(403, "{\"error\":\"forbidden\"}");
    }
    Map<String, Object> errors = new LinkedHashMap<>();
    if (error instanceof AdminError.Invalid invalid) {
      invalid.fieldKeys().forEach((field, key) -> errors.put(field, parts.pages.text(ctx, key)));
    }
    return Reply.json(400, new JsonObject().put("errors", new JsonObject(errors)).encode());
  }

  private static Reply message(AdminParts parts, RoutingContext ctx, int status, String key) {
    return new Reply.Page(status, "message", Map.of("message", parts.pages.text(ctx, key)));
  }
}
