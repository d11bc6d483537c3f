package org.smartkampung.core.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartkampung.core.login.FailedLogin;
import org.smartkampung.core.login.FailedLogins;

/**
 * {@link FailedLogins} in memory: a ring per village, for at most {@link #MAX_VILLAGES} villages
 * (the least recently written one is forgotten first). Lost on restart, which is fine for a view of
 * the last few minutes.
 */
public final class EmbeddedFailedLogins implements FailedLogins {

  static final int MAX_VILLAGES = 5_000;

  private final Map<String, Deque<FailedLogin>> rings =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<FailedLogin>> eldest) {
          return size() > MAX_VILLAGES;
        }
      };

  @Override
  public synchronized void record(FailedLogin failed) {
    Deque<FailedLogin> ring = rings.computeIfAbsent(failed.villageId(), v -> new ArrayDeque<>());
    ring.addFirst(failed);
    while (ring.size() > KEPT_PER_VILLAGE) {
      ring.removeLast();
    }
  }

  @Override
  public synchronized List<FailedLogin> recent(String villageId, int limit) {
    Deque<FailedLogin> ring = rings.get(villageId);
    List<FailedLogin> out = new ArrayList<>();
    if (ring == null) {
      return out;
    }
    Iterator<FailedLogin> it = ring.iterator();
    while (it.hasNext() && out.size() < Math.min(limit, KEPT_PER_VILLAGE)) {
      out.add(it.next());
    }
    return out;
  }
}
