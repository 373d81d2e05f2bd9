package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;

import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.merchant.code.Nonce;
import coop.sol.merchant.code.PayTokenCode;
import coop.sol.merchant.code.PaymentCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.PaymentRequestCode;
import coop.sol.merchant.code.SignedCode;
import coop.sol.merchant.code.StaticMerchantCode;
import coop.sol.merchant.code.Verification;
import coop.sol.merchant.code.Verification.Rejected;
import coop.sol.merchant.code.Verification.Verified;
import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.PaymentCodeScanner;
import coop.sol.merchant.qr.PngRenderer;
import coop.sol.merchant.qr.QrSymbol;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * The QR decoder a till or a phone runs on whatever its camera sees: random images, damaged photos
 * of genuine codes, codes carrying altered payloads, and altered link texts. Properties
 * (QuickTheories, fixed seeds, time-boxed): nothing escapes as an exception; a result is either a
 * rejection with its reason or the genuine code itself — an alteration never verifies as anything
 * else, and a random image never verifies at all.
 */
class QrCodeFuzzTest {
  private static final long SEED = Long.getLong("sol.fuzz.seed", 0x51_52_46_55_5AL);
  private static final long NETWORK = 7;
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final SigningKey KEY = key("fuzz-network-7");
  private static final SigningKey STRANGER = key("fuzz-network-8");
  private static final TrustedKeys TRUSTED = TrustedKeys.of(KEY.networkKey());
  private static final AtomicInteger TEXTS = new AtomicInteger();
  private static final AtomicInteger IMAGES = new AtomicInteger();

  private static SigningKey key(String seed) {
    try {
      return SigningKey.of(
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "QR decoder fuzzing: %d payload texts, %d images, no exception%n",
        TEXTS.get(), IMAGES.get());
  }

  private record Dice(RandomnessSource in) {
    int below(int n) {
      return (int) in.next(Constraint.between(0, n - 1));
    }

    long between(long min, long max) {
      return in.next(Constraint.between(min, max));
    }
  }

  private static PaymentCode aCode(Dice dice) {
    long account = dice.between(1, Long.MAX_VALUE);
    byte[] nonce = new byte[Nonce.LENGTH];
    for (int i = 0; i < nonce.length; i++) {
      nonce[i] = (byte) dice.below(256);
    }
    Instant expiry = NOW.plusSeconds(dice.between(1, 1_000_000));
    return switch (dice.below(3)) {
      case 0 ->
          new PaymentRequestCode(
              NETWORK,
              account,
              dice.between(1, Long.MAX_VALUE),
              List.of("", "Table 4", "Ticket 0042", "é€🥖").get(dice.below(4)),
              expiry,
              new Nonce(nonce));
      case 1 -> new StaticMerchantCode(NETWORK, account);
      default ->
          new PayTokenCode(
              NETWORK, account, dice.between(1, Long.MAX_VALUE), expiry, new Nonce(nonce));
    };
  }

  /** What the till may conclude from an altered {@code original}. */
  private static void assertRejectedOrGenuine(Verification result, SignedCode original) {
    if (result instanceof Rejected rejected) {
      assertThat(rejected.reason()).as("a rejection says why").isNotNull();
    } else {
      assertThat(((Verified) result).code()).isEqualTo(original.code());
    }
  }

  private record AlteredText(SignedCode original, String text) {}

  private static Gen<AlteredText> alteredTexts() {
    return in -> {
      Dice dice = new Dice(in);
      SignedCode signed = PaymentCodes.sign(aCode(dice), dice.below(5) == 0 ? STRANGER : KEY);
      String text = dice.below(2) == 0 ? signed.text() : signed.link("https://pay.sol.example");
      int edits = 1 + dice.below(3);
      StringBuilder altered = new StringBuilder(text);
      for (int i = 0; i < edits; i++) {
        int at = altered.isEmpty() ? 0 : dice.below(altered.length());
        switch (dice.below(8)) {
          case 0 -> {
            if (!altered.isEmpty()) {
              altered.setCharAt(at, (char) ('-' + dice.below(78)));
            }
          }
          case 1 -> altered.insert(at, (char) dice.below(0x10000));
          case 2 -> altered.delete(at, Math.min(altered.length(), at + 1 + dice.below(10)));
          case 3 -> altered.insert(at, altered.substring(at, Math.min(altered.length(), at + 8)));
          case 4 ->
              altered.insert(
                  0, List.of(" ", "\t", "http://", "sol:", "/p/", "\u202E").get(dice.below(6)));
          case 5 ->
              altered.append(
                  List.of("?x=1", "#a", "=", "==", "/", "A".repeat(1_100)).get(dice.below(6)));
          case 6 -> altered.setLength(Math.max(0, altered.length() - 1 - dice.below(20)));
          default -> {
            if (!altered.isEmpty()) {
              char c = altered.charAt(at);
              altered.setCharAt(
                  at,
                  Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            }
          }
        }
      }
      return new AlteredText(signed, altered.toString());
    };
  }

  @Test
  void altered_link_texts_are_refused_with_a_reason_or_are_the_genuine_code() {
    qt().withFixedSeed(SEED)
        .withUnlimitedExamples()
        .withTestingTime(3, TimeUnit.SECONDS)
        .forAll(alteredTexts())
        .checkAssert(
            altered -> {
              TEXTS.incrementAndGet();
              Verification result = PaymentCodes.verify(altered.text(), TRUSTED, NETWORK, NOW);
              assertRejectedOrGenuine(result, altered.original());
              if (result instanceof Verified) {
                assertThat(altered.original().keyId()).isEqualTo(KEY.id());
              }
            });
  }

  private record AlteredBytes(SignedCode original, byte[] payload) {}

  private static Gen<AlteredBytes> alteredPayloads() {
    return in -> {
      Dice dice = new Dice(in);
      SignedCode signed = PaymentCodes.sign(aCode(dice), KEY);
      byte[] bytes = signed.bytes().clone();
      int edits = 1 + dice.below(3);
      for (int i = 0; i < edits; i++) {
        int at = dice.below(bytes.length);
        switch (dice.below(4)) {
          case 0 -> bytes[at] ^= (byte) (1 << dice.below(8));
          case 1 -> bytes[at] = (byte) dice.below(256);
          case 2 -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at));
          default -> {
            byte[] longer = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, longer, 0, at);
            longer[at] = (byte) dice.below(256);
            System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
            bytes = longer;
          }
        }
      }
      return new AlteredBytes(signed, bytes);
    };
  }

  @Test
  void altered_payload_bytes_never_verify_as_another_code() {
    qt().withFixedSeed(SEED + 1)
        .withUnlimitedExamples()
        .withTestingTime(2, TimeUnit.SECONDS)
        .forAll(alteredPayloads())
        .checkAssert(
            altered -> {
              TEXTS.incrementAndGet();
              String text =
                  Base64.getUrlEncoder().withoutPadding().encodeToString(altered.payload());
              assertRejectedOrGenuine(
                  PaymentCodes.verify(text, TRUSTED, NETWORK, NOW), altered.original());
            });
  }

  /** Random pictures of every pixel format: noise, stripes, blocks, finder-like squares. */
  private static Gen<BufferedImage> randomImages() {
    int[] types = {
      BufferedImage.TYPE_BYTE_GRAY,
      BufferedImage.TYPE_INT_RGB,
      BufferedImage.TYPE_INT_ARGB,
      BufferedImage.TYPE_BYTE_BINARY,
      BufferedImage.TYPE_USHORT_GRAY,
      BufferedImage.TYPE_4BYTE_ABGR
    };
    return in -> {
      Dice dice = new Dice(in);
      int width;
      int height;
      switch (dice.below(6)) {
        case 0 -> {
          width = 1 + dice.below(3);
          height = 1 + dice.below(1_500);
        }
        case 1 -> {
          width = 1 + dice.below(1_500);
          height = 1 + dice.below(3);
        }
        default -> {
          width = 1 + dice.below(260);
          height = 1 + dice.below(260);
        }
      }
      var image = new BufferedImage(width, height, types[dice.below(types.length)]);
      Graphics2D g = image.createGraphics();
      try {
        int pattern = dice.below(5);
        if (pattern == 0) {
          for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
              image.setRGB(x, y, (int) dice.between(0, 0xFFFFFF) | 0xFF000000);
            }
          }
        } else {
          g.setColor(Color.WHITE);
          g.fillRect(0, 0, width, height);
          int shapes = 1 + dice.below(40);
          for (int i = 0; i < shapes; i++) {
            g.setColor(
                dice.below(2) == 0 ? Color.BLACK : new Color((int) dice.between(0, 0xFFFFFF)));
            int x = dice.below(width);
            int y = dice.below(height);
            int size = 1 + dice.below(Math.max(1, Math.min(width, height) / 2));
            if (pattern == 1) {
              // finder-pattern-like: nested squares, as QR corners are
              g.fillRect(x, y, 7 * size / 7 + 1, 7 * size / 7 + 1);
              g.setColor(Color.WHITE);
              g.fillRect(x + size / 7, y + size / 7, 5 * size / 7, 5 * size / 7);
              g.setColor(Color.BLACK);
              g.fillRect(x + 2 * size / 7, y + 2 * size / 7, 3 * size / 7, 3 * size / 7);
            } else if (pattern == 2) {
              g.fillRect(x, 0, 1 + dice.below(8), height);
            } else {
              g.fillRect(x, y, size, 1 + dice.below(size));
            }
          }
        }
      } finally {
        g.dispose();
      }
      return image;
    };
  }

  @Test
  void random_images_are_refused_with_a_reason_and_never_throw() {
    qt().withFixedSeed(SEED + 2)
        .withUnlimitedExamples()
        .withTestingTime(4, TimeUnit.SECONDS)
        .withShrinkCycles(20)
        .forAll(randomImages())
        .checkAssert(
            image -> {
              IMAGES.incrementAndGet();
              Verification[] result = new Verification[1];
              assertThatCode(
                      () ->
                          result[0] =
                              PaymentCodeScanner.scanAndVerify(image, TRUSTED, NETWORK, NOW))
                  .doesNotThrowAnyException();
              assertThat(result[0]).isInstanceOf(Rejected.class);
              assertThat(((Rejected) result[0]).reason()).isNotNull();
            });
  }

  private record Photo(SignedCode original, BufferedImage image) {}

  /**
   * A genuine code, or one carrying an altered payload, rendered then damaged: blotches, noise,
   * cropping, inversion, scaling down.
   */
  private static Gen<Photo> damagedPhotos() {
    Gen<AlteredText> altered = alteredTexts();
    return in -> {
      Dice dice = new Dice(in);
      SignedCode signed = PaymentCodes.sign(aCode(dice), KEY);
      String text = signed.link("https://pay.sol.example");
      if (dice.below(2) == 0) {
        AlteredText alteration = altered.generate(in);
        if (!alteration.text().isEmpty() && alteration.text().length() <= 1_000) {
          signed = alteration.original();
          text = alteration.text();
        }
      }
      BufferedImage clean =
          PngRenderer.render(QrSymbol.encode(text), Caption.none(), 1 + dice.below(4));
      int width = clean.getWidth();
      int height = clean.getHeight();
      var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      try {
        g.drawImage(clean, 0, 0, null);
        int damage = dice.below(5);
        for (int i = 0; i < damage; i++) {
          g.setColor(dice.below(2) == 0 ? Color.BLACK : Color.WHITE);
          g.fillRect(
              dice.below(width),
              dice.below(height),
              1 + dice.below(width / 3),
              1 + dice.below(height / 3));
        }
        int noise = dice.below(3) * width * height / 20;
        for (int i = 0; i < noise; i++) {
          image.setRGB(dice.below(width), dice.below(height), (int) dice.between(0, 0xFFFFFF));
        }
      } finally {
        g.dispose();
      }
      BufferedImage result = image;
      switch (dice.below(4)) {
        case 0 -> {
          int x = dice.below(width / 2);
          int y = dice.below(height / 2);
          result = image.getSubimage(x, y, width - x - dice.below(width / 2 - x + 1), height - y);
        }
        case 1 -> {
          for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
              image.setRGB(x, y, ~image.getRGB(x, y) | 0xFF000000);
            }
          }
        }
        case 2 -> {
          int w = Math.max(1, width / (2 + dice.below(4)));
          int h = Math.max(1, height / (2 + dice.below(4)));
          result = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
          Graphics2D small = result.createGraphics();
          small.drawImage(image, 0, 0, w, h, null);
          small.dispose();
        }
        default -> {}
      }
      return new Photo(signed, result);
    };
  }

  @Test
  void damaged_photos_of_genuine_or_altered_codes_are_the_code_or_a_reasoned_rejection() {
    qt().withFixedSeed(SEED + 3)
        .withUnlimitedExamples()
        .withTestingTime(4, TimeUnit.SECONDS)
        .withShrinkCycles(20)
        .forAll(damagedPhotos())
        .checkAssert(
            photo -> {
              IMAGES.incrementAndGet();
              Verification[] result = new Verification[1];
              assertThatCode(
                      () ->
                          result[0] =
                              PaymentCodeScanner.scanAndVerify(
                                  photo.image(), TRUSTED, NETWORK, NOW))
                  .doesNotThrowAnyException();
              assertRejectedOrGenuine(result[0], photo.original());
            });
  }
}
