package org.smartkampung.radius.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Per RadSec connection: at most {@code max} requests handed on and not yet answered. Further ones
 * wait here, in order, and the connection stops being read (TCP pushes back on the hotspot) until
 * an answer goes out or a request ends unanswered; it is not read either while the hotspot does not
 * read its answers (the outbound buffer is past its high-water mark). So one connection can never
 * fill the worker queue or memory for everyone. Runs on the connection's event loop only.
 */
final class InFlightLimit extends ChannelDuplexHandler {

  private final int max;
  private final Queue<InboundRequest> waiting = new ArrayDeque<>();
  private int inFlight;

  InFlightLimit(int max) {
    this.max = max;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof InboundRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (inFlight < max && waiting.isEmpty()) {
      inFlight++;
      ctx.fireChannelRead(request);
    } else {
      // Frames already read in the same batch still arrive after reading stops: they wait.
      waiting.add(request);
    }
    if (inFlight >= max || !ctx.channel().isWritable()) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    resume(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
    if (msg instanceof OutgoingReply) {
      done(ctx);
    }
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
    while (inFlight < max && !waiting.isEmpty()) {
      inFlight++;
      ctx.fireChannelRead(waiting.poll());
    }
    resume(ctx);
  }

  private void resume(ChannelHandlerContext ctx) {
    if (inFlight < max
        && waiting.isEmpty()
        && ctx.channel().isWritable()
        && !ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }
}
