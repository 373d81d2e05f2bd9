package coop.sol.merchant.qr;

import static coop.sol.merchant.fixtures.Fixtures.BASE_URL;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.NOW;
import static coop.sol.merchant.fixtures.Fixtures.TRUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.merchant.code.PaymentCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.Verification.Verified;
import coop.sol.merchant.fixtures.Fixtures;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real signed codes, rendered as the till renders them (6 pixels per module, caption below), then
 * put through what a camera does to them. Every photo must scan and verify to the very code that
 * was signed.
 */
public class DistortedPhotoTest {

  private static final int MODULE_PIXELS = 6;

  /** A named camera effect, applied to the clean rendering. */
  public record Distortion(String name, UnaryOperator<BufferedImage> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static List<Distortion> distortions() {
    return List.of(
        new Distortion("turned 17°", image -> Photo.rotate(image, 17, 200)),
        new Distortion("turned 90°", image -> Photo.rotate(image, 90, 200)),
        new Distortion("upside down", image -> Photo.rotate(image, 180, 200)),
        new Distortion("turned 233°", image -> Photo.rotate(image, 233, 60)),
        new Distortion("tilted away (keystone and foreshortening)", DistortedPhotoTest::tiltedAway),
        new Distortion("keystone, far edge 80% of near edge", DistortedPhotoTest::keystone),
        new Distortion("tilted sideways", DistortedPhotoTest::tiltedSideways),
        new Distortion("small, code 80 px wide", image -> Photo.scaleToWidth(image, 80)),
        new Distortion(
            "out of focus, σ = 0.4 module", image -> Photo.blur(image, 0.4 * MODULE_PIXELS)),
        new Distortion("camera shake, 5 px box blur", image -> Photo.boxBlur(image, 5)),
        new Distortion("grey on grey, 120 on 145", image -> Photo.contrast(image, 120, 145)),
        new Distortion("dark mode screen, light on dark", image -> Photo.contrast(image, 235, 20)),
        new Distortion("on a busy background", DistortedPhotoTest::onBusyBackground),
        new Distortion("everything at once", DistortedPhotoTest::everythingAtOnce));
  }

  static Stream<Arguments> photos() {
    List<Arguments> photos = new ArrayList<>();
    for (PaymentCode code : Fixtures.oneOfEachKind()) {
      for (Distortion distortion : distortions()) {
        photos.add(Arguments.of(code.getClass().getSimpleName(), distortion, code));
      }
    }
    return photos.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("photos")
  void distortedPhotoScansAndVerifies(String kind, Distortion distortion, PaymentCode code) {
    BufferedImage photo = distortion.apply().apply(rendering(code));

    assertThat(PaymentCodeScanner.scanAndVerify(photo, TRUSTED, NETWORK, NOW))
        .isEqualTo(new Verified(code, NETWORK_KEY.id()));
  }

  static BufferedImage rendering(PaymentCode code) {
    String link = PaymentCodes.sign(code, NETWORK_KEY).link(BASE_URL);
    Caption caption = Caption.amount(1_250, AmountFormat.SOL, "Boulangerie du Coin");
    return PngRenderer.render(QrSymbol.encode(link), caption, MODULE_PIXELS);
  }

  /** Phone below the code's bottom edge: the top recedes, shrinks and narrows. */
  private static BufferedImage tiltedAway(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    return Photo.perspective(
        image,
        w,
        (int) (h * 0.8),
        new double[] {
          w * 0.08, h * 0.03, w * 0.90, h * 0.05, w * 0.97, h * 0.75, w * 0.01, h * 0.72
        },
        220);
  }

  private static BufferedImage keystone(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    return Photo.perspective(
        image,
        w,
        h,
        new double[] {w * 0.1, h * 0.04, w * 0.9, h * 0.04, w * 0.99, h * 0.96, w * 0.01, h * 0.96},
        220);
  }

  private static BufferedImage tiltedSideways(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    return Photo.perspective(
        image,
        w,
        h,
        new double[] {
          w * 0.02, h * 0.02, w * 0.98, h * 0.12, w * 0.98, h * 0.88, w * 0.02, h * 0.98
        },
        220);
  }

  private static BufferedImage onBusyBackground(BufferedImage image) {
    Random random = new Random(11);
    BufferedImage scene =
        Photo.busyBackground(image.getWidth() * 5 / 2, image.getHeight() * 2, random);
    return Photo.place(scene, image, image.getWidth(), image.getHeight() / 3);
  }

  /** A dim, turned, slightly blurred, noisy photo of a code lying on a cluttered counter. */
  static BufferedImage everythingAtOnce(BufferedImage image) {
    Random random = new Random(12);
    BufferedImage scene = Photo.busyBackground(image.getWidth() * 2, image.getHeight() * 2, random);
    BufferedImage placed =
        Photo.place(
            scene, Photo.contrast(image, 70, 200), image.getWidth() / 3, image.getHeight() / 2);
    return Photo.noise(Photo.blur(Photo.rotate(placed, 17, 128), 1.5), 8, random);
  }
}
