package coop.sol.merchant.qr;

import java.util.List;

/**
 * Text drawn under a QR code so that people can read what the code says before they scan it: the
 * amount first (drawn bold), then the merchant. Lines are drawn centred, in order.
 *
 * @param lines at most 3 lines, none blank
 * @param firstLineEmphasised whether the first line is the amount, drawn bold and larger
 */
public record Caption(List<String> lines, boolean firstLineEmphasised) {

  public Caption {
    lines = List.copyOf(lines);
    if (lines.size() > 3) {
      throw new IllegalArgumentException("a caption has at most 3 lines");
    }
    if (lines.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("caption lines must not be blank");
    }
  }

  /** No caption: the symbol alone. */
  public static Caption none() {
    return new Caption(List.of(), false);
  }

  /** A payment request's or pay token's caption: "12.50 SOL", then the merchant's name. */
  public static Caption amount(long minorUnits, AmountFormat format, String merchantName) {
    return new Caption(List.of(format.format(minorUnits), merchantName), true);
  }

  /** A static code's caption: the merchant's name only, since the payer types the amount. */
  public static Caption merchant(String merchantName) {
    return new Caption(List.of(merchantName), false);
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }
}
