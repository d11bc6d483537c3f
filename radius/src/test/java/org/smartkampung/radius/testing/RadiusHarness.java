package org.smartkampung.radius.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusDictionary;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadSecSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.PasswordVerifier;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;
import org.smartkampung.radius.RadiusServer;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * TEST FIXTURE: a running RADIUS server on 127.0.0.1 with ephemeral ports, in-memory stores, one
 * village "kemiren" (policy "standar": 4096/1024 kbit/s, 2 devices) and NAS clients:
 *
 * <ul>
 *   <li>"mikrotik-yes" at 127.0.0.1 (Message-Authenticator required), secret "rahasia"
 * </ul>
 *
 * plus whatever extra hotspots a test passes. A subscriber "siti" / "sandi123" exists.
 */
public final class RadiusHarness implements AutoCloseable {

  public static final String SECRET = "rahasia";
  public static final String VILLAGE = "kemiren";

  public final InMemoryStores stores = new InMemoryStores();
  public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  public final Attributes attributes = new Attributes(RadiusDictionary.load());
  public final RadiusServer server;
  public final KampungConfig config;

  public RadiusHarness() {
    this(
        List.of(
            hotspot(
                "mikrotik-yes", "127.0.0.1", NasType.MIKROTIK, MessageAuthenticatorPolicy.YES, 0)),
        OpeningHours.ALWAYS,
        Clock.systemUTC());
  }

  public RadiusHarness(List<NasClientSettings> hotspots, OpeningHours hours, Clock clock) {
    this(hotspots, hours, clock, null);
  }

  /**
   * As the other constructors, with the server on {@code serverStores} (a real store) instead of
   * {@link #stores}; the subscriber "siti" is created in it.
   */
  public RadiusHarness(KampungStores serverStores) {
    this(
        List.of(
            hotspot(
                "mikrotik-yes", "127.0.0.1", NasType.MIKROTIK, MessageAuthenticatorPolicy.YES, 0)),
        OpeningHours.ALWAYS,
        Clock.systemUTC(),
        serverStores);
  }

  /** As {@link #RadiusHarness(KampungStores)}, with the server on {@code clock}. */
  public RadiusHarness(KampungStores serverStores, Clock clock) {
    this(
        List.of(
            hotspot(
                "mikrotik-yes", "127.0.0.1", NasType.MIKROTIK, MessageAuthenticatorPolicy.YES, 0)),
        OpeningHours.ALWAYS,
        clock,
        serverStores);
  }

  /**
   * The default hotspot on {@code serverStores} (null: {@link #stores}), with the RADIUS settings
   * given (ports and address are overridden) and subscriber passwords checked by {@code verifier}.
   */
  public RadiusHarness(
      KampungStores serverStores, RadiusSettings radius, PasswordVerifier verifier) {
    this(
        List.of(
            hotspot(
                "mikrotik-yes", "127.0.0.1", NasType.MIKROTIK, MessageAuthenticatorPolicy.YES, 0)),
        standard(OpeningHours.ALWAYS, null),
        Clock.systemUTC(),
        serverStores,
        radius,
        verifier);
  }

  /**
   * {@code hotspots} on {@link #stores}, with the RADIUS settings given (ports and address are
   * overridden; RadSec taken as given) and subscriber passwords checked by {@code verifier}.
   */
  public static RadiusHarness withHotspots(
      List<NasClientSettings> hotspots, RadiusSettings radius, PasswordVerifier verifier) {
    return new RadiusHarness(
        hotspots, standard(OpeningHours.ALWAYS, null), Clock.systemUTC(), null, radius, verifier);
  }

  /** {@code hotspots} on {@link #stores}, with the RadSec listener of {@code radsec}. */
  public RadiusHarness(List<NasClientSettings> hotspots, RadSecSettings radsec) {
    this(
        hotspots,
        standard(OpeningHours.ALWAYS, null),
        Clock.systemUTC(),
        null,
        RadiusSettings.DEFAULTS.withRadSec(radsec),
        PasswordVerifier.PBKDF2);
  }

  private RadiusHarness(
      List<NasClientSettings> hotspots,
      OpeningHours hours,
      Clock clock,
      KampungStores serverStores) {
    this(
        hotspots,
        standard(hours, null),
        clock,
        serverStores,
        RadiusSettings.DEFAULTS,
        PasswordVerifier.PBKDF2);
  }

  /** The given hotspots, the village on {@code policy} instead of the standard one. */
  public RadiusHarness(List<NasClientSettings> hotspots, QuotaPolicy policy) {
    this(
        hotspots,
        policy,
        Clock.systemUTC(),
        null,
        RadiusSettings.DEFAULTS,
        PasswordVerifier.PBKDF2);
  }

  /** The harness's policy "standar": rates, two devices, an hour a session, no volume limits. */
  public static QuotaPolicy standard(OpeningHours hours, Long villageDailyGb) {
    return new QuotaPolicy(
        "standar", villageDailyGb, null, null, null, 4096L, 1024L, 2, hours, 3600, 300, 60);
  }

  private RadiusHarness(
      List<NasClientSettings> hotspots,
      QuotaPolicy policy,
      Clock clock,
      KampungStores serverStores,
      RadiusSettings radius,
      PasswordVerifier verifier) {
    Village village =
        new Village(
            VILLAGE,
            "Kemiren",
            "Glagah",
            ZoneId.of("Asia/Jakarta"),
            new BandwidthPackage(50, 10, 0, 2026, 0),
            "standar",
            true,
            List.of());
    config =
        new KampungConfig(
            null,
            null,
            new RadiusSettings(
                true,
                "127.0.0.1",
                0,
                0,
                30,
                null,
                radius.onStoreOutage(),
                radius.rememberedDeviceDays(),
                radius.passwordChecks(),
                radius.loginThrottle(),
                radius.radsec()),
            null,
            null,
            List.of(policy),
            List.of(village),
            hotspots,
            null);
    KampungStores used = serverStores == null ? stores : serverStores;
    used.subscribers()
        .create(
            new Subscriber(
                "siti", VILLAGE, new PasswordHasher(1000).hash("sandi123"), "Siti", true, null));
    server = RadiusServer.start(config, used, clock, registry, verifier);
  }

  public static NasClientSettings hotspot(
      String name, String address, NasType type, MessageAuthenticatorPolicy policy, int coaPort) {
    return new NasClientSettings(
        name, address, SECRET, type, VILLAGE, policy, coaPort == 0 ? null : coaPort);
  }

  /** Builds a request with our codec (the tests' client shares the server's codec). */
  public byte[] request(int code, List<RadiusAttribute> attrs, boolean messageAuthenticator) {
    return PacketCodec.encodeRequest(
        code,
        (int) (Math.random() * 256),
        attrs,
        SECRET.getBytes(StandardCharsets.UTF_8),
        messageAuthenticator);
  }

  /**
   * Accounting-Request for "siti" (Class bound to kemiren) from the NAS's view: Output = to the
   * villager (download).
   */
  public byte[] accountingRequest(
      int status, String session, long out, int outGiga, long in, int inGiga) {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(attributes.unsigned("Acct-Status-Type", status));
    attrs.add(attributes.text("Acct-Session-Id", session));
    attrs.add(attributes.text("User-Name", "siti"));
    attrs.add(attributes.text("Class", "kampung:kemiren:siti"));
    attrs.add(attributes.text("Calling-Station-Id", "AA-BB-CC-DD-EE-01"));
    attrs.add(attributes.unsigned("Acct-Output-Octets", out));
    attrs.add(attributes.unsigned("Acct-Output-Gigawords", outGiga));
    attrs.add(attributes.unsigned("Acct-Input-Octets", in));
    attrs.add(attributes.unsigned("Acct-Input-Gigawords", inGiga));
    return request(4, attrs, false);
  }

  /**
   * Accounting-Request for "siti" as a NAS without Gigawords sends it, with the session time and
   * Acct-Delay-Time; {@code mac} null leaves out Calling-Station-Id, {@code session} null leaves
   * out Acct-Session-Id.
   *
   * @param downloadBytes Acct-Output-Octets (to the villager)
   * @param uploadBytes Acct-Input-Octets
   */
  public byte[] accountingRecord(
      int status,
      String session,
      String mac,
      long downloadBytes,
      long uploadBytes,
      long sessionSeconds,
      long delaySeconds) {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(attributes.unsigned("Acct-Status-Type", status));
    if (session != null) {
      attrs.add(attributes.text("Acct-Session-Id", session));
    }
    attrs.add(attributes.text("User-Name", "siti"));
    attrs.add(attributes.text("Class", "kampung:kemiren:siti"));
    if (mac != null) {
      attrs.add(attributes.text("Calling-Station-Id", mac));
    }
    attrs.add(attributes.unsigned("Acct-Output-Octets", downloadBytes));
    attrs.add(attributes.unsigned("Acct-Input-Octets", uploadBytes));
    attrs.add(attributes.unsigned("Acct-Session-Time", sessionSeconds));
    if (delaySeconds > 0) {
      attrs.add(attributes.unsigned("Acct-Delay-Time", delaySeconds));
    }
    return request(4, attrs, false);
  }

  /** Access-Request with PAP. */
  public byte[] papRequest(String user, String password, String mac, boolean messageAuthenticator) {
    byte[] random = new byte[16];
    new java.security.SecureRandom().nextBytes(random);
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(attributes.text("User-Name", user));
    attrs.add(
        attributes.octets(
            "User-Password",
            PacketCodec.encryptPapPassword(
                password, random, SECRET.getBytes(StandardCharsets.UTF_8))));
    if (mac != null) {
      attrs.add(attributes.text("Calling-Station-Id", mac));
    }
    byte[] packet =
        PacketCodec.encodeRequest(
            1, 7, attrs, SECRET.getBytes(StandardCharsets.UTF_8), messageAuthenticator);
    // The password was encrypted against `random`: put it in as the request authenticator, then
    // re-sign the Message-Authenticator that was computed over the old one.
    System.arraycopy(random, 0, packet, 4, 16);
    if (messageAuthenticator) {
      resign(packet);
    }
    return packet;
  }

  /** Recomputes the Message-Authenticator at its place, with the packet's own authenticator. */
  public static void resign(byte[] packet) {
    int at = TestCrypto.attributeOffset(packet, 80);
    Arrays.fill(packet, at + 2, at + 18, (byte) 0);
    byte[] mac = TestCrypto.hmacMd5(SECRET, packet);
    System.arraycopy(mac, 0, packet, at + 2, 16);
  }

  /** Sends from 127.0.0.1 and waits for one reply. */
  public Optional<byte[]> exchange(byte[] packet, int port, Duration wait) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return exchange(socket, packet, port, wait);
    }
  }

  public static Optional<byte[]> exchange(
      DatagramSocket socket, byte[] packet, int port, Duration wait) throws IOException {
    socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), port));
    socket.setSoTimeout((int) wait.toMillis());
    byte[] buffer = new byte[4096];
    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(reply);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(buffer, reply.getLength()));
  }

  /** Waits for one datagram on a socket that already sent its request. */
  public static Optional<byte[]> exchangeReply(DatagramSocket socket, Duration wait)
      throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    byte[] buffer = new byte[4096];
    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(reply);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(buffer, reply.getLength()));
  }

  /** Checks a reply against its request with the independent test crypto. */
  public static boolean replyValid(byte[] reply, byte[] request) {
    byte[] requestAuth = Arrays.copyOfRange(request, 4, 20);
    return reply[1] == request[1]
        && TestCrypto.authenticatorIs(reply, requestAuth, SECRET)
        && TestCrypto.attributeOffset(reply, 80) == 20
        && TestCrypto.messageAuthenticatorValid(reply, requestAuth, SECRET);
  }

  public static LocalTime now() {
    return LocalTime.now(java.time.ZoneId.systemDefault());
  }

  @Override
  public void close() {
    server.close();
    stores.close();
  }
}
