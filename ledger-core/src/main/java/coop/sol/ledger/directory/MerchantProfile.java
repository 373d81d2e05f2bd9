package coop.sol.ledger.directory;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A merchant's public profile in a network's directory. Texts are trimmed; an empty text means "not
 * given". Its constructor refuses what cannot be stored, naming the field ({@link InvalidProfile}).
 *
 * @param merchantRef the merchant's username, the owner of its accounts
 * @param tradingName the name on the shop front, 1 to 200 characters
 * @param description at most 2,000 characters
 * @param address street and number, at most 300 characters (the town apart)
 * @param town at most 100 characters
 * @param openingHours free text, at most 500 characters ("mar.–sam. 8 h–19 h")
 * @param phone digits, spaces and + . ( ) -, at most 40 characters
 * @param website an http or https address, at most 300 characters
 * @param strands the SOL strands accepted at the till (never EURO)
 */
public record MerchantProfile(
    NetworkId network,
    String merchantRef,
    String tradingName,
    String description,
    String address,
    String town,
    String openingHours,
    String phone,
    String website,
    Set<StrandKind> strands) {

  private static final Pattern PHONE = Pattern.compile("[0-9 +.()\\-]{0,40}");
  private static final Pattern WEBSITE = Pattern.compile("https?://[^\\s<>\"]{1,290}");

  /** A field that cannot be stored as given. */
  public static final class InvalidProfile extends IllegalArgumentException {
    private final String field;

    InvalidProfile(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }

    /** The field's name as in the API (tradingName, openingHours...). */
    public String field() {
      return field;
    }
  }

  public MerchantProfile {
    Objects.requireNonNull(network, "network");
    if (merchantRef == null || merchantRef.isBlank() || merchantRef.length() > 100) {
      throw new InvalidProfile("merchant", "1 to 100 characters");
    }
    tradingName = text("tradingName", tradingName, 200);
    if (tradingName.isEmpty()) {
      throw new InvalidProfile("tradingName", "required");
    }
    description = text("description", description, 2000);
    address = text("address", address, 300);
    town = text("town", town, 100);
    openingHours = text("openingHours", openingHours, 500);
    phone = text("phone", phone, 40);
    if (!PHONE.matcher(phone).matches()) {
      throw new InvalidProfile("phone", "digits, spaces and + . ( ) - only");
    }
    website = text("website", website, 300);
    if (!website.isEmpty() && !WEBSITE.matcher(website).matches()) {
      throw new InvalidProfile("website", "an http:// or https:// address");
    }
    strands = strands == null || strands.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(strands));
    if (strands.contains(StrandKind.EURO)) {
      throw new InvalidProfile("strands", "SOL strands only");
    }
  }

  private static String text(String field, String value, int max) {
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.length() > max) {
      throw new InvalidProfile(field, "at most " + max + " characters");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        throw new InvalidProfile(field, "no control characters");
      }
    }
    return trimmed;
  }

  /** The address and the town, as one line to search a map for ("" when neither is given). */
  public String fullAddress() {
    if (address.isEmpty()) {
      return town;
    }
    return town.isEmpty() ? address : address + ", " + town;
  }
}
