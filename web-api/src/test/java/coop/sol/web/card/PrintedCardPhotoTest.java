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
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
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

  @TempDir Path dir;

  @Test
  void zbarimg_reads_the_printed_card_after_most_camera_effects() throws Exception {
    boolean present = Files.isExecutable(ZBARIMG);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but " + ZBARIMG + " is missing: see .ci/run");
    }
    Assumptions.assumeTrue(present, "zbarimg (zbar-tools) is not installed");
    SigningKey key = SigningKey.generate(new SecureRandom());
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
      // measured: 10 of 14 on both sides (not: the whole card scaled to 80 px, the 5 px shake,
      // light on
      // dark, everything at once)
      assertThat(read).as("not read: %s", unread).hasSizeGreaterThanOrEqualTo(10);
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
