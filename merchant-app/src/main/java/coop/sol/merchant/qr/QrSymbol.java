package coop.sol.merchant.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A QR code symbol holding one text, at error correction level M (about 15% of the symbol may be
 * damaged), with the standard quiet zone of {@value #QUIET_ZONE} light modules around it that every
 * renderer draws.
 *
 * <p>Level M is the usual trade-off for screens and paper: L would save a version but tolerate less
 * glare and creasing; Q and H would push a payment request past version 10.
 */
public final class QrSymbol {

  /** Light modules on each side, as ISO/IEC 18004 requires for reliable reading. */
  public static final int QUIET_ZONE = 4;

  public static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.M;

  private final String text;
  private final int version;
  private final BitMatrix modules;

  private QrSymbol(String text, int version, BitMatrix modules) {
    this.text = text;
    this.version = version;
    this.modules = modules;
  }

  /**
   * The smallest symbol holding {@code text}. ASCII text (links, payloads) is encoded in byte mode
   * without an ECI header; other text is marked as UTF-8.
   *
   * @throws IllegalArgumentException if the text does not fit a version 40 symbol
   */
  public static QrSymbol encode(String text) {
    Map<EncodeHintType, Object> hints =
        StandardCharsets.US_ASCII.newEncoder().canEncode(text)
            ? Map.of()
            : Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    QRCode code;
    try {
      code = Encoder.encode(text, ERROR_CORRECTION, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException("text does not fit a QR code: " + e.getMessage(), e);
    }
    ByteMatrix matrix = code.getMatrix();
    BitMatrix modules = new BitMatrix(matrix.getWidth(), matrix.getHeight());
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        if (matrix.get(x, y) == 1) {
          modules.set(x, y);
        }
      }
    }
    return new QrSymbol(text, code.getVersion().getVersionNumber(), modules);
  }

  public String text() {
    return text;
  }

  /** QR version 1..40: the symbol is {@code 17 + 4 * version} modules wide. */
  public int version() {
    return version;
  }

  /** Modules per side, without the quiet zone. */
  public int size() {
    return modules.getWidth();
  }

  /** Modules per side, with the quiet zone on both sides. */
  public int sizeWithQuietZone() {
    return size() + 2 * QUIET_ZONE;
  }

  /**
   * Whether the module at column {@code x}, row {@code y} (0-based, without quiet zone) is dark.
   */
  public boolean isDark(int x, int y) {
    return modules.get(x, y);
  }

  /** A copy of the modules, one bit per module, set where dark, without quiet zone. */
  public BitMatrix modules() {
    return modules.clone();
  }
}
