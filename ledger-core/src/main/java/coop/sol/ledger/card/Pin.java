package coop.sol.ledger.card;

import java.util.Optional;
import java.util.regex.Pattern;

/** A card's PIN as typed by its holder: 4 to 6 ASCII digits. Never printed. */
public final class Pin {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{4,6}");

  private final String digits;

  private Pin(String digits) {
    this.digits = digits;
  }

  /** The PIN, if {@code text} is 4 to 6 ASCII digits. */
  public static Optional<Pin> of(String text) {
    return text != null && DIGITS.matcher(text).matches()
        ? Optional.of(new Pin(text))
        : Optional.empty();
  }

  String digits() {
    return digits;
  }

  @Override
  public String toString() {
    return "Pin[****]";
  }
}
