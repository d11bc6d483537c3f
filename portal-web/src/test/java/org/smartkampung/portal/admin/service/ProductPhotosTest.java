package org.smartkampung.portal.admin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductPhotosTest {

  static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J'};
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  static final byte[] WEBP = {'R', 'I', 'F', 'F', 1, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8'};

  ServiceFixture f;
  ProductPhotos photos;

  @BeforeEach
  void start() throws Exception {
    f = new ServiceFixture();
    photos = f.services.landing().photos();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void jpegPngAndWebpAreKnownByTheirFirstBytes() {
    assertThat(ProductPhotos.extension(JPEG)).hasValue("jpg");
    assertThat(ProductPhotos.extension(PNG)).hasValue("png");
    assertThat(ProductPhotos.extension(WEBP)).hasValue("webp");
  }

  @Test
  void htmlSvgGifAndTruncatedHeadersAreNotPhotosWhateverTheirName() {
    assertThat(
            ProductPhotos.extension(
                "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(
            ProductPhotos.extension(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(ProductPhotos.extension("GIF89a....".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(ProductPhotos.extension(new byte[] {(byte) 0xff, (byte) 0xd8})).isEmpty();
    assertThat(ProductPhotos.extension("RIFF0000WAVEfmt ".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(ProductPhotos.extension(new byte[0])).isEmpty();
  }

  @Test
  void aStoredPhotoIsAFileInTheDataDirectoryServedUnderAFreshPathOfItsVillage() throws Exception {
    Outcome<String> stored = photos.store("kemiren", JPEG);

    String path = ((Outcome.Done<String>) stored).value();
    assertThat(path).matches("/foto/kemiren/[0-9a-f]{32}\\.jpg");
    assertThat(ProductPhotos.isOwn(path, "kemiren")).isTrue();
    assertThat(ProductPhotos.isOwn(path, "tamansari")).isFalse();
    String id = path.substring(path.lastIndexOf('/') + 1);
    assertThat(photos.find("kemiren", id)).hasValueSatisfying(b -> assertThat(b).isEqualTo(JPEG));
    assertThat(Files.readAllBytes(f.dataDir.resolve(Path.of("photos", "kemiren", id))))
        .isEqualTo(JPEG);
    assertThat(((Outcome.Done<String>) photos.store("kemiren", JPEG)).value()).isNotEqualTo(path);
  }

  @Test
  void aPhotoOverTwoMegabytesOrNotAnImageIsRefusedAndNothingIsStored() throws Exception {
    byte[] big = new byte[ProductPhotos.MAX_BYTES + 1];
    System.arraycopy(JPEG, 0, big, 0, JPEG.length);
    byte[] justRight = new byte[ProductPhotos.MAX_BYTES];
    System.arraycopy(PNG, 0, justRight, 0, PNG.length);

    assertThat(photos.store("kemiren", big))
        .isEqualTo(Outcome.refused(AdminError.Invalid.of("photo", "landing.photoTooBig")));
    assertThat(photos.store("kemiren", "<html>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Outcome.refused(AdminError.Invalid.of("photo", "landing.photoType")));
    assertThat(f.dataDir.resolve("photos")).doesNotExist();
    assertThat(photos.store("kemiren", justRight)).isInstanceOf(Outcome.Done.class);
  }

  @Test
  void removingOrReplacingAProductsUploadedPhotoDeletesItsBytes() {
    String first = ((Outcome.Done<String>) photos.store("kemiren", JPEG)).value();
    String second = ((Outcome.Done<String>) photos.store("kemiren", PNG)).value();
    LandingContentService landing = f.services.landing();
    landing.add(
        new LandingContentService.AddProduct(
            "kemiren",
            new org.smartkampung.core.village.LandingContent.Product(
                "Kopi", first, 45_000, "6281234567890"),
            "budi"));

    landing.editProduct(
        new LandingContentService.EditProduct(
            "kemiren",
            0,
            new org.smartkampung.core.village.LandingContent.Product(
                "Kopi", second, 45_000, "6281234567890"),
            true,
            "budi"));
    assertThat(photos.find("kemiren", first.substring(first.lastIndexOf('/') + 1))).isEmpty();

    landing.remove(
        new LandingContentService.Remove("kemiren", LandingContentService.Kind.PRODUCT, 0, "budi"));
    assertThat(photos.find("kemiren", second.substring(second.lastIndexOf('/') + 1))).isEmpty();
  }
}
