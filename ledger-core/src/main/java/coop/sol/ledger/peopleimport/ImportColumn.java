package coop.sol.ledger.peopleimport;

import coop.sol.ledger.network.StrandKind;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of an import file, each with its English and French header (either is accepted,
 * without regard to case, accents, spaces or dashes), its longest value and whether it is required.
 * Only {@link #USERNAME}, {@link #DISPLAY_NAME} and {@link #ROLES} must be in the header.
 */
public enum ImportColumn {
  USERNAME("username", "identifiant", 63, true, false),
  DISPLAY_NAME("display_name", "nom", 200, true, false),
  EMAIL("email", "courriel", 254, false, false),
  LANGUAGE("language", "langue", 2, false, false),
  /** Several roles separated by "|" or "+" (MEMBER|MERCHANT). */
  ROLES("roles", "roles", 200, true, false),
  /** For a cashier: the username of the merchant whose till they work. */
  MERCHANT("merchant", "commercant", 63, false, false),
  TRADING_NAME("trading_name", "enseigne", 200, false, false),
  /** The merchant's categories (codes the network defined), separated by "|" or "+". */
  CATEGORY("category", "categorie", 200, false, false),
  ADDRESS("address", "adresse", 300, false, false),
  TOWN("town", "ville", 100, false, false),
  PHONE("phone", "telephone", 40, false, false),
  WEBSITE("website", "site_web", 300, false, false),
  OPENING_HOURS("opening_hours", "horaires", 500, false, true),
  DESCRIPTION("description", "description", 2000, false, true),
  SOL_COOPERATION("sol_cooperation", "sol_cooperation", 30, false, false),
  SOL_ENGAGEMENT("sol_engagement", "sol_engagement", 30, false, false),
  SOL_AFFECTE("sol_affecte", "sol_affecte", 30, false, false);

  private final String english;
  private final String french;
  private final int maxLength;
  private final boolean required;
  private final boolean lineBreaks;

  ImportColumn(String english, String french, int maxLength, boolean required, boolean lineBreaks) {
    this.english = english;
    this.french = french;
    this.maxLength = maxLength;
    this.required = required;
    this.lineBreaks = lineBreaks;
  }

  public String english() {
    return english;
  }

  public String french() {
    return french;
  }

  /** The longest value, in characters. */
  public int maxLength() {
    return maxLength;
  }

  public boolean required() {
    return required;
  }

  /** Whether a value may hold line breaks (a description, opening hours). */
  boolean lineBreaks() {
    return lineBreaks;
  }

  /** The opening balance column of a strand; none for EURO. */
  public static Optional<ImportColumn> balance(StrandKind strand) {
    return switch (strand) {
      case COOPERATION -> Optional.of(SOL_COOPERATION);
      case ENGAGEMENT -> Optional.of(SOL_ENGAGEMENT);
      case AFFECTE -> Optional.of(SOL_AFFECTE);
      case EURO -> Optional.empty();
    };
  }

  /** The column a header names, in English or French. */
  static Optional<ImportColumn> byHeader(String header) {
    String name = normalise(header);
    for (ImportColumn column : values()) {
      if (column.english.equals(name) || column.french.equals(name)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  private static String normalise(String header) {
    String plain =
        Normalizer.normalize(header.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
  }
}
