package org.smartkampung.bench.regency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.village.Village;

/**
 * A regency for the evening simulation: {@code villages} villages, {@code hotspots} MikroTik
 * hotspots spread over them (hotspot {@code h} talks RADIUS from its own loopback address
 * 127.1.x.y) and {@code usersPerHotspot} subscribers per hotspot ({@code w<run>-<h>-<u>}, all with
 * one password). Village and user names carry {@code run}, so a run is its own on a shared Redis.
 */
public record RegencyPlan(String run, int villages, int hotspots, int usersPerHotspot) {

  public static final String SECRET = "rahasia-regency-bench";
  public static final String PASSWORD = "kampung123";

  public String villageOf(int hotspot) {
    return "d" + run + "-" + (hotspot % villages);
  }

  public String nasName(int hotspot) {
    return "h" + hotspot;
  }

  /** 127.1.0.1 .. 127.1.x.250: loopback addresses Linux answers without any set-up. */
  public String nasAddress(int hotspot) {
    return "127.1." + (hotspot / 250) + "." + (hotspot % 250 + 1);
  }

  public String user(int hotspot, int user) {
    return String.format(Locale.ROOT, "w%s-%d-%d", run, hotspot, user);
  }

  /** The config both servers run: RADIUS on {@code authPort} (acct + 1), store on Redis. */
  public KampungConfig config(Path dataDir, RedisSettings redis, int authPort) {
    List<Village> vs = new ArrayList<>();
    for (int v = 0; v < villages; v++) {
      vs.add(
          new Village(
              "d" + run + "-" + v, "Desa " + v, "Kecamatan", null, null, "malam", false, null));
    }
    List<NasClientSettings> nas = new ArrayList<>();
    for (int h = 0; h < hotspots; h++) {
      nas.add(
          new NasClientSettings(
              nasName(h),
              nasAddress(h),
              SECRET,
              NasType.MIKROTIK,
              villageOf(h),
              MessageAuthenticatorPolicy.YES,
              null));
    }
    return new KampungConfig(
        null,
        new StoreSettings(StoreType.REDIS, dataDir, null, null, redis),
        new RadiusSettings(true, "127.0.0.1", authPort, authPort + 1, 30, null),
        null,
        null,
        // Generous enough that nobody is cut off: the evening is about load, not quotas.
        List.of(
            new QuotaPolicy(
                "malam", null, null, 100_000L, null, null, null, 3, null, null, null, null)),
        vs,
        nas,
        null);
  }

  /** {@code redis://host:port} for one server, or {@code cluster:host:port,host:port,...}. */
  public static RedisSettings redis(String spec) {
    if (spec.startsWith("cluster:")) {
      return new RedisSettings(
          RedisTopology.CLUSTER,
          null,
          null,
          List.of(spec.substring("cluster:".length()).split(",")),
          null,
          null,
          null,
          null,
          null,
          2000,
          16,
          null,
          null);
    }
    return new RedisSettings(spec, 2000, 16);
  }
}
