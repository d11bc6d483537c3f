package org.smartkampung.portal.nas;

import java.util.LinkedHashMap;
import java.util.Map;
import org.smartkampung.core.login.LoginToken;

/**
 * Finishes the NAS's own login with a minted token, in the protocol of the NAS that redirected the
 * villager. The {@link NasKind#GATEWAY} case is the extension point for the gateway issue (a signed
 * authorize call to our gateway); until then it fails with a message rather than guessing.
 */
public final class NasLoginCompleter {

  private final Map<String, String> uamSecrets;

  /**
   * @param uamSecrets CoovaChilli uamsecret by hotspot name
   */
  public NasLoginCompleter(Map<String, String> uamSecrets) {
    this.uamSecrets = Map.copyOf(uamSecrets);
  }

  /**
   * @param afterLoginUrl where the NAS sends the browser once the login succeeded (our status page)
   */
  public NasCompletion complete(NasContext nas, LoginToken token, String afterLoginUrl) {
    return switch (nas.kind()) {
      case NONE -> new NasCompletion.NoHotspot();
      case MIKROTIK -> mikrotik(nas, token, afterLoginUrl);
      case CHILLI -> chilli(nas, token, afterLoginUrl);
      case GATEWAY -> new NasCompletion.Failed("gateway login is not implemented yet");
    };
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
    String uamSecret = uamSecrets.get(nas.hotspot());
    return ChilliUam.response(nas.challenge(), uamSecret, token.secret())
        .<NasCompletion>map(
            response ->
                new NasCompletion.Redirect(
                    ChilliUam.logonUrl(
                        nas.uamIp(), nas.uamPort(), token.username(), response, afterLoginUrl)))
        .orElseGet(() -> new NasCompletion.Failed("malformed Chilli challenge"));
  }
}
