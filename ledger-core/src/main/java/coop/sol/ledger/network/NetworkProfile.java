package coop.sol.ledger.network;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * What an administrator says of a network besides its code and name: the name of its currency as
 * people read it ("SOL Pays de Brest"), the time zone its days and periods are in, and the language
 * its letters and pages default to ("fr" or "en").
 */
public record NetworkProfile(String currencyName, ZoneId timeZone, String defaultLanguage) {
  public static final Set<String> LANGUAGES = Set.of("fr", "en");

  public NetworkProfile {
    Objects.requireNonNull(currencyName, "currencyName");
    if (currencyName.isBlank() || currencyName.length() > 100) {
      throw new IllegalArgumentException("a currency name has 1 to 100 characters");
    }
    Objects.requireNonNull(timeZone, "timeZone");
    if (!LANGUAGES.contains(defaultLanguage)) {
      throw new IllegalArgumentException("a network's language is fr or en");
    }
  }
}
