package coop.sol.ledger.settings;

/**
 * A category of merchants in a network's catalogue (FOOD, BOOKS, ...): earmarked vouchers name the
 * categories where they may be spent.
 *
 * @param code upper case letters, digits and underscores, starting with a letter, at most 40
 * @param label what people read
 */
public record MerchantCategory(String code, String label) {
  public MerchantCategory {
    checkCode(code);
    if (label == null || label.isBlank() || label.length() > 200) {
      throw new IllegalArgumentException("a category label has 1 to 200 characters");
    }
  }

  static String checkCode(String code) {
    if (code == null || !code.matches("[A-Z][A-Z0-9_]{0,39}")) {
      throw new IllegalArgumentException("not a category code: '" + code + "'");
    }
    return code;
  }
}
