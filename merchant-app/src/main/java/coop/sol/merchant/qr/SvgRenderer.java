package coop.sol.merchant.qr;

import java.util.Locale;

/**
 * Writes a {@link QrSymbol} as a standalone SVG document, in module units: the viewBox is one unit
 * per module, quiet zone included, so the code stays sharp at any print size.
 *
 * <p>Dark modules are one {@code <path>}: for each row, each run of dark modules is a rectangle
 * {@code M x y h run v1 h -run z}. The caption is {@code <text>} below the quiet zone; SVG has no
 * font metrics here, so a line's size is chosen from an estimate of its width (0.6 em per
 * character) and {@code textLength} squeezes it if the viewer's font is wider.
 */
public final class SvgRenderer {

  private static final double EMPHASISED_FONT_MODULES = 3.6;
  private static final double FONT_MODULES = 2.6;
  private static final double EM_PER_CHARACTER = 0.6;

  private SvgRenderer() {}

  /**
   * @param modulePixels the document's width and height attributes, in pixels per module; viewers
   *     scale freely
   */
  public static String render(QrSymbol symbol, Caption caption, int modulePixels) {
    int side = symbol.sizeWithQuietZone();
    double captionWidth = side - 2.0 * QrSymbol.QUIET_ZONE;
    StringBuilder text = new StringBuilder();
    double top = side;
    for (int i = 0; i < caption.lines().size(); i++) {
      String line = caption.lines().get(i);
      boolean emphasised = i == 0 && caption.firstLineEmphasised();
      double fontSize = emphasised ? EMPHASISED_FONT_MODULES : FONT_MODULES;
      int characters = line.codePointCount(0, line.length());
      double estimatedWidth = characters * EM_PER_CHARACTER * fontSize;
      if (estimatedWidth > captionWidth) {
        fontSize = Math.max(1.0, captionWidth / (characters * EM_PER_CHARACTER));
      }
      double lineHeight = fontSize * 1.25;
      text.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%s\" y=\"%s\" font-size=\"%s\"%s text-anchor=\"middle\"%s>%s</text>%n",
              number(side / 2.0),
              number(top + fontSize),
              number(fontSize),
              emphasised ? " font-weight=\"bold\"" : "",
              estimatedWidth > captionWidth
                  ? " textLength=\"" + number(captionWidth) + "\" lengthAdjust=\"spacingAndGlyphs\""
                  : "",
              escape(line)));
      top += lineHeight;
    }
    double height = caption.isEmpty() ? side : top + QrSymbol.QUIET_ZONE / 2.0;

    StringBuilder svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 %d %s\""
                + " width=\"%d\" height=\"%s\" shape-rendering=\"crispEdges\">%n",
            side,
            number(height),
            side * modulePixels,
            number(height * modulePixels)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%s\" fill=\"#ffffff\"/>%n",
            side,
            number(height)));
    svg.append("<path fill=\"#000000\" d=\"").append(modulePath(symbol)).append("\"/>\n");
    if (!caption.isEmpty()) {
      svg.append(
          "<g font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" fill=\"#000000\">\n");
      svg.append(text);
      svg.append("</g>\n");
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String modulePath(QrSymbol symbol) {
    StringBuilder d = new StringBuilder();
    for (int y = 0; y < symbol.size(); y++) {
      int x = 0;
      while (x < symbol.size()) {
        if (!symbol.isDark(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < symbol.size() && symbol.isDark(x, y)) {
          x++;
        }
        int run = x - start;
        d.append('M')
            .append(start + QrSymbol.QUIET_ZONE)
            .append(' ')
            .append(y + QrSymbol.QUIET_ZONE)
            .append('h')
            .append(run)
            .append("v1h-")
            .append(run)
            .append('z');
      }
    }
    return d.toString();
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                  // XML 1.0 cannot carry most control characters even escaped.
                  if (c >= 0x20 || c == '\t') {
                    escaped.appendCodePoint(c);
                  }
                }
              }
            });
    return escaped.toString();
  }
}
