package org.smartkampung.app;

import java.util.List;

/** A started role (RADIUS server, portal, gateway) as the {@code run} command holds it. */
interface Role extends AutoCloseable {

  /** Lines telling an operator where the role listens. */
  List<String> describe();

  @Override
  void close();
}
