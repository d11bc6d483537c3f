package org.smartkampung.portal.admin.service;

import java.util.function.Function;

/**
 * What an admin action came to: done with a value, or refused with an {@link AdminError} and
 * nothing changed.
 *
 * @param <T> what a done action gives back
 */
public sealed interface Outcome<T> {

  /** The action took effect (and was audited). */
  record Done<T>(T value) implements Outcome<T> {}

  /** The action was refused; nothing was saved or audited. */
  record Refused<T>(AdminError error) implements Outcome<T> {}

  static <T> Outcome<T> done(T value) {
    return new Done<>(value);
  }

  static <T> Outcome<T> refused(AdminError error) {
    return new Refused<>(error);
  }

  /** {@code onDone} of the value, or {@code onRefused} of the error. */
  default <R> R fold(Function<? super T, R> onDone, Function<AdminError, R> onRefused) {
    if (this instanceof Done<T> d) {
      return onDone.apply(d.value());
    }
    return onRefused.apply(((Refused<T>) this).error());
  }
}
