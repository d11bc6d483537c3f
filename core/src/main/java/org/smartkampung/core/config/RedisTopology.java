package org.smartkampung.core.config;

/** How the Redis servers behind the store are arranged. */
public enum RedisTopology {
  /** One server (or a replica-less pair the operator switches by hand), reached by {@code uri}. */
  STANDALONE,
  /** A master and replicas watched by Sentinels; the client asks the Sentinels for the master. */
  SENTINEL,
  /** Redis Cluster; the client learns the slot map from the seed nodes and follows redirections. */
  CLUSTER
}
