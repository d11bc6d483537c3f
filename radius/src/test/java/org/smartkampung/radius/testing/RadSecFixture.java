package org.smartkampung.radius.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadSecSettings;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.radius.pki.RadSecPki;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * TEST FIXTURE: a RadSec PKI in a directory ({@link RadSecPki}: CA, server certificate for
 * 127.0.0.1, empty CRL), hotspot entries named by certificate, and a plain JDK TLS client that
 * sends RFC 6614 frames.
 */
public final class RadSecFixture {

  public static final byte[] SECRET = "radsec".getBytes(StandardCharsets.US_ASCII);

  public final Path dir;
  public final RadSecPki pki;

  public RadSecFixture(Path dir) throws IOException {
    this.dir = dir;
    this.pki = new RadSecPki(dir, Clock.systemUTC());
    pki.init("Kabupaten Uji", List.of("127.0.0.1", "localhost"));
  }

  /** Listener settings on a free port with this PKI's files. */
  public RadSecSettings settings(int maxInFlight, int idleTimeoutSeconds) {
    return new RadSecSettings(
        true,
        0,
        pki.serverCertificate().toString(),
        pki.serverKey().toString(),
        pki.caCertificate().toString(),
        pki.crl().toString(),
        maxInFlight,
        idleTimeoutSeconds);
  }

  /** A hotspot of kemiren named by {@code certificate}; {@code address} may be null. */
  public static NasClientSettings hotspot(String name, String address, String certificate) {
    return new NasClientSettings(
        name,
        address,
        "udp-" + name,
        NasType.MIKROTIK,
        RadiusHarness.VILLAGE,
        MessageAuthenticatorPolicy.YES,
        null,
        null,
        null,
        certificate);
  }

  /** Issues the hotspot's certificate in this PKI. */
  public RadSecPki.Issued issue(String hotspot) throws IOException {
    return pki.issue(hotspot);
  }

  /** A TLS client with the certificate issued to {@code hotspot}, from {@code localAddress}. */
  public Client connect(String hotspot, String localAddress, int port) throws Exception {
    return connect(pki, hotspot, localAddress, port, new String[] {"TLSv1.3", "TLSv1.2"});
  }

  /** A TLS client with a certificate of {@code issuer} (perhaps another CA) trusting our CA. */
  public Client connect(
      RadSecPki issuer, String hotspot, String localAddress, int port, String[] protocols)
      throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "hotspot",
        readKey(issuer.hotspotKey(hotspot)),
        new char[0],
        new Certificate[] {readCert(issuer.hotspotCertificate(hotspot))});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", readCert(pki.caCertificate()));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    Socket raw = new Socket();
    raw.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
    raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(raw, "127.0.0.1", port, true);
    socket.setEnabledProtocols(protocols);
    socket.setSoTimeout(5000);
    socket.startHandshake();
    return new Client(socket);
  }

  private static PrivateKey readKey(Path file) throws Exception {
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemBody(file)));
  }

  private static Certificate readCert(Path file) throws Exception {
    return CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pemBody(file)));
  }

  private static byte[] pemBody(Path file) throws IOException {
    StringBuilder b64 = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      if (!line.startsWith("-----")) {
        b64.append(line.trim());
      }
    }
    return Base64.getDecoder().decode(b64.toString());
  }

  /** A Status-Server with its Message-Authenticator, under the secret radsec. */
  public static byte[] statusServer(int identifier) {
    return PacketCodec.encodeRequest(12, identifier, List.of(), SECRET, true);
  }

  /** A PAP Access-Request under the secret radsec, with a Message-Authenticator. */
  public static byte[] pap(Attributes attributes, int identifier, String user, String password) {
    byte[] authenticator = new byte[16];
    new SecureRandom().nextBytes(authenticator);
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(attributes.text("User-Name", user));
    attrs.add(
        attributes.octets(
            "User-Password", PacketCodec.encryptPapPassword(password, authenticator, SECRET)));
    attrs.add(attributes.text("Calling-Station-Id", "AA-BB-CC-DD-EE-07"));
    byte[] packet = PacketCodec.encodeRequest(1, identifier, attrs, SECRET, true);
    System.arraycopy(authenticator, 0, packet, 4, 16);
    int at = TestCrypto.attributeOffset(packet, 80);
    java.util.Arrays.fill(packet, at + 2, at + 18, (byte) 0);
    System.arraycopy(TestCrypto.hmacMd5("radsec", packet), 0, packet, at + 2, 16);
    return packet;
  }

  /** One RadSec connection as a hotspot holds it. */
  public static final class Client implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    public Client(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      InputStream input = socket.getInputStream();
      this.in = new DataInputStream(input);
    }

    /** The raw stream of answers (for a test that reads them itself). */
    public InputStream input() {
      return in;
    }

    public void send(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** The next packet, or empty when none comes within {@code timeoutMillis}. */
    public Optional<byte[]> receive(int timeoutMillis) throws IOException {
      socket.setSoTimeout(timeoutMillis);
      try {
        byte[] header = new byte[4];
        in.readFully(header);
        int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        byte[] packet = new byte[length];
        System.arraycopy(header, 0, packet, 0, 4);
        in.readFully(packet, 4, length - 4);
        return Optional.of(packet);
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
    }

    public Optional<byte[]> exchange(byte[] request) throws IOException {
      send(request);
      return receive(5000);
    }

    /** Whether the server has closed the connection (reads end within {@code timeoutMillis}). */
    public boolean closedByServer(int timeoutMillis) {
      try {
        socket.setSoTimeout(timeoutMillis);
        return in.read() < 0;
      } catch (IOException e) {
        return !(e instanceof SocketTimeoutException);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
