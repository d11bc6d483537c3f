package org.smartkampung.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * Issue 14, finding 1, through the real portal and the real RADIUS server: a villager who edits the
 * address bar (another village's page, another MAC) or carries a one-time login to another hotspot
 * gets nothing the hotspot did not vouch for.
 */
class HotspotDecidesEndToEndTest {

  /** The phone's real MAC, as the hotspot reports it in Calling-Station-Id. */
  static final String REAL_MAC = SimulatedMikrotik.MAC;

  /** The last octet edited in the address bar, for a fresh daily quota. */
  static final String EDITED_MAC = "3C:5A:B4:01:02:99";

  KampungUnderTest kampung;
  SimulatedMikrotik mikrotik;
  NasRadiusClient chilliRadius;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    kampung = new KampungUnderTest();
    mikrotik =
        new SimulatedMikrotik(
            kampung.portalUrl(),
            new NasRadiusClient(
                KampungUnderTest.MIKROTIK_ADDRESS,
                KampungUnderTest.MIKROTIK_SECRET,
                kampung.radius.authPort(),
                kampung.radius.acctPort()),
            REAL_MAC);
    chilliRadius =
        new NasRadiusClient(
            KampungUnderTest.CHILLI_ADDRESS,
            KampungUnderTest.CHILLI_SECRET,
            kampung.radius.authPort(),
            kampung.radius.acctPort());
  }

  @AfterEach
  void stop() throws Exception {
    mikrotik.close();
    chilliRadius.close();
    kampung.close();
  }

  /** What RouterOS's login.html sends the phone to the portal with, {@code mac} as given. */
  Map<String, String> mikrotikRedirect(String mac) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("nasid", KampungUnderTest.MIKROTIK);
    p.put("link-login-only", mikrotik.url() + "/login");
    p.put("link-orig", "http://example.com/berita");
    p.put("mac", mac);
    p.put("ip", SimulatedMikrotik.CLIENT_IP);
    p.put("chap-id", SimulatedMikrotik.octal(new byte[] {SimulatedMikrotik.CHAP_ID}));
    p.put("chap-challenge", SimulatedMikrotik.octal(SimulatedMikrotik.CHALLENGE));
    return p;
  }

  /** Opens {@code path} and taps "Internet Gratis": the fields the portal auto-posts to the NAS. */
  Map<String, String> clickThrough(String path) throws Exception {
    String landing = get(path).body();
    HttpResponse<String> nasPost =
        post(
            kampung.portalUrl() + "/masuk/gratis",
            Map.of("s", field(landing, "s"), "setuju", "on"));
    assertThat(nasPost.body()).contains("action=\"" + mikrotik.url() + "/login\"");
    Map<String, String> fields = new LinkedHashMap<>();
    for (String name : List.of("username", "password", "dst", "popup")) {
      fields.put(name, field(nasPost.body(), name));
    }
    return fields;
  }

  @Test
  void aLoginStartedAtAnotherVillagesPageWithoutAHotspotNameGetsNoHotspotLogin() throws Exception {
    Map<String, String> anonymous = mikrotikRedirect(REAL_MAC);
    anonymous.remove("nasid");
    String landing = get("/desa/olehsari?" + encode(anonymous)).body();

    HttpResponse<String> r =
        post(
            kampung.portalUrl() + "/masuk/gratis",
            Map.of("s", field(landing, "s"), "setuju", "on"));

    // No hotspot vouched for this page: nothing is posted to any hotspot, RADIUS sees nothing.
    assertThat(r.body()).doesNotContain(mikrotik.url()).doesNotContain("nas-login");
    assertThat(mikrotik.radius.accessRequests).isEmpty();
  }

  @Test
  void aLoginStartedAtAnotherVillagesPageIsChargedToTheHotspotsVillage() throws Exception {
    Map<String, String> fields =
        clickThrough("/desa/olehsari?" + encode(mikrotikRedirect(REAL_MAC)));

    post(mikrotik.url() + "/login", fields);

    NasRadiusClient.Exchange answer = mikrotik.radius.accessRequests.get(0);
    assertThat(answer.accepted()).isTrue();
    assertThat(answer.sessionClass()).isEqualTo("kampung:kemiren:gratis-3c:5a:b4:01:02:03");
  }

  @Test
  void aTokenMintedForAnEditedMacIsRefusedForTheRealDevice() throws Exception {
    Map<String, String> edited = clickThrough("/?" + encode(mikrotikRedirect(EDITED_MAC)));
    post(mikrotik.url() + "/login", edited);
    Map<String, String> honest = clickThrough("/?" + encode(mikrotikRedirect(REAL_MAC)));
    post(mikrotik.url() + "/login", honest);

    assertThat(mikrotik.radius.accessRequests).hasSize(2);
    assertThat(mikrotik.radius.accessRequests.get(0).accepted()).isFalse();
    NasRadiusClient.Exchange ok = mikrotik.radius.accessRequests.get(1);
    assertThat(ok.accepted()).isTrue();
    // The click-through identity is the Calling-Station-Id, whatever the URL said.
    assertThat(ok.sessionClass()).isEqualTo("kampung:kemiren:gratis-3c:5a:b4:01:02:03");
  }

  @Test
  void aTokenMintedForOneHotspotIsRefusedAtAnother() throws Exception {
    Map<String, String> fields = clickThrough("/?" + encode(mikrotikRedirect(REAL_MAC)));
    byte[] response = HexFormat.of().parseHex(fields.get("password"));
    List<RadiusAttribute> attrs = new ArrayList<>();
    byte[] chap = new byte[17];
    chap[0] = SimulatedMikrotik.CHAP_ID;
    System.arraycopy(response, 0, chap, 1, 16);
    attrs.add(chilliRadius.attributes.octets("CHAP-Password", chap));
    attrs.add(chilliRadius.attributes.octets("CHAP-Challenge", SimulatedMikrotik.CHALLENGE));
    attrs.add(chilliRadius.attributes.text("Calling-Station-Id", REAL_MAC));

    NasRadiusClient.Exchange atChilli = chilliRadius.accessRequest(fields.get("username"), attrs);

    assertThat(atChilli.accepted()).isFalse();
  }

  @Test
  void aSubscriberOfAnotherVillageIsRefusedByRadiusAtThisVillagesHotspot() throws Exception {
    PasswordHasher hasher = new PasswordHasher(1000);
    kampung
        .stores
        .subscribers()
        .create(
            new Subscriber("wati", "olehsari", hasher.hash("rahasia-wati"), "Wati", true, null));
    kampung
        .stores
        .subscribers()
        .create(new Subscriber("sari", "kemiren", hasher.hash("rahasia-sari"), "Sari", true, null));

    String wati = radclient("wati", "rahasia-wati");
    String sari = radclient("sari", "rahasia-sari");

    assertThat(wati).contains("Received Access-Reject");
    assertThat(sari).contains("Received Access-Accept");
  }

  /** PAP at the MikroTik's own login page: radclient from the MikroTik's address and secret. */
  String radclient(String user, String password) throws Exception {
    Path radclient = Path.of("/usr/bin/radclient");
    if (!Files.isExecutable(radclient)) {
      if (Boolean.getBoolean("kampung.requireExternal")) {
        fail("radclient is missing and kampung.requireExternal=true");
      }
      org.junit.jupiter.api.Assumptions.abort("radclient is not installed");
    }
    Process p =
        new ProcessBuilder(
                radclient.toString(),
                "-x",
                "-r",
                "1",
                "-t",
                "5",
                "127.0.0.1:" + kampung.radius.authPort(),
                "auth",
                KampungUnderTest.MIKROTIK_SECRET)
            .redirectErrorStream(true)
            .start();
    p.getOutputStream()
        .write(
            ("User-Name = \""
                    + user
                    + "\"\nUser-Password = \""
                    + password
                    + "\"\nCalling-Station-Id = \"AA-BB-CC-00-00-01\"\n"
                    + "Message-Authenticator = 0x00\n")
                .getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(kampung.portalUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String url, Map<String, String> form)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String encode(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }

  static String field(String html, String name) {
    Matcher m =
        Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no field " + name + " in:\n" + html);
    }
    return m.group(1).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
  }
}
