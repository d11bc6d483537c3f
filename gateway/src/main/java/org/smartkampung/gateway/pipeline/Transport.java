package org.smartkampung.gateway.pipeline;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's event loops and the channel types that go with them: native epoll on Linux when
 * available, NIO otherwise.
 *
 * @param group the event loops every gateway server shares
 * @param serverChannel TCP server channel type for that group
 * @param datagramChannel UDP channel type for that group
 */
public record Transport(
    EventLoopGroup group,
    Class<? extends ServerChannel> serverChannel,
    Class<? extends DatagramChannel> datagramChannel) {

  /** Event loops with {@code threads} threads. */
  public static Transport create(int threads) {
    if (Epoll.isAvailable()) {
      return new Transport(
          new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory()),
          EpollServerSocketChannel.class,
          EpollDatagramChannel.class);
    }
    return new Transport(
        new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()),
        NioServerSocketChannel.class,
        NioDatagramChannel.class);
  }

  /** Stops the event loops (quickly: the servers are already closed). */
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
