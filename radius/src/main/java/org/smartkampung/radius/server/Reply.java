package org.smartkampung.radius.server;

import java.util.List;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * What a handler answers: a reply code, its attributes (without Message-Authenticator, which the
 * encoder puts first), and a short result label for metrics.
 */
public record Reply(int code, List<RadiusAttribute> attributes, String result) {
  public Reply {
    attributes = List.copyOf(attributes);
  }
}
