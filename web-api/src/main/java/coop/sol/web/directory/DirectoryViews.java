package coop.sol.web.directory;

import coop.sol.ledger.directory.DirectoryEntry;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.network.Network;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The directory's JSON forms. */
final class DirectoryViews {
  private DirectoryViews() {}

  @Schema(name = "MerchantCategoryLabel")
  record CategoryView(
      @Schema(example = "FOOD") String code, @Schema(example = "Alimentation") String label) {}

  /**
   * @param merchant the merchant's username (the owner of its accounts)
   * @param mapLink the address searched on OpenStreetMap; null without an address
   */
  @Schema(name = "DirectoryMerchant", description = "Un commerçant tel que l'annuaire le montre.")
  record MerchantView(
      @Schema(example = "boulangerie") String merchant,
      @Schema(example = "Boulangerie du Port") String tradingName,
      @Schema(description = "Catégories du commerçant dans les réglages du réseau")
          List<CategoryView> categories,
      String description,
      @Schema(example = "12 quai de la Douane") String address,
      @Schema(example = "Brest") String town,
      @Schema(example = "mar.–sam. 7 h–19 h") String openingHours,
      @Schema(example = "02 98 00 00 00") String phone,
      @Schema(example = "https://boulangerie.example") String website,
      @ArraySchema(schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}))
          List<String> strands,
      @Schema(
              nullable = true,
              example = "https://www.openstreetmap.org/search?query=12+quai+de+la+Douane%2C+Brest")
          String mapLink) {

    static MerchantView of(DirectoryEntry entry) {
      MerchantProfile p = entry.profile();
      return new MerchantView(
          p.merchantRef(),
          p.tradingName(),
          entry.categories().stream().map(c -> new CategoryView(c.code(), c.label())).toList(),
          p.description(),
          p.address(),
          p.town(),
          p.openingHours(),
          p.phone(),
          p.website(),
          p.strands().stream().sorted().map(Enum::name).toList(),
          Directory.mapLink(p.fullAddress()));
    }
  }

  /**
   * @param published whether it is public, readable without logging in
   */
  @Schema(name = "Directory", description = "L'annuaire des commerçants d'un réseau.")
  record DirectoryView(
      @Schema(example = "demo") String network,
      @Schema(example = "SOL Démo") String name,
      boolean published,
      @Schema(description = "Adresse de la page", example = "/annuaire?network=demo") String page,
      @Schema(description = "Guide imprimable (PDF)") String guide,
      List<MerchantView> merchants) {}

  /** A profile as its writers see it: the directory's form, and who last changed it. */
  @Schema(name = "MerchantProfile")
  record ProfileView(
      @Schema(example = "12") long accountId,
      @Schema(example = "demo") String network,
      MerchantView entry,
      Instant changedAt,
      @Schema(example = "boulangerie") String changedBy) {}

  @Schema(name = "DirectoryPublication")
  record PublicationView(
      @Schema(example = "demo") String network,
      @Schema(description = "L'annuaire est public, lisible sans connexion") boolean published,
      @Schema(example = "/annuaire?network=demo") String page) {}

  static String page(Network network) {
    return "/annuaire?network=" + network.code();
  }

  static String guide(Network network) {
    return "/api/v1/directory/guide.pdf?network=" + network.code();
  }
}
