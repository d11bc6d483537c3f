package org.smartkampung.core.session;

import java.time.Clock;
import org.smartkampung.core.store.EmbeddedSessionCommands;

class EmbeddedSessionCommandsTest extends SessionCommandsContract {
  @Override
  protected SessionCommands channel() {
    return new EmbeddedSessionCommands(Clock.systemUTC());
  }
}
