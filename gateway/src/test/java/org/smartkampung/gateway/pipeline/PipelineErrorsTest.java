package org.smartkampung.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class PipelineErrorsTest {

  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  private double count(String listener) {
    return metrics.counter("kampung.gateway.pipeline.errors", "listener", listener).count();
  }

  @Test
  void junkOnAUdpListenerIsCountedAndTheListenerStaysOpen() throws Exception {
    Transport transport = Transport.create(1);
    try {
      Channel udp =
          new Bootstrap()
              .group(transport.group())
              .channel(transport.datagramChannel())
              .handler(new PipelineErrors("dns", metrics, Clock.systemUTC()))
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .sync()
              .channel();
      udp.eventLoop()
          .submit(
              () -> {
                for (int i = 0; i < 400; i++) {
                  udp.pipeline().fireExceptionCaught(new DecoderException("junk " + i));
                }
              })
          .sync();
      assertThat(count("dns")).isEqualTo(400);
      assertThat(udp.isOpen()).isTrue();
      udp.close().sync();
    } finally {
      transport.close();
    }
  }

  @Test
  void anErrorOnATcpConnectionClosesIt() {
    EmbeddedChannel tcp =
        new EmbeddedChannel(new PipelineErrors("interceptor", metrics, Clock.systemUTC()));
    tcp.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
    assertThat(count("interceptor")).isEqualTo(1);
    assertThat(tcp.isOpen()).isFalse();
  }

  @Test
  void describesTheInnermostCauseOnOneLine() {
    Throwable wrapped = new DecoderException(new IOException("bad label\nsecond line"));
    assertThat(PipelineErrors.describe(wrapped)).isEqualTo("IOException: bad label");
  }
}
