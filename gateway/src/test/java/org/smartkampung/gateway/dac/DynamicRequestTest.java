package org.smartkampung.gateway.dac;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.smartkampung.codec.RadiusAttributes;
import org.smartkampung.gateway.firewall.CommandRunner;
import org.smartkampung.gateway.testing.NetnsLab;

/** Checks Disconnect-Request verification against packets made by FreeRADIUS's radclient. */
class DynamicRequestTest {

  private static final String SECRET = "rahasia-dac";

  /** One Disconnect-Request as radclient sends it, caught on a loopback socket. */
  private static byte[] disconnectFromRadclient() throws Exception {
    NetnsLab.requireRootAnd("radclient");
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(5000);
      CompletableFuture<CommandRunner.Result> sent =
          CompletableFuture.supplyAsync(
              () ->
                  CommandRunner.local()
                      .run(
                          List.of(
                              "radclient",
                              "-r",
                              "1",
                              "-t",
                              "1",
                              "127.0.0.1:" + socket.getLocalPort(),
                              "disconnect",
                              SECRET),
                          "Framed-IP-Address = 10.5.50.9\nMessage-Authenticator = 0x00\n"));
      DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
      socket.receive(in);
      sent.join();
      return Arrays.copyOf(in.getData(), in.getLength());
    }
  }

  @Test
  void radclientsDisconnectRequestVerifiesWithTheRightSecretOnly() throws Exception {
    byte[] packet = disconnectFromRadclient();
    assertThat(packet[0] & 0xff).isEqualTo(DynamicAuthorization.DISCONNECT_REQUEST);
    assertThat(RadiusAttributes.verifyDynamicRequest(packet, SECRET)).isTrue();
    assertThat(RadiusAttributes.verifyDynamicRequest(packet, "salah")).isFalse();
    byte[] tampered = packet.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThat(RadiusAttributes.verifyDynamicRequest(tampered, SECRET)).isFalse();
  }

  @Test
  void requestWithoutMessageAuthenticatorIsRefused() throws Exception {
    byte[] packet = disconnectFromRadclient();
    int ma = RadiusAttributes.messageAuthenticatorOffset(packet);
    // Turn the Message-Authenticator into a Class attribute and re-sign the authenticator.
    packet[ma - 2] = 25;
    Arrays.fill(packet, 4, 20, (byte) 0);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(packet);
    md5.update(SECRET.getBytes(StandardCharsets.UTF_8));
    System.arraycopy(md5.digest(), 0, packet, 4, 16);
    assertThat(RadiusAttributes.verifyDynamicRequest(packet, SECRET)).isFalse();
  }

  @Test
  void ackHasTheResponseAuthenticatorOfRfc5176() throws Exception {
    byte[] request = disconnectFromRadclient();
    byte[] requestAuth = Arrays.copyOfRange(request, 4, 20);
    byte[] ack =
        RadiusAttributes.reply(
            DynamicAuthorization.DISCONNECT_ACK,
            request[1] & 0xff,
            requestAuth,
            new byte[0],
            SECRET);
    byte[] check = ack.clone();
    System.arraycopy(requestAuth, 0, check, 4, 16);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(check);
    md5.update(SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(Arrays.copyOfRange(ack, 4, 20)).isEqualTo(md5.digest());
    assertThat(ack[1]).isEqualTo(request[1]);
  }
}
