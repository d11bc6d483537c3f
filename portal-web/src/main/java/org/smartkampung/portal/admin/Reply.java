package org.smartkampung.portal.admin;

import java.util.Map;

/** What an admin handler answers, computed off the event loop and sent on it. */
sealed interface Reply {

  /** A page from {@code templates/admin/<template>.peb}. */
  record Page(int status, String template, Map<String, Object> model) implements Reply {}

  /** 303 See Other to a path of this site (post/redirect/get). */
  record Redirect(String path) implements Reply {}

  /** A body as it is: CSV, JSON. */
  record Body(int status, String contentType, String body, String fileName) implements Reply {}

  static Page page(String template, Map<String, Object> model) {
    return new Page(200, template, model);
  }

  static Body json(int status, String json) {
    return new Body(status, "application/json; charset=utf-8", json, null);
  }
}
