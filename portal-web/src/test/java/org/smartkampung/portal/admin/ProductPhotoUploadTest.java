package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.portal.admin.service.ProductPhotos;

/** The Produk Desa form's photo upload over HTTP: size limit, type check, keep on edit. */
class ProductPhotoUploadTest {

  static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J'};
  static final String FORM = "/admin/desa/kemiren/beranda/produk";

  AdminHarness h;
  AdminHarness.Client budi;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    budi = h.client();
    budi.signIn("budi", AdminHarness.BUDI_PASSWORD);
    csrf = budi.csrf("/admin/desa/kemiren/beranda");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<String> upload(String path, String fileName, byte[] photo) {
    String boundary = "----kampung" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> fields =
        Map.of(
            "csrf",
            csrf,
            "name",
            "Kopi Osing",
            "priceRupiah",
            "45.000",
            "whatsapp",
            "081234567890");
    fields.forEach(
        (k, v) ->
            body.writeBytes(
                ("--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\""
                        + k
                        + "\"\r\n\r\n"
                        + v
                        + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(photo);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    try {
      return budi.http.send(
          HttpRequest.newBuilder(URI.create(h.base() + path))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private LandingContent content() {
    return h.admin.landingContent().find("kemiren");
  }

  @Test
  void aJpegUploadIsStoredAndTheProductShowsItFromThePortal() {
    HttpResponse<String> r = upload(FORM, "kopi.jpg", JPEG);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    String photo = content().products().get(0).photoUrl();
    assertThat(ProductPhotos.isOwn(photo, "kemiren")).isTrue();
    HttpResponse<String> served = h.client().get(photo);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(h.client().get("/foto/kemiren/" + "0".repeat(32) + ".jpg").statusCode())
        .isEqualTo(404);
    assertThat(h.client().get("/foto/kemiren/..%2Fadmins.jsonl").statusCode()).isEqualTo(404);
  }

  @Test
  void aDotJpgThatIsReallyHtmlIsRefusedWithAMessageAndNothingIsSaved() {
    HttpResponse<String> r =
        upload(
            FORM,
            "kopi.jpg",
            "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("id=\"photo-error\">Berkas ini bukan foto JPEG, PNG atau WebP.");
    assertThat(content().products()).isEmpty();
    assertThat(h.dataDir.resolve("photos")).doesNotExist();
  }

  @Test
  void aPhotoOverTwoMegabytesIsAnsweredWithTheLimitAndNothingIsSaved() {
    byte[] big = new byte[ProductPhotos.MAX_BYTES + 100 * 1024];
    System.arraycopy(JPEG, 0, big, 0, JPEG.length);

    HttpResponse<String> r = upload(FORM, "besar.jpg", big);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("Foto terlalu besar: paling besar 2 MB.");
    assertThat(content().products()).isEmpty();
  }

  @Test
  void editingTheItemWithoutANewPhotoKeepsItAndANewUploadReplacesIt() {
    upload(FORM, "kopi.jpg", JPEG);
    String first = content().products().get(0).photoUrl();

    HttpResponse<String> edited =
        budi.post(
            FORM + "/0",
            Map.of(
                "csrf",
                csrf,
                "name",
                "Kopi Lanang",
                "photoUrl",
                "",
                "priceRupiah",
                "50.000",
                "whatsapp",
                "081234567890"));
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(303);
    assertThat(content().products().get(0).name()).isEqualTo("Kopi Lanang");
    assertThat(content().products().get(0).photoUrl()).isEqualTo(first);

    assertThat(upload(FORM + "/0", "baru.jpg", JPEG).statusCode()).isEqualTo(303);
    String second = content().products().get(0).photoUrl();
    assertThat(second).isNotEqualTo(first);
    assertThat(h.client().get(first).statusCode()).isEqualTo(404);
    assertThat(h.client().get(second).statusCode()).isEqualTo(200);
  }
}
