package org.smartkampung.radius.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Per RadSec connection: at most {@code max} requests handed on and not yet answered. At the limit,
 * or while the hotspot does not read its answers (the outbound buffer is past its high-water mark),
 * the connection stops being read (TCP pushes back on the hotspot) until an answer goes out or a
 * request ends unanswered, so one connection can never fill the worker queue or memory for
 * everyone. Runs on the connection's event loop only.
 */
final class InFlightLimit extends ChannelDuplexHandler {

  private final int max;
  private int inFlight;

  InFlightLimit(int max) {
    this.max = max;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof InboundRequest && (++inFlight >= max || !ctx.channel().isWritable())) {
      ctx.channel().config().setAutoRead(false);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    resume(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof OutgoingReply) {
      done(ctx);
    }
    ctx.write(msg, promise);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == RequestDispatcher.Unanswered.INSTANCE) {
      done(ctx);
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  private void done(ChannelHandlerContext ctx) {
    inFlight = Math.max(0, inFlight - 1);
    resume(ctx);
  }

  private void resume(ChannelHandlerContext ctx) {
    if (inFlight < max && ctx.channel().isWritable() && !ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }
}
