package coop.sol.web.page.coordinator;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.web.operation.NetworkSettingsChanges;
import coop.sol.web.page.Amounts;
import coop.sol.web.report.TransparencySwitch;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the settings page shows of the network's settings besides its exchange offices: the
 * transparency publication, the rates, the merchant categories, each merchant's categories and
 * reward rate, each association's volunteer rate. Values are shown as a person types them (decimal
 * comma in French); what a refused form typed replaces them (the model's {@code typed} map, by the
 * field's id).
 */
@Component
class SettingsSections {
  /** Most merchants or associations listed at once; a filter by name finds the others. */
  static final int LISTED = 50;

  private final NetworkSettings settings;
  private final NetworkSettingsChanges changes;
  private final TransparencySwitch transparency;
  private final Coordination coordination;

  SettingsSections(
      Operations operations,
      NetworkSettingsChanges changes,
      TransparencySwitch transparency,
      Coordination coordination) {
    this.settings = operations.settings();
    this.changes = changes;
    this.transparency = transparency;
    this.coordination = coordination;
  }

  /**
   * @param username also the suffix of the row's fields' ids (a username is a valid id)
   * @param reward the reward rate in percent as typed, empty if none is set
   */
  record MerchantRow(String username, Set<String> categories, String reward) {}

  /**
   * @param perHour SOL Engagement per hour as typed, empty if none is set
   */
  record AssociationRow(String username, String perHour) {}

  /**
   * Adds the sections' model to {@code model}.
   *
   * @param filter part of a username: only the merchants and associations whose name holds it
   */
  void fill(NetworkId network, String filter, Locale locale, Model model) {
    Network details = coordination.details(network);
    model.addAttribute("transparencyPublished", transparency.published(details));
    model.addAttribute("transparencyPage", TransparencySwitch.page(details));
    var rates = settings.rates(network).map(v -> v.value());
    model.addAttribute(
        "rates",
        rates
            .map(
                r ->
                    List.of(
                        Amounts.localized(r.euroRate().eurosPerSol().toPlainString(), locale),
                        percent(r.purchaseBonus().value(), locale),
                        percent(r.reconversionFee().value(), locale)))
            .orElse(List.of("", "", "")));
    model.addAttribute("ratesSet", rates.isPresent());
    List<MerchantCategory> categories = settings.categories(network);
    model.addAttribute("categories", categories);
    String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    model.addAttribute("filter", needle);

    List<String> merchants = matching(changes.holders(network, OwnerKind.MERCHANT), needle);
    model.addAttribute("merchantCount", merchants.size());
    model.addAttribute(
        "merchants",
        merchants.stream()
            .limit(LISTED)
            .map(
                m ->
                    new MerchantRow(
                        m,
                        new TreeSet<>(settings.merchantCategories(network, m)),
                        settings
                            .rewardRate(network, m)
                            .map(v -> percent(v.value().value(), locale))
                            .orElse("")))
            .toList());
    List<String> associations = matching(changes.holders(network, OwnerKind.ASSOCIATION), needle);
    int scale = coordination.scale(network, StrandKind.ENGAGEMENT);
    model.addAttribute("associationCount", associations.size());
    model.addAttribute(
        "associations",
        associations.stream()
            .limit(LISTED)
            .map(
                a ->
                    new AssociationRow(
                        a,
                        settings
                            .volunteerRate(network, a)
                            .map(v -> Amounts.format(v.value(), scale, locale))
                            .orElse("")))
            .toList());
    model.addAttribute("listed", LISTED);
    if (!model.containsAttribute("typed")) {
      model.addAttribute("typed", java.util.Map.of());
    }
  }

  private static List<String> matching(List<String> usernames, String needle) {
    return needle.isEmpty()
        ? usernames
        : usernames.stream().filter(u -> u.contains(needle)).toList();
  }

  /** Basis points as a percentage to type: 250 → "2,50" (French), "2.50" (English). */
  static String percent(int basisPoints, Locale locale) {
    return Amounts.localized(Decimals.format(basisPoints, 2), locale);
  }
}
