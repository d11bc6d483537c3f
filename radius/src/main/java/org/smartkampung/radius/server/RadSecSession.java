package org.smartkampung.radius.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.core.nas.HotspotCertificate;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.server.RadiusMetrics.Refusal;
import org.tinyradius.dictionary.Dictionary;
import org.tinyradius.packet.RadiusPacket;

/**
 * One RadSec connection after TLS: names the hotspot from its client certificate once the handshake
 * is done (refusing, counting and closing an unknown, revoked or misplaced one, or a failed
 * handshake), then turns each RFC 6614 frame into an {@link InboundRequest} of that hotspot with
 * the secret {@code radsec}. A malformed frame is dropped and counted, as on UDP; a connection
 * silent for the idle timeout is closed.
 */
final class RadSecSession extends SimpleChannelInboundHandler<ByteBuf> {

  private static final Logger log = LoggerFactory.getLogger(RadSecSession.class);

  private final LiveClients clients;
  private final RevocationList revoked;
  private final RadSecConnections connections;
  private final Dictionary dictionary;
  private final RadiusMetrics metrics;
  private NasClient hotspot;

  RadSecSession(
      LiveClients clients,
      RevocationList revoked,
      RadSecConnections connections,
      Dictionary dictionary,
      RadiusMetrics metrics) {
    super(true);
    this.clients = clients;
    this.revoked = revoked;
    this.connections = connections;
    this.dictionary = dictionary;
    this.metrics = metrics;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        identify(ctx);
      } else {
        refuse(ctx, classify(done.cause()), done.cause().toString());
      }
      return;
    }
    if (event instanceof IdleStateEvent) {
      log.info("RadSec connection of {} idle, closing", hotspot == null ? "?" : hotspot.name());
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  private void identify(ChannelHandlerContext ctx) {
    X509Certificate certificate = peerCertificate(ctx);
    if (certificate == null) {
      refuse(ctx, Refusal.UNKNOWN_CERT, "no client certificate");
      return;
    }
    if (revoked.isRevoked(certificate)) {
      refuse(ctx, Refusal.REVOKED_CERT, certificate.getSubjectX500Principal().getName());
      return;
    }
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    ClientTable table = clients.table();
    List<NasClient> named =
        table.clients().stream()
            .filter(c -> c.certificate() != null)
            .filter(c -> HotspotCertificate.matches(c.certificate(), certificate))
            .toList();
    if (named.isEmpty()) {
      refuse(ctx, Refusal.UNKNOWN_CERT, certificate.getSubjectX500Principal().getName());
      return;
    }
    // A hotspot with an address must connect from it: a certificate of one hotspot never speaks
    // from another's address. One without (behind CGNAT) is known by its certificate alone.
    NasClient chosen =
        named.stream()
            .filter(c -> !c.hasAddress() || table.sendsFrom(c, remote.getAddress()))
            .findFirst()
            .orElse(null);
    if (chosen == null) {
      NasClient atAddress = table.match(remote.getAddress());
      refuse(
          ctx,
          Refusal.WRONG_HOTSPOT,
          "certificate of "
              + named.get(0).name()
              + " from "
              + remote.getAddress().getHostAddress()
              + (atAddress == null ? "" : " (hotspot " + atAddress.name() + ")"));
      return;
    }
    hotspot = chosen.overRadSec();
    connections.connected(hotspot.name(), ctx.channel());
    log.info(
        "RadSec connection of hotspot {} from {}",
        hotspot.name(),
        remote.getAddress().getHostAddress());
  }

  private static X509Certificate peerCertificate(ChannelHandlerContext ctx) {
    try {
      Certificate[] chain =
          ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private static Refusal classify(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof NotSslRecordException) {
        return Refusal.PLAIN_TCP;
      }
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("protocol")) {
        return Refusal.OLD_TLS;
      }
      if (message.contains("certificate") || message.contains("pkix")) {
        return Refusal.UNKNOWN_CERT;
      }
    }
    return Refusal.HANDSHAKE_FAILED;
  }

  private void refuse(ChannelHandlerContext ctx, Refusal reason, String detail) {
    metrics.refusal(reason);
    log.warn(
        "RadSec connection from {} refused ({}): {}",
        ctx.channel().remoteAddress(),
        reason.tag(),
        detail);
    ctx.close();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    long received = System.nanoTime();
    if (hotspot == null) { // no data before a hotspot is named; SslHandler ensures it
      metrics.drop(DropReason.UNKNOWN_CLIENT);
      ctx.close();
      return;
    }
    byte[] bytes = new byte[frame.readableBytes()];
    frame.readBytes(bytes);
    int length = PacketCodec.checkLayout(bytes, bytes.length);
    int code = bytes.length > 0 ? bytes[0] & 0xff : -1;
    if (length == bytes.length && isDynamicAuthorizationAnswer(code)) {
      // The answer to a Disconnect/CoA we sent on this connection (server-initiated request).
      connections.response(hotspot.name(), ctx.channel(), bytes);
      return;
    }
    if (length != bytes.length || !accepted(code)) {
      metrics.drop(DropReason.MALFORMED);
      return;
    }
    RadiusPacket packet;
    try {
      packet = PacketCodec.decode(dictionary, bytes);
    } catch (Exception e) { // a value that does not fit its type, a broken VSA
      metrics.drop(DropReason.MALFORMED);
      return;
    }
    connections.requested(hotspot.name());
    PortKind port = code == RadiusCode.ACCOUNTING_REQUEST ? PortKind.ACCT : PortKind.AUTH;
    ctx.fireChannelRead(
        new InboundRequest(
            port,
            (InetSocketAddress) ctx.channel().remoteAddress(),
            bytes,
            packet,
            hotspot,
            received,
            Transport.RADSEC));
  }

  private static boolean isDynamicAuthorizationAnswer(int code) {
    return code == RadiusCode.DISCONNECT_ACK
        || code == RadiusCode.DISCONNECT_NAK
        || code == RadiusCode.COA_ACK
        || code == RadiusCode.COA_NAK;
  }

  private static boolean accepted(int code) {
    return code == RadiusCode.ACCESS_REQUEST
        || code == RadiusCode.ACCOUNTING_REQUEST
        || code == RadiusCode.STATUS_SERVER;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (hotspot != null) {
      connections.closed(hotspot.name(), ctx.channel());
      log.info("RadSec connection of hotspot {} closed", hotspot.name());
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A broken frame length or a TLS error: this connection is unusable, the server is not.
    log.debug(
        "RadSec connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
