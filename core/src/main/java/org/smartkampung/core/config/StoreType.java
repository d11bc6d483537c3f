package org.smartkampung.core.config;

/** Which store implementation backs counters and admin data. */
public enum StoreType {
  EMBEDDED,
  REDIS
}
