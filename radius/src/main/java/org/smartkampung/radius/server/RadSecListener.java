package org.smartkampung.radius.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.smartkampung.core.config.RadSecSettings;

/**
 * The RadSec listener (RFC 6614): TCP with mutual TLS 1.2/1.3 (the JDK's TLS), hotspot client
 * certificates checked against the configured CA and revocation list, and behind TLS the same
 * request handlers as UDP. {@link #connections()} tells which hotspots are connected.
 */
public final class RadSecListener implements AutoCloseable {

  /** Protocols offered and accepted: TLS 1.0 and 1.1 are refused (RFC 8996). */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final Channel channel;
  private final RadSecConnections connections;

  private RadSecListener(Channel channel, RadSecConnections connections) {
    this.channel = channel;
    this.connections = connections;
  }

  /**
   * Binds {@code settings.port()} (0 picks a free one) on {@code bindAddress}.
   *
   * @throws IllegalArgumentException when the certificate, key or CA file cannot be used
   */
  public static RadSecListener start(
      EventLoopGroup group,
      Class<? extends ServerChannel> channelType,
      String bindAddress,
      RadSecSettings settings,
      RadiusPipeline pipeline,
      RadSecConnections connections) {
    SslContext tls = serverContext(settings);
    RevocationList revoked =
        new RevocationList(settings.crl() == null ? null : Path.of(settings.crl().trim()));
    Channel channel =
        new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(pipeline.radSecInitializer(tls, settings, revoked, connections))
            .bind(new InetSocketAddress(bindAddress, settings.port()))
            .syncUninterruptibly()
            .channel();
    return new RadSecListener(channel, connections);
  }

  private static SslContext serverContext(RadSecSettings settings) {
    try {
      return SslContextBuilder.forServer(
              new File(settings.certificate().trim()), new File(settings.privateKey().trim()))
          .trustManager(new File(settings.caCertificates().trim()))
          .clientAuth(ClientAuth.REQUIRE)
          .protocols(PROTOCOLS)
          .sslProvider(provider())
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "radius.radsec: cannot use certificate "
              + settings.certificate()
              + ", key "
              + settings.privateKey()
              + " and CA "
              + settings.caCertificates()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * BoringSSL (netty-tcnative) when its native library loads, else the JDK's TLS; {@code
   * -Dkampung.radsec.tls=jdk} forces the JDK's.
   */
  static SslProvider provider() {
    boolean jdk = "jdk".equalsIgnoreCase(System.getProperty("kampung.radsec.tls"));
    return !jdk && OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  /** The bound TCP port. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Which TLS implementation serves: BoringSSL or the JDK's. */
  public String tlsProvider() {
    return provider() == SslProvider.OPENSSL ? OpenSsl.versionString() : "JDK TLS";
  }

  /** The hotspots connected now. */
  public RadSecConnections connections() {
    return connections;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
