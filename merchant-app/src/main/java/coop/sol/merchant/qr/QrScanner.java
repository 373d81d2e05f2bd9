package coop.sol.merchant.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads every QR code in a photo, the way a till's camera or a phone sees it: turned, tilted,
 * small, blurred, dim, on a busy background, several at once.
 *
 * <p>Attempts run in a fixed order, cheapest and most often right first, and the scan stops at the
 * first attempt that finds anything:
 *
 * <ol>
 *   <li>Resamplings of the image: a camera-sized image reduced to {@value #REDUCED_PIXELS} pixels
 *       first (faster, and sensor noise averages out); the image as it is; a small image enlarged 2
 *       and 3 times (a code one or two pixels per module wide thresholds better once smoothly
 *       enlarged); a mid-sized image halved.
 *   <li>For each, {@link HybridBinarizer} (local thresholds: shadows, gradients, busy backgrounds),
 *       then {@link GlobalHistogramBinarizer} (one threshold: grey on grey).
 *   <li>For each, the luminance as is, then inverted (light-on-dark codes, screens in dark mode).
 *   <li>For each, ZXing's multi-code reader, then its generic multi reader around the single-code
 *       reader, both with TRY_HARDER and only QR_CODE.
 *   <li>Only when all that found nothing: {@link FourthCornerSearch} on each resampling and
 *       binarizer, for codes photographed at an angle.
 * </ol>
 *
 * <p>An image with no code runs every attempt: about 0.3 s for 800x600 and 1.1 s for 3000x2200 on
 * the build machine, so a till should pass camera frames of about 1280x720 or smaller.
 */
public final class QrScanner {

  /** Images smaller than this on their longer side are also tried enlarged. */
  private static final int SMALL_IMAGE_PIXELS = 1000;

  /** Images larger than this on their longer side are tried reduced first. */
  private static final int LARGE_IMAGE_PIXELS = 1600;

  /** The longer side of a reduced large image. */
  private static final int REDUCED_PIXELS = 1200;

  private static final Map<DecodeHintType, Object> HINTS = hints();

  private static final List<Function<LuminanceSource, Binarizer>> BINARIZERS =
      List.of(HybridBinarizer::new, GlobalHistogramBinarizer::new);

  private QrScanner() {}

  /**
   * The texts of all QR codes found, each once, in the order found; empty if there is none. Never
   * throws for any image content.
   */
  public static List<String> scan(BufferedImage image) {
    List<BufferedImage> resamplings = resamplings(image);
    for (BufferedImage candidate : resamplings) {
      LuminanceSource luminance = new BufferedImageLuminanceSource(candidate);
      for (Function<LuminanceSource, Binarizer> binarizer : BINARIZERS) {
        for (LuminanceSource source : List.of(luminance, luminance.invert())) {
          List<String> found = read(new BinaryBitmap(binarizer.apply(source)));
          if (!found.isEmpty()) {
            return found;
          }
        }
      }
    }
    for (BufferedImage candidate : resamplings) {
      LuminanceSource luminance = new BufferedImageLuminanceSource(candidate);
      for (Function<LuminanceSource, Binarizer> binarizer : BINARIZERS) {
        Optional<String> found = searchFourthCorner(new BinaryBitmap(binarizer.apply(luminance)));
        if (found.isPresent()) {
          return List.of(found.get());
        }
      }
    }
    return List.of();
  }

  private static Optional<String> searchFourthCorner(BinaryBitmap bitmap) {
    try {
      return FourthCornerSearch.decode(bitmap.getBlackMatrix(), HINTS);
    } catch (ReaderException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<String> read(BinaryBitmap bitmap) {
    Set<String> texts = new LinkedHashSet<>();
    try {
      for (Result result : new QRCodeMultiReader().decodeMultiple(bitmap, HINTS)) {
        texts.add(result.getText());
      }
    } catch (ReaderException | RuntimeException e) {
      // Nothing found by this reader; RuntimeException because ZXing's detectors can throw
      // index errors on degenerate images, which mean "unreadable", not a bug of ours.
    }
    if (texts.isEmpty()) {
      try {
        // The generic multi reader re-runs the single-code reader on the parts of the image
        // around each code it finds, so it still returns several codes.
        for (Result result :
            new GenericMultipleBarcodeReader(new QRCodeReader()).decodeMultiple(bitmap, HINTS)) {
          texts.add(result.getText());
        }
      } catch (ReaderException | RuntimeException e) {
        // Nothing found by this reader either.
      }
    }
    return new ArrayList<>(texts);
  }

  private static List<BufferedImage> resamplings(BufferedImage image) {
    int longer = Math.max(image.getWidth(), image.getHeight());
    List<BufferedImage> candidates = new ArrayList<>();
    if (longer > LARGE_IMAGE_PIXELS) {
      // A camera's full resolution: the reduced image is faster and usually enough.
      candidates.add(resized(image, (double) REDUCED_PIXELS / longer));
    }
    candidates.add(image);
    if (longer < SMALL_IMAGE_PIXELS) {
      candidates.add(resized(image, 2.0));
    }
    if (longer < SMALL_IMAGE_PIXELS / 2) {
      candidates.add(resized(image, 3.0));
    }
    if (longer > SMALL_IMAGE_PIXELS && longer <= LARGE_IMAGE_PIXELS) {
      candidates.add(resized(image, 0.5));
    }
    return candidates;
  }

  /** Bicubic resampling: smooth edges threshold more cleanly than blocky ones. */
  private static BufferedImage resized(BufferedImage image, double factor) {
    int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
    int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
    BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = resized.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return resized;
  }

  private static Map<DecodeHintType, Object> hints() {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    hints.put(DecodeHintType.CHARACTER_SET, "UTF-8");
    return Map.copyOf(hints);
  }
}
