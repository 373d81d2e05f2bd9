package coop.sol.web.card;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.merchant.code.MemberCardCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.Verification;
import coop.sol.merchant.qr.DistortedPhotoTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member card as the holder gets it: the PDF (CardPdf) printed, rendered to an image by Apache
 * PDFBox at 150 dpi (a module of the QR code is then about 6 pixels, what the distorted-photo set
 * was made for), put through each camera effect of merchant-app's distorted-photo set, and read by
 * an independent decoder, zbarimg (ZBar). What it reads must verify to the card signed. The whole
 * card is in the photo, not the QR code alone. Skipped without zbarimg, except on CI.
 */
class PrintedCardPhotoTest {
  private static final Path ZBARIMG = Path.of("/usr/bin/zbarimg");
  private static final float DPI = 150;

  private static final List<String> ALWAYS_READ =
      List.of(
          "turned 17°",
          "turned 90°",
          "upside down",
          "turned 233°",
          "tilted away (keystone and foreshortening)",
          "keystone, far edge 80% of near edge",
          "tilted sideways",
          "grey on grey, 120 on 145",
          "on a busy background");

  @TempDir Path dir;

  @Test
  void zbarimg_reads_the_printed_card_after_most_camera_effects() throws Exception {
    boolean present = Files.isExecutable(ZBARIMG);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but " + ZBARIMG + " is missing: see .ci/run");
    }
    Assumptions.assumeTrue(present, "zbarimg (zbar-tools) is not installed");
    // a fixed key, so that the code and the QR pattern ZBar reads are the same on every run: with a
    // random key, whether the blurred photos read varied from one run to the next
    byte[] privateKey = new byte[SigningKey.LENGTH];
    Arrays.fill(privateKey, (byte) 42);
    SigningKey key = SigningKey.of(privateKey);
    MemberCardCode card = new MemberCardCode(7, 4211, 2, 104_729);
    String code = PaymentCodes.sign(card, key).text();
    TrustedKeys trusted = TrustedKeys.of(List.of(key.networkKey()));

    for (boolean largePrint : new boolean[] {false, true}) {
      byte[] pdf = CardPdf.render("SOL Démo", "Jeanne Martin", "492103785562", code, largePrint);
      BufferedImage printed;
      try (PDDocument document = Loader.loadPDF(pdf)) {
        // the QR code is on the front, or on the back of the large-print card
        printed =
            new PDFRenderer(document).renderImageWithDPI(largePrint ? 1 : 0, DPI, ImageType.GRAY);
      }
      assertThat(zbarimg(printed)).as("the card as printed").isEqualTo(code);
      List<String> read = new ArrayList<>();
      List<String> unread = new ArrayList<>();
      for (DistortedPhotoTest.Distortion distortion : DistortedPhotoTest.distortions()) {
        String text = zbarimg(distortion.apply().apply(printed));
        if (text.isEmpty()) {
          unread.add(distortion.name());
          continue;
        }
        // what ZBar reads is the very card signed, or nothing: never another text
        assertThat(text).as(distortion.name()).isEqualTo(code);
        assertThat(PaymentCodes.verify(text, trusted, 7, Instant.EPOCH))
            .isInstanceOf(Verification.Verified.class);
        read.add(distortion.name());
      }
      System.out.printf(
          "Printed card%s, %d dpi: zbarimg read %d of %d photos; not: %s%n",
          largePrint ? " (large print, back)" : "",
          (int) DPI,
          read.size(),
          read.size() + unread.size(),
          unread);
      // Every turn, tilt and keystone, grey on grey and the busy background read with every key
      // tried; the blurs, the 80 px card, light on dark and everything at once read with some keys
      // and not others, so they are reported above but not required.
      assertThat(read).as("not read: %s", unread).containsAll(ALWAYS_READ);
    }
  }

  private String zbarimg(BufferedImage image) throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "card-", ".png");
    ImageIO.write(image, "png", file.toFile());
    Process zbar =
        new ProcessBuilder(
                ZBARIMG.toString(), "--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.toString())
            .start();
    String out = new String(zbar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(zbar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }
}
