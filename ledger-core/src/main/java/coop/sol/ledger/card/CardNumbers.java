package coop.sol.ledger.card;

import java.security.SecureRandom;

/**
 * Card numbers: 11 random digits and a Luhn check digit, so that a digit mistyped or two adjacent
 * digits swapped at a till is caught before anything is looked up.
 */
public final class CardNumbers {
  private CardNumbers() {}

  static String next(SecureRandom random) {
    var digits = new StringBuilder(12);
    digits.append(1 + random.nextInt(9)); // no leading zero: the number reads the same everywhere
    for (int i = 1; i < 11; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.append(checkDigit(digits)).toString();
  }

  /** Whether {@code text} is 12 digits with a right check digit (spaces ignored). */
  public static boolean valid(String text) {
    String n = normalize(text);
    return n != null && checkDigit(n.substring(0, 11)) == n.charAt(11) - '0';
  }

  /** The 12 digits of a number typed with or without spaces; null if it is not 12 digits. */
  public static String normalize(String text) {
    if (text == null) {
      return null;
    }
    String n = text.replace(" ", "");
    return n.matches("[0-9]{12}") ? n : null;
  }

  /** The number in groups of four, as printed. */
  public static String grouped(String number) {
    return number.substring(0, 4) + " " + number.substring(4, 8) + " " + number.substring(8);
  }

  static int checkDigit(CharSequence payload) {
    int sum = 0;
    boolean twice = true; // the rightmost payload digit is doubled
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return (10 - sum % 10) % 10;
  }
}
