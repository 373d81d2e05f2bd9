package coop.sol.merchant.qr;

/**
 * Writes a {@link QrSymbol} as lines of text for a terminal, two module rows per line with the half
 * blocks '▀' (upper), '▄' (lower), '█' (both) and ' ' (neither), so the code is square in an
 * ordinary 1:2 terminal cell and a phone can scan it off the screen.
 *
 * <p>Blocks are drawn in the terminal's text colour. A scanner needs dark modules on a light
 * ground, so on the usual light-text-on-dark terminal the blocks must draw the <em>light</em>
 * modules and the quiet zone, and the dark modules are left as background.
 */
public final class TerminalRenderer {

  /** Which way round the terminal's colours are. */
  public enum Colours {
    /** Light text on a dark background, the default of most terminals. */
    LIGHT_TEXT_ON_DARK,
    /** Dark text on a light background. */
    DARK_TEXT_ON_LIGHT
  }

  private TerminalRenderer() {}

  /** The lines, each ended by '\n', quiet zone included. */
  public static String render(QrSymbol symbol, Colours colours) {
    int side = symbol.sizeWithQuietZone();
    StringBuilder out = new StringBuilder((side + 1) * (side / 2 + 1) * 2);
    for (int row = 0; row < side; row += 2) {
      for (int column = 0; column < side; column++) {
        boolean upper = inked(symbol, colours, column, row);
        // An odd last row has nothing below it: leave the lower half as background.
        boolean lower = row + 1 < side && inked(symbol, colours, column, row + 1);
        out.append(upper ? (lower ? '█' : '▀') : (lower ? '▄' : ' '));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Whether the text colour is drawn at this module (coordinates include the quiet zone). */
  private static boolean inked(QrSymbol symbol, Colours colours, int column, int row) {
    int x = column - QrSymbol.QUIET_ZONE;
    int y = row - QrSymbol.QUIET_ZONE;
    boolean dark =
        x >= 0 && y >= 0 && x < symbol.size() && y < symbol.size() && symbol.isDark(x, y);
    return colours == Colours.DARK_TEXT_ON_LIGHT ? dark : !dark;
  }
}
