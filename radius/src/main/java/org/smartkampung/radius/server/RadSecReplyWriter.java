package org.smartkampung.radius.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Last outbound step on a RadSec connection: the reply's bytes, which frame themselves. */
@ChannelHandler.Sharable
final class RadSecReplyWriter extends MessageToByteEncoder<OutgoingReply> {
  @Override
  protected void encode(ChannelHandlerContext ctx, OutgoingReply reply, ByteBuf out) {
    out.writeBytes(reply.bytes());
  }
}
