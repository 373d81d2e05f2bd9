package coop.sol.merchant.qr;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a {@link QrSymbol} as a greyscale raster image: black modules on white, the quiet zone
 * around, and the caption centred below the quiet zone (never inside it, so text cannot disturb
 * reading). Lines too wide for the code are drawn smaller, then cut with an ellipsis.
 */
public final class PngRenderer {

  /** The caption's font, in module widths: the amount line, then the other lines. */
  private static final double EMPHASISED_FONT_MODULES = 3.6;

  private static final double FONT_MODULES = 2.6;
  private static final int SMALLEST_FONT_PIXELS = 9;

  private PngRenderer() {}

  /**
   * @param modulePixels width of one module in pixels, 1..64; 8 or more for print and screens
   */
  public static BufferedImage render(QrSymbol symbol, Caption caption, int modulePixels) {
    if (modulePixels < 1 || modulePixels > 64) {
      throw new IllegalArgumentException("modulePixels must be 1..64, was " + modulePixels);
    }
    int side = symbol.sizeWithQuietZone() * modulePixels;
    int quietZone = QrSymbol.QUIET_ZONE * modulePixels;
    List<CaptionLine> lines = layOut(caption, side - 2 * quietZone, modulePixels);
    int captionHeight = lines.stream().mapToInt(CaptionLine::height).sum();
    int height = side + (lines.isEmpty() ? 0 : captionHeight + quietZone / 2);

    BufferedImage image = new BufferedImage(side, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, side, height);
      g.setColor(Color.BLACK);
      for (int y = 0; y < symbol.size(); y++) {
        for (int x = 0; x < symbol.size(); x++) {
          if (symbol.isDark(x, y)) {
            g.fillRect(
                quietZone + x * modulePixels,
                quietZone + y * modulePixels,
                modulePixels,
                modulePixels);
          }
        }
      }
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      int top = side;
      for (CaptionLine line : lines) {
        g.setFont(line.font());
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(
            line.text(), (side - metrics.stringWidth(line.text())) / 2, top + metrics.getAscent());
        top += line.height();
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The image as PNG bytes. */
  public static byte[] toPng(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in this Java runtime");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  /** Renders then encodes as PNG. */
  public static byte[] png(QrSymbol symbol, Caption caption, int modulePixels) {
    return toPng(render(symbol, caption, modulePixels));
  }

  private record CaptionLine(String text, Font font, int height) {}

  private static List<CaptionLine> layOut(Caption caption, int maxWidth, int modulePixels) {
    // Fonts are measured on a scratch image: the real one's height depends on the result.
    Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY).createGraphics();
    try {
      List<CaptionLine> lines = new ArrayList<>();
      for (int i = 0; i < caption.lines().size(); i++) {
        boolean emphasised = i == 0 && caption.firstLineEmphasised();
        double modules = emphasised ? EMPHASISED_FONT_MODULES : FONT_MODULES;
        int style = emphasised ? Font.BOLD : Font.PLAIN;
        int size = Math.max(SMALLEST_FONT_PIXELS, (int) Math.round(modules * modulePixels));
        Font font = new Font(Font.SANS_SERIF, style, size);
        String text = caption.lines().get(i);
        while (scratch.getFontMetrics(font).stringWidth(text) > maxWidth
            && font.getSize() > SMALLEST_FONT_PIXELS) {
          font = font.deriveFont((float) font.getSize() - 1);
        }
        text = cutToWidth(text, scratch.getFontMetrics(font), maxWidth);
        lines.add(new CaptionLine(text, font, scratch.getFontMetrics(font).getHeight()));
      }
      return lines;
    } finally {
      scratch.dispose();
    }
  }

  private static String cutToWidth(String text, FontMetrics metrics, int maxWidth) {
    if (metrics.stringWidth(text) <= maxWidth) {
      return text;
    }
    int end = text.length();
    while (end > 0 && metrics.stringWidth(text.substring(0, end) + "…") > maxWidth) {
      end = text.offsetByCodePoints(end, -1);
    }
    return text.substring(0, end) + "…";
  }
}
