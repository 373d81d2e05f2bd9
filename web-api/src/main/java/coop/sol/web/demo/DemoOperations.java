package coop.sol.web.demo;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.exchange.SolPurchase;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.voucher.VoucherGrant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The demo network's SOL operations, set up through {@link Operations} as a coordinator would: the
 * system accounts, rates (1 SOL = 1 EUR, 5 % bonus, 5 % reconversion fee), two merchant categories
 * and the merchants' categories and reward rates, the association's volunteer rate, the exchange
 * office's euro till, a fonte rule for SOL Coopération (2 % a quarter, at least 0.01), a purchase
 * at the office banked into the guarantee fund, and a lot of earmarked vouchers for alice.
 *
 * <p>Idempotent: a setting is set only when the network has none, and each posting operation has a
 * fixed key and is skipped once done, so a restart changes nothing (nor overrides what coordinators
 * changed since).
 */
@Component
class DemoOperations {
  static final String OFFICE = "comptoir";
  static final String VOUCHER_KEY = "demo-voucher-alice";
  private static final String PURCHASE_KEY = "demo-purchase-alice";
  private static final String BANKING_KEY = "demo-bank-comptoir";
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private final Ledger ledger;
  private final Operations operations;
  private final Clock clock;

  DemoOperations(Ledger ledger, Operations operations, Clock clock) {
    this.clock = clock;
    this.ledger = ledger;
    this.operations = operations;
  }

  void setUp(Network network) {
    NetworkId id = network.id();
    NetworkSettings settings = operations.settings();
    var system = settings.setUp(id);
    Actor demo = Actor.of("demo");
    if (settings.rates(id).isEmpty()) {
      settings.changeRates(
          id,
          new NetworkRates(EuroRate.of("1.00"), BasisPoints.of(500), BasisPoints.of(500)),
          demo);
    }
    for (MerchantCategory category :
        List.of(
            new MerchantCategory("FOOD", "Alimentation"),
            new MerchantCategory("BOOKS", "Livres et culture"))) {
      if (!settings.unknownCategories(id, Set.of(category.code())).isEmpty()) {
        settings.defineCategory(id, category);
      }
    }
    merchant(id, "boulangerie", "FOOD", 500, demo);
    merchant(id, "librairie", "BOOKS", 300, demo);
    if (settings.volunteerRate(id, "asso").isEmpty()) {
      settings.changeVolunteerRate(id, "asso", 6000, demo);
    }
    if (settings.fonteRule(id, StrandKind.COOPERATION).isEmpty()) {
      LocalDate today = LocalDate.now(clock.withZone(ZONE));
      LocalDate quarter =
          today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1);
      done(
          settings.changeFonteRule(
              id,
              StrandKind.COOPERATION,
              new FonteRule(
                  true,
                  BasisPoints.of(200),
                  Period.ofMonths(3),
                  quarter,
                  ZONE,
                  1,
                  system.fund(StrandKind.COOPERATION)),
              demo),
          "fonte rule");
    }
    operations.exchange().openOffice(id, OFFICE, "Caisse en euros du comptoir");

    if (ledger.transfers().findByKey(id, new IdempotencyKey(PURCHASE_KEY + "/sol")).isEmpty()) {
      done(
          operations
              .exchange()
              .buy(
                  new SolPurchase(
                      id,
                      new IdempotencyKey(PURCHASE_KEY),
                      OFFICE,
                      account(id, OwnerKind.MEMBER, "alice", StrandKind.COOPERATION),
                      euros(network, "60.00"))),
          "purchase");
    }
    if (ledger.transfers().findByKey(id, new IdempotencyKey(BANKING_KEY)).isEmpty()) {
      done(
          operations
              .exchange()
              .bankTill(id, new IdempotencyKey(BANKING_KEY), OFFICE, euros(network, "60.00")),
          "banking");
    }
    boolean granted =
        operations.vouchers().holdings(id, "alice").stream()
            .anyMatch(h -> h.lot().grantKey().equals(VOUCHER_KEY));
    if (!granted) {
      done(
          operations
              .vouchers()
              .grant(
                  new VoucherGrant(
                      id,
                      new IdempotencyKey(VOUCHER_KEY),
                      account(id, OwnerKind.FUNDER, "mairie", StrandKind.AFFECTE),
                      "alice",
                      Decimals.parseAmount("40.00", network.scale(StrandKind.AFFECTE)),
                      clock.instant().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS),
                      Set.of("FOOD"),
                      "Chèque alimentation de la mairie")),
          "voucher grant");
    }
  }

  private void merchant(NetworkId id, String merchant, String category, int rewardBp, Actor by) {
    NetworkSettings settings = operations.settings();
    if (settings.merchantCategories(id, merchant).isEmpty()) {
      done(settings.changeMerchantCategories(id, merchant, Set.of(category), by), "categories");
    }
    if (settings.rewardRate(id, merchant).isEmpty()) {
      settings.changeRewardRate(id, merchant, BasisPoints.of(rewardBp), by);
    }
  }

  private AccountId account(NetworkId id, OwnerKind kind, String owner, StrandKind strand) {
    return ledger.accounts().findByOwner(id, kind, owner).stream()
        .filter(a -> a.strand() == strand)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the demo has no account for " + owner))
        .id();
  }

  private static Amount euros(Network network, String amount) {
    return Decimals.parseAmount(amount, network.scale(StrandKind.EURO));
  }

  private static void done(Outcome<?> outcome, String what) {
    if (!outcome.isDone()) {
      throw new IllegalStateException("demo " + what + " not done: " + outcome);
    }
  }
}
