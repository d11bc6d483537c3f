package org.smartkampung.radius.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.Arrays;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.tinyradius.dictionary.Dictionary;

/**
 * First handler: copies the datagram out of its buffer (which it releases), checks the layout and
 * that the code belongs on this port, decodes the attributes, and passes an {@link InboundRequest}
 * on. Anything malformed is dropped and counted; nothing is thrown.
 */
final class RadiusDecoder extends SimpleChannelInboundHandler<DatagramPacket> {

  private final PortKind port;
  private final Dictionary dictionary;
  private final RadiusMetrics metrics;

  RadiusDecoder(PortKind port, Dictionary dictionary, RadiusMetrics metrics) {
    super(true); // releases the datagram's buffer once channelRead0 returns
    this.port = port;
    this.dictionary = dictionary;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
    long received = System.nanoTime();
    ByteBuf content = datagram.content();
    int readable = content.readableBytes();
    if (readable < RadiusCode.HEADER_BYTES || readable > RadiusCode.MAX_PACKET_BYTES) {
      metrics.drop(DropReason.MALFORMED);
      return;
    }
    byte[] raw = new byte[readable];
    content.getBytes(content.readerIndex(), raw);
    int length = PacketCodec.checkLayout(raw, readable);
    if (length < 0 || !acceptedHere(raw[0] & 0xff)) {
      metrics.drop(DropReason.MALFORMED);
      return;
    }
    byte[] bytes = length == readable ? raw : Arrays.copyOf(raw, length);
    org.tinyradius.packet.RadiusPacket packet;
    try {
      packet = PacketCodec.decode(dictionary, bytes);
    } catch (Exception e) { // a value that does not fit its type, a broken VSA
      metrics.drop(DropReason.MALFORMED);
      return;
    }
    ctx.fireChannelRead(new InboundRequest(port, datagram.sender(), bytes, packet, null, received));
  }

  private boolean acceptedHere(int code) {
    if (code == RadiusCode.STATUS_SERVER) {
      return true;
    }
    return port == PortKind.AUTH
        ? code == RadiusCode.ACCESS_REQUEST
        : code == RadiusCode.ACCOUNTING_REQUEST;
  }
}
