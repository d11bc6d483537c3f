package org.smartkampung.portal.nas;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.login.LoginToken;

/**
 * Finishes the NAS's own login with a minted token, in the protocol of the NAS that redirected the
 * villager. For our gateway that is a signed authorize call made by the portal itself; the other
 * NASes are finished by the browser.
 */
public final class NasLoginCompleter {

  private static final Logger log = LoggerFactory.getLogger(NasLoginCompleter.class);

  private final Function<String, String> uamSecrets;
  private final Optional<GatewayApi> gateway;

  /**
   * @param uamSecrets a CoovaChilli hotspot's uamsecret by its name (null when it has none), read
   *     at every login so a hotspot added in the console works at once
   * @param gateway our gateway's API when one is configured (its id and signing key)
   */
  public NasLoginCompleter(Function<String, String> uamSecrets, Optional<GatewayApi> gateway) {
    this.uamSecrets = uamSecrets;
    this.gateway = gateway;
  }

  /** A completer for MikroTik and CoovaChilli only, with fixed uamsecrets by hotspot name. */
  public NasLoginCompleter(Map<String, String> uamSecrets) {
    this(Map.copyOf(uamSecrets)::get, Optional.empty());
  }

  /**
   * @param afterLoginUrl where the NAS sends the browser once the login succeeded (our status page)
   */
  public Future<NasCompletion> complete(NasContext nas, LoginToken token, String afterLoginUrl) {
    return switch (nas.kind()) {
      case NONE -> Future.succeededFuture(new NasCompletion.NoHotspot());
      case MIKROTIK -> Future.succeededFuture(mikrotik(nas, token, afterLoginUrl));
      case CHILLI -> Future.succeededFuture(chilli(nas, token, afterLoginUrl));
      case GATEWAY -> gateway(nas, token);
    };
  }

  /** Our gateway's API for the gateway with that id, if it is the configured one. */
  public Optional<GatewayApi> gatewayApi(String gatewayId) {
    return gateway.filter(api -> api.gatewayId().equals(gatewayId));
  }

  private Future<NasCompletion> gateway(NasContext nas, LoginToken token) {
    Optional<GatewayApi> api = gatewayApi(nas.hotspot());
    if (api.isEmpty()) {
      return Future.succeededFuture(new NasCompletion.Failed("unknown gateway " + nas.hotspot()));
    }
    return api.get()
        .authorize(nas.device().clientIp(), nas.device().mac(), token.username(), token.secret())
        .<NasCompletion>map(
            answer ->
                switch (answer.result()) {
                  case ACCEPT -> new NasCompletion.Authorized();
                  case REJECT -> new NasCompletion.Refused(answer.message(), false);
                  case ERROR -> new NasCompletion.Refused(answer.message(), true);
                })
        .recover(
            e -> {
              log.warn("gateway {} did not answer the authorize call", nas.hotspot(), e);
              return Future.succeededFuture(new NasCompletion.Refused("", true));
            });
  }

  private static NasCompletion mikrotik(NasContext nas, LoginToken token, String afterLoginUrl) {
    return MikrotikChap.password(nas.chapId(), nas.chapChallenge(), token.secret())
        .<NasCompletion>map(
            password -> {
              Map<String, String> fields = new LinkedHashMap<>();
              fields.put("username", token.username());
              fields.put("password", password);
              fields.put("dst", afterLoginUrl);
              fields.put("popup", "false");
              return new NasCompletion.AutoPost(nas.loginUrl(), fields);
            })
        .orElseGet(() -> new NasCompletion.Failed("malformed MikroTik CHAP parameters"));
  }

  private NasCompletion chilli(NasContext nas, LoginToken token, String afterLoginUrl) {
    String uamSecret = uamSecrets.apply(nas.hotspot());
    return ChilliUam.response(nas.challenge(), uamSecret, token.secret())
        .<NasCompletion>map(
            response ->
                new NasCompletion.Redirect(
                    ChilliUam.logonUrl(
                        nas.uamIp(), nas.uamPort(), token.username(), response, afterLoginUrl)))
        .orElseGet(() -> new NasCompletion.Failed("malformed Chilli challenge"));
  }
}
