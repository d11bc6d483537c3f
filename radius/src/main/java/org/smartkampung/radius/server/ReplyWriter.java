package org.smartkampung.radius.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Last outbound step: wraps an encoded reply into a datagram for its NAS. */
final class ReplyWriter extends MessageToMessageEncoder<OutgoingReply> {
  @Override
  protected void encode(ChannelHandlerContext ctx, OutgoingReply reply, List<Object> out) {
    out.add(new DatagramPacket(Unpooled.wrappedBuffer(reply.bytes()), reply.recipient()));
  }
}
