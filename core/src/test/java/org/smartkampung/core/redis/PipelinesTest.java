package org.smartkampung.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelinesTest {

  @Test
  void onlyReplicasInSyncCountForWait() {
    // INFO replication of a master right after a failover: one replica still copying the data.
    String info =
        "# Replication\r\n"
            + "role:master\r\n"
            + "connected_slaves:2\r\n"
            + "slave0:ip=10.20.0.12,port=6379,state=online,offset=7411,lag=0\r\n"
            + "slave1:ip=10.20.0.11,port=6379,state=wait_bgsave,offset=0,lag=0\r\n"
            + "master_failover_state:no-failover\r\n";

    assertThat(Pipelines.parseReplicasInSync(info)).isEqualTo(1);
    assertThat(Pipelines.parseReplicasInSync("# Replication\r\nrole:master\r\nconnected_slaves:0"))
        .isZero();
  }
}
