package coop.sol.ledger.directory;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What a directory reader looks for; each part empty for "any". Matching ignores case and accents
 * ("epicerie" finds "Épicerie").
 *
 * @param name a part of the trading name or of the description
 * @param category a category code (FOOD) or a part of its label
 * @param town a part of the town's name
 */
public record DirectorySearch(String name, String category, String town) {
  public static final DirectorySearch ALL = new DirectorySearch("", "", "");

  public DirectorySearch {
    name = fold(name);
    category = fold(category);
    town = fold(town);
  }

  boolean matches(DirectoryEntry entry) {
    MerchantProfile p = entry.profile();
    if (!name.isEmpty()
        && !fold(p.tradingName()).contains(name)
        && !fold(p.description()).contains(name)) {
      return false;
    }
    if (!town.isEmpty() && !fold(p.town()).contains(town)) {
      return false;
    }
    return category.isEmpty()
        || entry.categories().stream()
            .anyMatch(c -> fold(c.code()).equals(category) || fold(c.label()).contains(category));
  }

  /** Lower case, without accents, trimmed. */
  static String fold(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }
}
