package org.smartkampung.portal.admin.service;

import java.util.Map;

/** Why an admin action was refused; the console and the JSON API each word it their own way. */
public sealed interface AdminError {

  /** The thing acted on does not exist (a session, voucher, subscriber or landing item). */
  record NotFound() implements AdminError {}

  /** The thing exists but belongs to another village than the one the action was made for. */
  record OtherVillage() implements AdminError {}

  /**
   * The command breaks a rule of the action; nothing was saved.
   *
   * @param fieldKeys the field at fault to the message key (in {@code i18n/admin}) that explains it
   */
  record Invalid(Map<String, String> fieldKeys) implements AdminError {
    public Invalid {
      fieldKeys = Map.copyOf(fieldKeys);
    }

    /** One field at fault. */
    public static Invalid of(String field, String messageKey) {
      return new Invalid(Map.of(field, messageKey));
    }
  }
}
