package org.smartkampung.gateway.shaping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.testing.NetnsLab;

class TcShaperTest {

  @Test
  void villageClassAndUploadRedirectAreSetUp() {
    TcShaper shaper = new TcShaper("br-wifi", 50_000, 20_000, CommandRunner.local());
    assertThat(shaper.setupCommands())
        .contains(
            "class replace dev br-wifi parent 1: classid 1:1 htb rate 50000kbit ceil 50000kbit"
                + " quantum 1514",
            "filter replace dev br-wifi parent ffff: protocol ip prio 1 u32 match u32 0 0"
                + " action mirred egress redirect dev ifbbr-wifi",
            "class replace dev ifbbr-wifi parent 1: classid 1:1 htb rate 20000kbit ceil"
                + " 20000kbit quantum 1514");
  }

  @Test
  void whatNoClientClassClaimsIsShapedInTheVillagesDefaultClass() {
    TcShaper shaper = new TcShaper("br-wifi", 50_000, 20_000, CommandRunner.local());
    assertThat(shaper.setupCommands())
        .contains(
            "qdisc replace dev br-wifi root handle 1: htb default 2",
            "class replace dev br-wifi parent 1:1 classid 1:2 htb rate 50000kbit ceil 50000kbit"
                + " quantum 1514",
            "qdisc replace dev ifbbr-wifi root handle 1: htb default 2",
            "class replace dev ifbbr-wifi parent 1:1 classid 1:2 htb rate 20000kbit ceil"
                + " 20000kbit quantum 1514");
  }

  @Test
  void theGardensRepliesHaveAClassOfTheirOwnInsideTheVillagesClass() {
    TcShaper shaper = new TcShaper("br-wifi", 50_000, 20_000, CommandRunner.local());
    assertThat(shaper.setupCommands())
        .contains(
            "class replace dev br-wifi parent 1:1 classid 1:3 htb rate 50000kbit ceil 50000kbit"
                + " quantum 1514");
  }

  @Test
  void sentBytesAreReadPerClass() {
    String tc =
        """
        class htb 1:10 parent 1:1 prio 0 rate 1Mbit ceil 1Mbit burst 1600b cburst 1600b\s
         Sent 123456 bytes 99 pkt (dropped 7, overlimits 0 requeues 0)\s
         backlog 0b 0p requeues 0

        class htb 1:1 root rate 10Mbit ceil 10Mbit burst 1600b cburst 1600b\s
         Sent 999 bytes 3 pkt (dropped 0, overlimits 0 requeues 0)\s
        """;
    assertThat(TcShaper.sentBytesByMinor(tc)).containsEntry(0x10, 123456L).containsEntry(1, 999L);
  }

  @Test
  void clientGetsAChildClassAtItsRateBothWays() {
    TcShaper shaper = new TcShaper("br-wifi", 50_000, 20_000, CommandRunner.local());
    assertThat(shaper.clientCommands("10.5.50.9", 0x10, 4096, 1024))
        .containsExactly(
            "class replace dev br-wifi parent 1:1 classid 1:10 htb rate 4096kbit ceil 4096kbit"
                + " quantum 1514",
            "filter replace dev br-wifi parent 1: protocol ip prio 16 u32 match ip dst"
                + " 10.5.50.9/32 flowid 1:10",
            "class replace dev ifbbr-wifi parent 1:1 classid 1:10 htb rate 1024kbit ceil 1024kbit"
                + " quantum 1514",
            "filter replace dev ifbbr-wifi parent 1: protocol ip prio 16 u32 match ip src"
                + " 10.5.50.9/32 flowid 1:10");
  }

  @Test
  void classesAreCreatedAndRemovedOnARealInterface() {
    NetnsLab.requireRootAnd("ip", "tc");
    try (NetnsLab lab = new NetnsLab()) {
      String ns = lab.namespace("tc");
      lab.sh(
          ns,
          "ip link add cl0 type veth peer name cl1 && ip link set cl0 up && ip link set cl1 up");
      TcShaper shaper = new TcShaper("cl0", 20_000, 10_000, lab.runner(ns));
      assertThat(shaper.start()).isTrue();
      // More than the village bought is capped at the village's rate.
      assertThat(shaper.addClient("10.88.0.5", 50_000, 2_000)).isTrue();
      assertThat(lab.sh(ns, "tc class show dev cl0"))
          .contains("class htb 1:1 root rate 20Mbit")
          .contains("class htb 1:10 parent 1:1 prio 0 rate 20Mbit ceil 20Mbit");
      assertThat(lab.sh(ns, "tc class show dev ifbcl0"))
          .contains("class htb 1:10 parent 1:1 prio 0 rate 2Mbit");
      shaper.removeClient("10.88.0.5");
      assertThat(lab.sh(ns, "tc class show dev cl0")).doesNotContain("1:10");
      assertThat(lab.sh(ns, "tc filter show dev cl0")).doesNotContain("flowid 1:10");
      shaper.stop();
      assertThat(lab.sh(ns, "tc qdisc show dev cl0")).doesNotContain("htb");
      assertThat(lab.exec(ns, "ip", "link", "show", "ifbcl0").ok()).isFalse();
    }
  }

  @Test
  void aFailingTcLeavesNoClassBehind() {
    NetnsLab.requireRootAnd("ip", "tc");
    try (NetnsLab lab = new NetnsLab()) {
      String ns = lab.namespace("tc");
      // No interface at all: every tc command fails.
      TcShaper shaper = new TcShaper("missing0", 20_000, 10_000, lab.runner(ns));
      assertThat(shaper.start()).isFalse();
      assertThat(shaper.addClient("10.88.0.5", 1_000, 1_000)).isFalse();
    }
  }

  /**
   * Logins and ends of different clients run their tc commands at once (the client table no longer
   * serialises them): each client ends with its own class, and a class being removed is not handed
   * to another client before its removal is done.
   */
  @Test
  void clientsAddedAndRemovedFromManyThreadsAtOnceEachKeepTheirOwnClass() throws Exception {
    NetnsLab.requireRootAnd("ip", "tc");
    try (NetnsLab lab = new NetnsLab()) {
      String ns = lab.namespace("tc");
      lab.sh(
          ns,
          "ip link add cl0 type veth peer name cl1 && ip link set cl0 up && ip link set cl1 up");
      TcShaper shaper = new TcShaper("cl0", 20_000, 10_000, lab.runner(ns));
      assertThat(shaper.start()).isTrue();
      List<String> ips = IntStream.range(0, 24).mapToObj(i -> "10.88.0." + (10 + i)).toList();
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          List<String> mine = ips.subList(t * 6, t * 6 + 6);
          done.add(
              threads.submit(
                  () -> {
                    boolean ok = true;
                    for (String ip : mine) {
                      ok &= shaper.addClient(ip, 1_000, 500);
                      shaper.removeClient(ip);
                      ok &= shaper.addClient(ip, 2_000, 500);
                    }
                    return ok;
                  }));
        }
        for (Future<Boolean> f : done) {
          assertThat(f.get()).isTrue();
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(shaper.deliveredDownBytes()).containsOnlyKeys(Set.copyOf(ips));
      Set<String> classes =
          lab.sh(ns, "tc class show dev cl0")
              .lines()
              .filter(l -> l.contains("parent 1:1") && l.contains("rate 2Mbit"))
              .collect(Collectors.toSet());
      assertThat(classes).hasSize(ips.size());
      shaper.stop();
    }
  }
}
