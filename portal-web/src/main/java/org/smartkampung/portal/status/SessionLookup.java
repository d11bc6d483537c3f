package org.smartkampung.portal.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.village.Village;

/**
 * Finds the live session of the villager at an IP address, for the status page and the captive
 * portal API. {@link SessionStore} has no index by address, so this asks the hinted village first
 * and then the others; a store-side index would make the no-hint case cheap.
 */
public final class SessionLookup {

  private final KampungConfig config;
  private final SessionStore sessions;

  public SessionLookup(KampungConfig config, SessionStore sessions) {
    this.config = config;
    this.sessions = sessions;
  }

  /**
   * The session whose framed IP is {@code ip}; {@code villageHint} (may be empty) is asked first.
   */
  public Optional<Session> byFramedIp(String ip, String villageHint) {
    if (ip == null || ip.isEmpty()) {
      return Optional.empty();
    }
    List<String> order = new ArrayList<>();
    if (villageHint != null && !villageHint.isEmpty()) {
      order.add(villageHint);
    }
    for (Village v : config.villages()) {
      if (!v.id().equals(villageHint)) {
        order.add(v.id());
      }
    }
    for (String village : order) {
      Optional<Session> found =
          sessions.listByVillage(village).stream()
              .filter(s -> ip.equals(s.framedIp()))
              .reduce((a, b) -> b); // the newest, since the list is oldest first
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
