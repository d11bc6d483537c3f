package org.smartkampung.core.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by EVALSHA: the one way the Redis stores run scripts. On NOSCRIPT (a restarted
 * Redis, a failover, or a Cluster node that never saw it) it is sent once with EVAL, which also
 * caches it on that node, and later calls go back to EVALSHA. Loading lazily this way needs no
 * per-node SCRIPT LOAD on a Cluster.
 */
public final class RedisScript {

  private final String source;
  private final String sha;

  public RedisScript(String source) {
    this.source = source;
    this.sha = sha1Hex(source);
  }

  /** The script in a resource beside {@code owner}. */
  public static RedisScript fromResource(Class<?> owner, String name) {
    try (InputStream stream = owner.getResourceAsStream(name)) {
      if (stream == null) {
        throw new IllegalStateException("missing resource " + name + " beside " + owner);
      }
      return new RedisScript(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the script now, in its own round trip. */
  public Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
    try {
      return jedis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException notCached) {
      return jedis.eval(source, keys, args);
    }
  }

  /**
   * Runs the script in the batcher's next pipeline; on NOSCRIPT once more with EVAL, in a pipeline
   * of its own. Completes exceptionally with Redis's error or a connection failure.
   */
  public CompletableFuture<Object> runBatched(
      RedisBatcher batcher, List<String> keys, List<String> args) {
    return batcher
        .submit(pipeline -> pipeline.evalsha(sha, keys, args))
        .exceptionallyCompose(
            e -> {
              Throwable cause = e instanceof CompletionException c ? c.getCause() : e;
              return cause instanceof JedisNoScriptException
                  ? batcher.submit(pipeline -> pipeline.eval(source, keys, args))
                  : CompletableFuture.failedFuture(cause);
            });
  }

  /** The SHA-1 under which Redis knows the script. */
  public String sha() {
    return sha;
  }

  /** The script's source. */
  public String source() {
    return source;
  }

  private static String sha1Hex(String text) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JDK", e);
    }
  }
}
