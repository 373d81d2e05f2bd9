package coop.sol.web.page.member;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.directory.DirectorySearch;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.payment.Payments;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.voucher.VoucherHolding;
import coop.sol.ledger.voucher.VoucherLot;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.Amounts;
import coop.sol.web.user.Role;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A member's earmarked vouchers (SOL Affecté) lot by lot, as cards: each lot's label, its funder,
 * what is left, until when, and where it can be spent (its categories, and the merchants of the
 * directory in each); and, on a confirmation page, which lots a payment to a merchant would draw on
 * (ledger-core's {@link Payments#voucherDraw}, the rule the payment itself follows).
 */
@Component
class VoucherCards {
  private final Ledger ledger;
  private final Operations operations;
  private final NetworkDirectory networks;
  private final Clock clock;
  private final ZoneId zone;

  VoucherCards(
      Ledger ledger,
      Operations operations,
      NetworkDirectory networks,
      Clock clock,
      @Value("${sol.fonte.zone:Europe/Paris}") String zone) {
    this.ledger = ledger;
    this.operations = operations;
    this.networks = networks;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /**
   * A lot as its card shows it.
   *
   * @param state OPEN (spendable), SPENT, EXPIRED or FROZEN
   * @param categories where it can be spent, each with the directory's merchants of it
   */
  record LotCard(
      long accountId,
      String networkCode,
      String label,
      String funder,
      String granted,
      String remaining,
      String expires,
      String state,
      List<Place> categories) {}

  /**
   * A category a lot can be spent in.
   *
   * @param merchants the trading names of the directory's merchants in it
   */
  record Place(String code, String label, List<String> merchants) {}

  /**
   * A lot a payment would draw on.
   *
   * @param draw what it would give, in the user's language; "" when the amount is not known yet
   */
  record Draw(
      long accountId, String label, String funder, String remaining, String expires, String draw) {}

  /** The caller's lots in all the networks where they are a member, earliest expiry first. */
  List<LotCard> lots(Caller caller, Locale locale) {
    List<LotCard> cards = new ArrayList<>();
    for (NetworkId id : caller.networksAs(Role.MEMBER)) {
      Network network = networks.network(id);
      List<VoucherHolding> holdings = operations.vouchers().holdings(id, caller.username());
      if (holdings.isEmpty()) {
        continue;
      }
      Map<String, MerchantCategory> catalogue =
          operations.settings().categories(id).stream()
              .collect(Collectors.toMap(MerchantCategory::code, Function.identity()));
      int scale = network.scale(StrandKind.AFFECTE);
      for (VoucherHolding h : holdings) {
        VoucherLot lot = h.lot();
        List<Place> places = new ArrayList<>();
        for (String code : lot.categories().stream().sorted().toList()) {
          MerchantCategory category = catalogue.get(code);
          List<String> merchants =
              operations.directory().search(id, new DirectorySearch("", code, "")).stream()
                  .filter(e -> e.categories().stream().anyMatch(c -> c.code().equals(code)))
                  .map(e -> e.profile().tradingName())
                  .toList();
          places.add(new Place(code, category == null ? code : category.label(), merchants));
        }
        cards.add(
            new LotCard(
                lot.account().value(),
                network.code(),
                name(id, lot.account()),
                name(id, lot.funder()),
                Amounts.format(lot.amount(), scale, locale),
                Amounts.format(h.remaining(), scale, locale),
                day(lot, locale),
                state(h),
                List.copyOf(places)));
      }
    }
    return cards;
  }

  /**
   * The lots a payment of {@code amount} minor units (0: not known yet) from the caller to {@code
   * merchant} would draw on, in order; empty when none may pay there.
   */
  List<Draw> draws(Caller caller, Account merchant, long amount, Locale locale) {
    NetworkId id = merchant.network();
    int scale = networks.scale(id, StrandKind.AFFECTE);
    return operations.payments().voucherDraw(id, caller.username(), merchant.id(), amount).stream()
        .map(
            d ->
                new Draw(
                    d.holding().lot().account().value(),
                    name(id, d.holding().lot().account()),
                    name(id, d.holding().lot().funder()),
                    Amounts.format(d.holding().remaining(), scale, locale),
                    day(d.holding().lot(), locale),
                    amount > 0 ? Amounts.format(d.draw(), scale, locale) : ""))
        .toList();
  }

  private String name(NetworkId network, coop.sol.ledger.account.AccountId account) {
    return ledger.accounts().find(network, account).map(Account::name).orElse("");
  }

  private String day(VoucherLot lot, Locale locale) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
        .withLocale(locale)
        .withZone(zone)
        .format(lot.expiresAt());
  }

  private String state(VoucherHolding h) {
    if (h.status() == AccountStatus.FROZEN) {
      return "FROZEN";
    }
    if (!h.lot().validAt(clock.instant())) {
      return "EXPIRED";
    }
    return h.remaining() > 0 ? "OPEN" : "SPENT";
  }
}
