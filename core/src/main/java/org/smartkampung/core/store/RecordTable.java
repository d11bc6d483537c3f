package org.smartkampung.core.store;

import java.util.List;
import java.util.Optional;

/**
 * A small durable table of JSON records by string key: the shape every admin store shares, with one
 * implementation per backend. Thread-safe.
 */
interface RecordTable<V> {

  Optional<V> get(String key);

  /** Stores the value only when the key is absent; true when it stored it. */
  boolean putIfAbsent(String key, V value);

  /** Stores the value only when the key is present; true when it stored it. */
  boolean replace(String key, V value);

  void put(String key, V value);

  /** Removes the key; true when it was present. */
  boolean remove(String key);

  List<V> values();
}
