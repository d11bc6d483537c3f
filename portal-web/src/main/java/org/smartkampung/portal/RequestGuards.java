package org.smartkampung.portal;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks every request passes before any page or console route sees it. */
final class RequestGuards {

  private static final Logger log = LoggerFactory.getLogger(RequestGuards.class);

  private RequestGuards() {}

  /**
   * A query string that does not decode ({@code %zz}, a cut-off escape) is the client's mistake:
   * 400 and one log line, not a 500 with a stack trace.
   */
  static void wellFormedQuery(RoutingContext ctx) {
    try {
      ctx.queryParams();
    } catch (RuntimeException e) {
      // Vert.x wraps the decoder's IllegalArgumentException in a 400 HttpException.
      Throwable why = e.getCause() == null ? e : e.getCause();
      log.info(
          "malformed query from {} on {}: {}",
          PortalParts.sourceIp(ctx),
          ctx.request().path(),
          why.getMessage());
      ctx.response()
          .setStatusCode(400)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("Permintaan tidak valid.\n");
      return;
    }
    ctx.next();
  }

  /**
   * {@code Origin: null} on a state-changing request comes from a sandboxed frame, a data: page or
   * a cross-site redirect chain: never from our own forms, so it is refused.
   */
  static void noNullOrigin(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    boolean changes = !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD);
    if (changes && "null".equals(ctx.request().getHeader("Origin"))) {
      ctx.response()
          .setStatusCode(403)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("Permintaan ditolak.\n");
      return;
    }
    ctx.next();
  }
}
