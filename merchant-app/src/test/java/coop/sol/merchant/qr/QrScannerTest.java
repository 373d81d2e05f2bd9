package coop.sol.merchant.qr;

import static coop.sol.merchant.fixtures.Fixtures.BASE_URL;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.NOW;
import static coop.sol.merchant.fixtures.Fixtures.OTHER_NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.TRUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import coop.sol.merchant.code.PaymentCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.RejectionReason;
import coop.sol.merchant.code.Verification;
import coop.sol.merchant.code.Verification.Rejected;
import coop.sol.merchant.code.Verification.Verified;
import coop.sol.merchant.fixtures.Fixtures;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QrScannerTest {

  @Test
  void severalCodesInOnePhotoAreAllFoundAndVerified() {
    List<PaymentCode> codes = Fixtures.oneOfEachKind();
    BufferedImage photo = Photo.busyBackground(1500, 700, new Random(21));
    int x = 30;
    for (PaymentCode code : codes) {
      BufferedImage rendering = PngRenderer.render(symbolOf(code), Caption.none(), 5);
      photo = Photo.place(photo, rendering, x, 80 + x / 10);
      x += rendering.getWidth() + 40;
    }

    List<Verification> verifications =
        PaymentCodeScanner.scanAndVerifyAll(photo, TRUSTED, NETWORK, NOW);

    assertThat(verifications)
        .containsExactlyInAnyOrderElementsOf(
            codes.stream()
                .map(code -> (Verification) new Verified(code, NETWORK_KEY.id()))
                .toList());
  }

  @Test
  void paymentCodeBesideTheShopsWifiCodeIsTheOneReported() {
    PaymentCode request = Fixtures.aPaymentRequest();
    BufferedImage photo = Photo.plain(1000, 500, 235);
    photo =
        Photo.place(
            photo,
            PngRenderer.render(
                QrSymbol.encode("WIFI:S:Boulangerie;T:WPA;P:baguette;;"), Caption.none(), 6),
            20,
            60);
    photo = Photo.place(photo, PngRenderer.render(symbolOf(request), Caption.none(), 6), 440, 40);

    assertThat(PaymentCodeScanner.scanAndVerifyAll(photo, TRUSTED, NETWORK, NOW))
        .containsExactlyInAnyOrder(
            new Rejected(RejectionReason.NOT_OURS), new Verified(request, NETWORK_KEY.id()));
    assertThat(PaymentCodeScanner.scanAndVerify(photo, TRUSTED, NETWORK, NOW))
        .isEqualTo(new Verified(request, NETWORK_KEY.id()));
  }

  @Test
  void genuineCodeThatMustNotBeUsedSaysWhy() {
    PaymentCode request = Fixtures.aPaymentRequest();
    BufferedImage photo = DistortedPhotoTest.rendering(request);
    Instant afterExpiry = Fixtures.aPaymentRequest().expiresAt().plusSeconds(1);
    BufferedImage foreign =
        PngRenderer.render(
            QrSymbol.encode(PaymentCodes.sign(request, OTHER_NETWORK_KEY).link(BASE_URL)),
            Caption.none(),
            4);

    assertThat(PaymentCodeScanner.scanAndVerify(photo, TRUSTED, NETWORK, afterExpiry))
        .isEqualTo(new Rejected(RejectionReason.EXPIRED));
    assertThat(PaymentCodeScanner.scanAndVerify(foreign, TRUSTED, NETWORK, NOW))
        .isEqualTo(new Rejected(RejectionReason.UNKNOWN_KEY));
  }

  @Test
  void fullResolutionCameraPhotoWithASmallCodeInIt() {
    PaymentCode token = Fixtures.aPayToken();
    BufferedImage code =
        Photo.rotate(PngRenderer.render(symbolOf(token), Caption.none(), 5), 8, 200);
    BufferedImage photo =
        Photo.place(
            Photo.busyBackground(3000, 2200, new Random(22)), Photo.blur(code, 1), 1300, 800);

    assertThat(PaymentCodeScanner.scanAndVerify(photo, TRUSTED, NETWORK, NOW))
        .isEqualTo(new Verified(token, NETWORK_KEY.id()));
  }

  @Test
  void imagesWithoutACodeAreNotAQrCodeNeverAnException() {
    Random random = new Random(23);
    BufferedImage noise = Photo.noise(Photo.plain(640, 480, 128), 80, random);
    List<BufferedImage> images =
        List.of(
            Photo.busyBackground(800, 600, random),
            noise,
            Photo.plain(400, 300, 255),
            Photo.plain(400, 300, 0),
            Photo.plain(1, 1, 255),
            Photo.plain(3, 2000, 40),
            Photo.blur(noise, 3));

    for (BufferedImage image : images) {
      assertThat(PaymentCodeScanner.scanAndVerify(image, TRUSTED, NETWORK, NOW))
          .isEqualTo(new Rejected(RejectionReason.NOT_A_QR_CODE));
    }
  }

  /**
   * Each fallback earns its place: ZXing's plain single attempt fails on these photos, the scanner
   * reads them.
   */
  @Test
  void fallbacksReadWhatOnePlainZxingAttemptCannot() {
    PaymentCode token = Fixtures.aPayToken();
    String link = PaymentCodes.sign(token, NETWORK_KEY).link(BASE_URL);
    BufferedImage rendering = DistortedPhotoTest.rendering(token);
    int w = rendering.getWidth();
    int h = rendering.getHeight();
    List<BufferedImage> hard =
        List.of(
            // Needs the global histogram binarizer.
            Photo.contrast(rendering, 120, 145),
            // Needs enlarging.
            Photo.scaleToWidth(rendering, 80),
            // Needs the inverted luminance.
            Photo.contrast(rendering, 235, 20),
            // Needs the fourth-corner search.
            Photo.perspective(
                rendering,
                w,
                h,
                new double[] {
                  w * 0.1, h * 0.04, w * 0.9, h * 0.04, w * 0.99, h * 0.96, w * 0.01, h * 0.96
                },
                220));

    for (BufferedImage photo : hard) {
      assertThat(plainZxing(photo)).isEmpty();
      assertThat(QrScanner.scan(photo)).containsExactly(link);
    }
  }

  private static Optional<String> plainZxing(BufferedImage image) {
    BinaryBitmap bitmap =
        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    try {
      return Optional.of(
          new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText());
    } catch (ReaderException e) {
      return Optional.empty();
    }
  }

  private static QrSymbol symbolOf(PaymentCode code) {
    return QrSymbol.encode(PaymentCodes.sign(code, NETWORK_KEY).link(BASE_URL));
  }
}
