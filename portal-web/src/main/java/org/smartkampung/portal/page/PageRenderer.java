package org.smartkampung.portal.page;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.pebble.PebbleTemplateEngine;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.portal.i18n.Messages;

/**
 * Renders the villager pages with Pebble (every value HTML-escaped unless a template says
 * otherwise, which ours never do) in the request's language, and sends them.
 */
public final class PageRenderer {

  /** Cookie that remembers an explicit language choice. */
  public static final String LANG_COOKIE = "kampung_lang";

  private static final String TEMPLATE_DIR = "templates/";

  private final PebbleTemplateEngine engine;
  private final Messages messages;
  private final KampungConfig config;

  public PageRenderer(Vertx vertx, Messages messages, KampungConfig config) {
    ClasspathLoader loader = new ClasspathLoader(PageRenderer.class.getClassLoader());
    loader.setPrefix(TEMPLATE_DIR);
    PebbleEngine pebble =
        new PebbleEngine.Builder()
            .loader(loader)
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(false)
            .newLineTrimming(true)
            .build();
    this.engine = PebbleTemplateEngine.create(vertx, pebble);
    this.messages = messages;
    this.config = config;
  }

  public Messages messages() {
    return messages;
  }

  /**
   * The request's language: {@code ?lang=} (remembered in a cookie), else the cookie, else Bahasa
   * Indonesia whatever the browser asks for.
   */
  public String language(RoutingContext ctx) {
    String cached = ctx.get(LANG_COOKIE);
    if (cached != null) {
      return cached;
    }
    String param = ctx.request().getParam("lang");
    String lang;
    if (Messages.EN.equals(param) || Messages.ID.equals(param)) {
      lang = param;
      ctx.response().addCookie(cookie(ctx, LANG_COOKIE, lang, Duration.ofDays(365)));
    } else {
      Cookie cookie = ctx.request().getCookie(LANG_COOKIE);
      lang = Messages.choose(cookie == null ? null : cookie.getValue());
    }
    ctx.put(LANG_COOKIE, lang);
    return lang;
  }

  /** A text in the request's language. */
  public String text(RoutingContext ctx, String key, Object... args) {
    return messages.get(language(ctx), key, args);
  }

  /** Renders {@code templates/<name>.peb} with the model and sends it with the status code. */
  public Future<Void> render(
      RoutingContext ctx, int status, String name, Map<String, Object> model) {
    String lang = language(ctx);
    Map<String, Object> all = new HashMap<>(model);
    all.put("t", messages.all(lang));
    all.put("lang", lang);
    all.put("otherLang", Messages.EN.equals(lang) ? Messages.ID : Messages.EN);
    all.put("regency", config.regency() == null ? "" : config.regency().name());
    all.putIfAbsent("langPath", ctx.request().path());
    return engine
        .render(all, name + ".peb")
        .compose(
            html -> {
              ctx.response()
                  .setStatusCode(status)
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  .putHeader("Cache-Control", "no-store")
                  .putHeader("Content-Language", lang);
              return ctx.response().end(html);
            });
  }

  /**
   * A cookie that scripts cannot read and other sites do not send along; Secure when the request or
   * the portal's public URL is HTTPS (a TLS proxy in front).
   */
  public Cookie cookie(RoutingContext ctx, String name, String value, Duration maxAge) {
    return Cookie.cookie(name, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX)
        .setSecure(ctx.request().isSSL() || config.portal().publicUrl().startsWith("https:"))
        .setMaxAge(maxAge.toSeconds());
  }
}
