package org.smartkampung.gateway.shaping;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.firewall.NftRuleset;

/**
 * tc HTB shaping: on the client interface (download) and on an ifb device fed from its ingress
 * (upload), one class for the village at the rate its package bought and one child class per
 * client. A client's class has the client's rate as both rate and ceiling; the village class caps
 * the sum, so at the evening peak the clients share the village's line fairly.
 *
 * <p>Rates are in kilobits per second (1000 bit/s). Leaves keep the kernel's default pfifo.
 *
 * <p>Thread-safe: clients can be added, removed and read at once. Calls for one address must not
 * overlap (the client table never lets them).
 */
public final class TcShaper {

  private static final Logger log = LoggerFactory.getLogger(TcShaper.class);
  private static final int DEFAULT_MINOR = 2;
  // The walled garden's replies: nft gives them this class as their priority.
  private static final int GARDEN_MINOR =
      Integer.parseInt(NftRuleset.GARDEN_TC_CLASS.substring("1:".length()), 16);
  private static final Pattern CLASS_SENT =
      Pattern.compile("class htb 1:([0-9a-f]+) [^\\n]*\\n\\s*Sent (\\d+) bytes");
  private static final int FIRST_MINOR = 0x10;
  private static final int LAST_MINOR = 0xfff0;
  // An explicit quantum keeps HTB quiet about r2q at both very low and very high rates.
  private static final String QUANTUM = " quantum 1514";

  private final String clientInterface;
  private final String ifb;
  private final long villageDownKbps;
  private final long villageUpKbps;
  private final CommandRunner runner;
  // Guarded by this. tc itself runs outside the lock: the kernel applies each command atomically,
  // and commands for different clients touch different classes and filter priorities.
  private final Map<String, Integer> minorByIp = new HashMap<>();
  // Minors in use, including those whose removal is still running (not free for a new client yet).
  private final BitSet usedMinors = new BitSet();

  public TcShaper(
      String clientInterface, long villageDownKbps, long villageUpKbps, CommandRunner runner) {
    this.clientInterface = clientInterface;
    String name = "ifb" + clientInterface;
    this.ifb = name.length() > 15 ? name.substring(0, 15) : name;
    this.villageDownKbps = villageDownKbps;
    this.villageUpKbps = villageUpKbps;
    this.runner = runner;
  }

  /** The commands that set up the village classes; pure, for tests. */
  List<String> setupCommands() {
    List<String> commands = new ArrayList<>();
    commands.addAll(villageCommands(clientInterface, villageDownKbps));
    commands.add(
        "class replace dev "
            + clientInterface
            + " parent 1:1 classid 1:"
            + GARDEN_MINOR
            + " htb rate "
            + villageDownKbps
            + "kbit ceil "
            + villageDownKbps
            + "kbit"
            + QUANTUM);
    commands.add("qdisc replace dev " + clientInterface + " handle ffff: ingress");
    commands.add(
        "filter replace dev "
            + clientInterface
            + " parent ffff: protocol ip prio 1 u32 match u32 0 0"
            + " action mirred egress redirect dev "
            + ifb);
    commands.addAll(villageCommands(ifb, villageUpKbps));
    return commands;
  }

  /**
   * The village class on one device and its default leaf: whatever no client class claims (the
   * walled garden before login, a revoked client's last packets) is shaped inside the village's
   * rate too, never sent unshaped.
   */
  private static List<String> villageCommands(String dev, long kbps) {
    String rate = " htb rate " + kbps + "kbit ceil " + kbps + "kbit" + QUANTUM;
    return List.of(
        "qdisc replace dev " + dev + " root handle 1: htb default " + DEFAULT_MINOR,
        "class replace dev " + dev + " parent 1: classid 1:1" + rate,
        "class replace dev " + dev + " parent 1:1 classid 1:" + DEFAULT_MINOR + rate);
  }

  /**
   * Creates the ifb device and the village classes; false (logged) on failure. What a gateway that
   * was killed left behind is removed first: htb cannot be "replaced" in place.
   */
  public synchronized boolean start() {
    stop();
    runner.run(List.of("ip", "link", "add", ifb, "type", "ifb"));
    CommandRunner.Result up = runner.run(List.of("ip", "link", "set", ifb, "up"));
    if (!up.ok()) {
      log.error("cannot bring up {}: {}", ifb, up.describe());
      return false;
    }
    return batch(setupCommands());
  }

  /** The commands that give one client its classes; pure, for tests. */
  List<String> clientCommands(String ip, int minor, long downKbps, long upKbps) {
    String hex = Integer.toHexString(minor);
    return List.of(
        "class replace dev "
            + clientInterface
            + " parent 1:1 classid 1:"
            + hex
            + " htb rate "
            + downKbps
            + "kbit ceil "
            + downKbps
            + "kbit"
            + QUANTUM,
        "filter replace dev "
            + clientInterface
            + " parent 1: protocol ip prio "
            + minor
            + " u32 match ip dst "
            + ip
            + "/32 flowid 1:"
            + hex,
        "class replace dev "
            + ifb
            + " parent 1:1 classid 1:"
            + hex
            + " htb rate "
            + upKbps
            + "kbit ceil "
            + upKbps
            + "kbit"
            + QUANTUM,
        "filter replace dev "
            + ifb
            + " parent 1: protocol ip prio "
            + minor
            + " u32 match ip src "
            + ip
            + "/32 flowid 1:"
            + hex);
  }

  /**
   * Shapes one client; a rate of 0 means "up to the village's rate". False (logged, and whatever
   * was added removed again) on failure.
   */
  public boolean addClient(String ip, long downKbps, long upKbps) {
    int minor;
    synchronized (this) {
      Integer known = minorByIp.get(ip);
      if (known == null) {
        known = usedMinors.nextClearBit(FIRST_MINOR);
        if (known > LAST_MINOR) {
          log.error("no free tc class for {}: more than {} clients", ip, LAST_MINOR - FIRST_MINOR);
          return false;
        }
        usedMinors.set(known);
        minorByIp.put(ip, known);
      }
      minor = known;
    }
    long down = downKbps > 0 ? Math.min(downKbps, villageDownKbps) : villageDownKbps;
    long up = upKbps > 0 ? Math.min(upKbps, villageUpKbps) : villageUpKbps;
    if (!batch(clientCommands(ip, minor, down, up))) {
      removeClient(ip);
      return false;
    }
    return true;
  }

  /** Removes a client's classes; quiet when it has none. */
  public void removeClient(String ip) {
    Integer minor;
    synchronized (this) {
      minor = minorByIp.remove(ip);
      if (minor == null) {
        return;
      }
    }
    try {
      String hex = Integer.toHexString(minor);
      List<String> commands = new ArrayList<>();
      for (String dev : List.of(clientInterface, ifb)) {
        commands.add("filter del dev " + dev + " parent 1: prio " + minor);
        commands.add("class del dev " + dev + " classid 1:" + hex);
      }
      runner.run(List.of("tc", "-force", "-batch", "-"), String.join("\n", commands) + "\n");
    } finally {
      // Only now may another client get this class: its commands would race these deletions.
      synchronized (this) {
        usedMinors.clear(minor);
      }
    }
  }

  /**
   * Bytes each shaped client's download class has sent, by address: what the client really got,
   * after the shaper's drops (nft counts before the shaper). Null when tc could not be read.
   */
  public Map<String, Long> deliveredDownBytes() {
    Map<String, Integer> minors;
    synchronized (this) {
      minors = Map.copyOf(minorByIp);
    }
    CommandRunner.Result r =
        runner.run(List.of("tc", "-s", "class", "show", "dev", clientInterface));
    if (!r.ok()) {
      log.warn("cannot read tc class counters: {}", r.describe());
      return null;
    }
    Map<Integer, Long> byMinor = sentBytesByMinor(r.stdout());
    Map<String, Long> delivered = new HashMap<>();
    minors.forEach(
        (ip, minor) -> {
          Long bytes = byMinor.get(minor);
          if (bytes != null) {
            delivered.put(ip, bytes);
          }
        });
    return delivered;
  }

  /**
   * Bytes the walled garden's download class has sent since {@link #start}: what unauthenticated
   * clients really got from the garden. -1 when tc could not be read.
   */
  public long deliveredGardenDownBytes() {
    CommandRunner.Result r =
        runner.run(
            List.of(
                "tc",
                "-s",
                "class",
                "show",
                "dev",
                clientInterface,
                "classid",
                "1:" + GARDEN_MINOR));
    if (!r.ok()) {
      log.warn("cannot read the garden's tc class counter: {}", r.describe());
      return -1;
    }
    return sentBytesByMinor(r.stdout()).getOrDefault(GARDEN_MINOR, -1L);
  }

  /** "Sent N bytes" of each class in {@code tc -s class show} output, by minor; for tests. */
  static Map<Integer, Long> sentBytesByMinor(String tcOutput) {
    Map<Integer, Long> sent = new HashMap<>();
    Matcher m = CLASS_SENT.matcher(tcOutput);
    while (m.find()) {
      sent.put(Integer.parseInt(m.group(1), 16), Long.parseLong(m.group(2)));
    }
    return sent;
  }

  /** Removes every class, the ingress redirect and the ifb device. */
  public synchronized void stop() {
    minorByIp.clear();
    usedMinors.clear();
    runner.run(List.of("tc", "qdisc", "del", "dev", clientInterface, "root"));
    runner.run(List.of("tc", "qdisc", "del", "dev", clientInterface, "ingress"));
    runner.run(List.of("ip", "link", "del", ifb));
  }

  private boolean batch(List<String> commands) {
    String text = String.join("\n", commands) + "\n";
    CommandRunner.Result result = runner.run(List.of("tc", "-batch", "-"), text);
    if (!result.ok()) {
      log.error("tc batch failed: {}\n--- batch ---\n{}", result.describe(), text);
    }
    return result.ok();
  }
}
