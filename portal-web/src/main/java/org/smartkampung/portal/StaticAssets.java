package org.smartkampung.portal;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The portal's few static files, read once from the classpath and served from memory. */
final class StaticAssets {

  private record Asset(Buffer body, String contentType) {}

  private final Map<String, Asset> assets;

  private StaticAssets(Map<String, Asset> assets) {
    this.assets = assets;
  }

  static StaticAssets load() {
    return new StaticAssets(
        Map.of(
            "portal.css", new Asset(read("static/portal.css"), "text/css; charset=utf-8"),
            "admin.css", new Asset(read("static/admin.css"), "text/css; charset=utf-8"),
            "report.css", new Asset(read("static/report.css"), "text/css; charset=utf-8"),
            "nas-submit.js",
                new Asset(read("static/nas-submit.js"), "text/javascript; charset=utf-8")));
  }

  void serve(RoutingContext ctx) {
    Asset asset = assets.get(ctx.pathParam("file"));
    if (asset == null) {
      ctx.next();
      return;
    }
    ctx.response()
        .putHeader("Content-Type", asset.contentType())
        .putHeader("Cache-Control", "public, max-age=86400")
        .end(asset.body());
  }

  private static Buffer read(String resource) {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
