package coop.sol.web.payment;

import coop.sol.merchant.qr.AmountFormat;
import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.PngRenderer;
import coop.sol.merchant.qr.QrSymbol;
import coop.sol.merchant.qr.SvgRenderer;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A code's link drawn as a QR code with its caption, as the HTTP response of an image endpoint. */
final class QrImages {
  static final String PNG = MediaType.IMAGE_PNG_VALUE;
  static final String SVG = "image/svg+xml";

  /**
   * Pixels per module: about 8 mm wide for a payment request on a 96 dpi screen, sharp in print.
   */
  private static final int MODULE_PIXELS = 8;

  private QrImages() {}

  static ResponseEntity<byte[]> png(String link, Caption caption) {
    byte[] png = PngRenderer.png(QrSymbol.encode(link), caption, MODULE_PIXELS);
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .cacheControl(CacheControl.noCache().cachePrivate())
        .body(png);
  }

  static ResponseEntity<String> svg(String link, Caption caption) {
    String svg = SvgRenderer.render(QrSymbol.encode(link), caption, MODULE_PIXELS);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(SVG))
        .cacheControl(CacheControl.noCache().cachePrivate())
        .body(svg);
  }

  /** "12.50 SOL" at the strand's scale. */
  static AmountFormat format(int scale) {
    return new AmountFormat(scale, "SOL");
  }
}
