package org.smartkampung.portal.nas;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.smartkampung.core.config.GatewaySettings;
import org.smartkampung.core.gateway.GatewaySignature;

/**
 * The portal's side of our gateway's signed API ({@code docs/gateway.md}, "The portal contract"):
 * {@code POST /kampung/authorize} with the one-time login token and {@code POST /kampung/logout},
 * form-encoded and signed with the key shared with the gateway. Non-blocking (Vert.x HTTP client);
 * thread-safe.
 */
public final class GatewayApi {

  /** What the gateway answered. */
  public record Answer(Result result, String message) {}

  /** The gateway's {@code result}: accepted, refused (RADIUS or signature), or failed. */
  public enum Result {
    ACCEPT,
    REJECT,
    ERROR
  }

  private static final int TIMEOUT_MILLIS = 10_000;

  private final String gatewayId;
  private final String baseUrl;
  private final GatewaySignature signature;
  private final HttpClient http;

  /**
   * @param baseUrl the gateway API's base, e.g. {@code http://127.0.0.1:8003}, no trailing slash
   */
  public GatewayApi(
      Vertx vertx, String gatewayId, String baseUrl, String signingKey, Clock clock, long maxAge) {
    this.gatewayId = gatewayId;
    this.baseUrl = baseUrl;
    this.signature = new GatewaySignature(signingKey, clock, maxAge);
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout(TIMEOUT_MILLIS)
                .setIdleTimeout(TIMEOUT_MILLIS / 1000));
  }

  /** The API of the gateway configured under {@code gateway:}, reached at its API address. */
  public static GatewayApi of(Vertx vertx, GatewaySettings gateway, Clock clock) {
    return new GatewayApi(
        vertx,
        gateway.id(),
        "http://" + gateway.apiBindAddress() + ":" + gateway.apiPort(),
        gateway.signingKey(),
        clock,
        gateway.signatureMaxAgeSeconds());
  }

  /** The gateway id whose calls this client signs. */
  public String gatewayId() {
    return gatewayId;
  }

  /** Asks the gateway to let the device online with the token (it asks RADIUS). */
  public Future<Answer> authorize(String ip, String mac, String username, String secret) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("gw", gatewayId);
    params.put("ip", ip);
    params.put("mac", mac);
    params.put("username", username);
    params.put("secret", secret);
    return post("/kampung/authorize", signature.sign("authorize", params));
  }

  /** Asks the gateway to end the session of the client at {@code ip}. */
  public Future<Answer> logout(String ip) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("gw", gatewayId);
    params.put("ip", ip);
    return post("/kampung/logout", signature.sign("logout", params));
  }

  private Future<Answer> post(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(baseUrl + path)
            .setTimeout(TIMEOUT_MILLIS)
            .setHeaders(
                MultiMap.caseInsensitiveMultiMap()
                    .add(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded"));
    return http.request(options)
        .compose(request -> request.send(Buffer.buffer(body, "UTF-8")))
        .compose(response -> response.body().map(b -> parse(response.statusCode(), b)));
  }

  private static Answer parse(int status, Buffer body) {
    String message = "";
    String result = "";
    try {
      JsonObject json = new JsonObject(body);
      message = json.getString("message", "");
      result = json.getString("result", "");
    } catch (DecodeException | ClassCastException e) {
      // Not our gateway's JSON: the status code alone decides.
    }
    if (status == 200 && result.equals("accept")) {
      return new Answer(Result.ACCEPT, message);
    }
    if (status == 403 || result.equals("reject")) {
      return new Answer(Result.REJECT, message);
    }
    return new Answer(Result.ERROR, message);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}
