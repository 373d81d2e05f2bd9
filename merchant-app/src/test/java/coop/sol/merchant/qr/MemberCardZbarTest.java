package coop.sol.merchant.qr;

import static coop.sol.merchant.fixtures.Fixtures.NETWORK;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.NOW;
import static coop.sol.merchant.fixtures.Fixtures.TRUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.SignedCode;
import coop.sol.merchant.code.Verification.Verified;
import coop.sol.merchant.fixtures.Fixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The member card's code, rendered as the card prints it (the bare signed payload, no caption), put
 * through the camera effects of the payment codes' distorted-photo set, and read by an independent
 * decoder: zbarimg (ZBar, Debian's zbar-tools). What it reads must verify to the very card signed.
 * Skipped on a machine without zbarimg, except on CI ({@code CI=true}, .ci/run installs it).
 */
class MemberCardZbarTest {
  private static final Path ZBARIMG = Path.of("/usr/bin/zbarimg");
  private static final int MODULE_PIXELS = 6;

  @TempDir static Path dir;

  @BeforeAll
  static void zbarimgIsThere() {
    boolean present = Files.isExecutable(ZBARIMG);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but " + ZBARIMG + " is missing: see .ci/run");
    }
    Assumptions.assumeTrue(present, "zbarimg (zbar-tools) is not installed");
  }

  /**
   * The set's effects that ZBar reads too (11 of 14). Measured: it does not read light on dark (a
   * card is printed dark on light), the 5 px camera shake, nor everything at once (turned, dimmed,
   * blurred and noisy together), which our scanner reads.
   */
  static Stream<DistortedPhotoTest.Distortion> photos() {
    List<String> notForZbar =
        List.of(
            "dark mode screen, light on dark", "camera shake, 5 px box blur", "everything at once");
    return DistortedPhotoTest.distortions().stream().filter(d -> !notForZbar.contains(d.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("photos")
  void zbarimg_reads_the_printed_card_and_the_text_verifies(
      DistortedPhotoTest.Distortion distortion) throws Exception {
    SignedCode card = PaymentCodes.sign(Fixtures.aMemberCard(), NETWORK_KEY);
    BufferedImage printed =
        PngRenderer.render(QrSymbol.encode(card.text()), Caption.none(), MODULE_PIXELS);
    BufferedImage photo = distortion.apply().apply(printed);

    String read = zbarimg(photo);

    assertThat(read).isEqualTo(card.text());
    assertThat(PaymentCodes.verify(read, TRUSTED, NETWORK, NOW))
        .isEqualTo(new Verified(Fixtures.aMemberCard(), NETWORK_KEY.id()));
  }

  private static String zbarimg(BufferedImage image) throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "card-", ".png");
    ImageIO.write(image, "png", file.toFile());
    Process zbar =
        new ProcessBuilder(
                ZBARIMG.toString(), "--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.toString())
            .redirectErrorStream(false)
            .start();
    String out = new String(zbar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(zbar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }
}
