package coop.sol.web.demo;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.exchange.SolPurchase;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.payment.PaymentOrder;
import coop.sol.ledger.payment.Source;
import coop.sol.ledger.reward.PurchaseReward;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Payer;
import coop.sol.ledger.volunteer.VolunteerHours;
import coop.sol.ledger.voucher.VoucherGrant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The demo network's SOL operations, through {@link Operations} as the network's people would make
 * them. {@link #setUp}: the system accounts, rates (1 SOL = 1 EUR, 5 % bonus, 5 % reconversion
 * fee), two merchant categories and the merchants' categories, reward rates and directory listings,
 * the association's volunteer rate, the exchange office's euro till, a fonte rule for SOL
 * Coopération (2 % a quarter, at least 0.01). {@link #history}: SOL Coopération bought at the
 * office and the euros banked into the guarantee fund, payments (a member at the bakery, the bakery
 * re-spending at the bookshop: local re-spending is what a local currency is for), a reward, an
 * association's allowance and volunteer hours, SOL Affecté issued to the town hall, two lots of
 * vouchers and a payment with them. Every payment takes the one payment path, so the demo's journal
 * is one a real network could have.
 *
 * <p>Idempotent: a setting is set only when the network has none, and each posting operation has a
 * fixed key and is skipped once done, so a restart changes nothing (nor overrides what coordinators
 * changed since).
 */
@Component
class DemoOperations {
  static final String OFFICE = "comptoir";
  static final String VOUCHER_KEY = "demo-voucher-alice";
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
    profile(
        new MerchantProfile(
            id,
            "boulangerie",
            "Boulangerie du Port",
            "Pain au levain, viennoiseries et gâteaux du jour, farines de la région.",
            "12 quai de la Douane",
            "Brest",
            "Du mardi au samedi, 7 h – 19 h\nDimanche, 7 h – 13 h",
            "02 98 00 00 01",
            "",
            EnumSet.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE)));
    profile(
        new MerchantProfile(
            id,
            "librairie",
            "Librairie des Deux Rives",
            "Romans, jeunesse, bandes dessinées et livres sur la Bretagne ; commandes en 48 h.",
            "3 rue de Siam",
            "Brest",
            "Du lundi au samedi, 10 h – 19 h",
            "02 98 00 00 02",
            "https://librairie.example",
            EnumSet.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT)));
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
  }

  /** The demo's money movements, each with a fixed key: a replay the second time. */
  void history(Network network) {
    NetworkId id = network.id();
    Actor demo = Actor.of("demo");
    var coop = StrandKind.COOPERATION;
    buy(network, "alice", OwnerKind.MEMBER, "150.00");
    buy(network, "bruno", OwnerKind.MEMBER, "80.00");
    buy(network, "boulangerie", OwnerKind.MERCHANT, "200.00");
    buy(network, "librairie", OwnerKind.MERCHANT, "120.00");
    buy(network, "asso", OwnerKind.ASSOCIATION, "100.00");
    done(
        operations.exchange().bankTill(id, key("bank-comptoir"), OFFICE, euros(network, "650.00")),
        "banking");
    pay(network, "alice", OwnerKind.MEMBER, "boulangerie", coop, "4.20", "Pain et croissants");
    done(
        operations
            .rewards()
            .reward(
                new PurchaseReward(
                    id,
                    key("reward-alice"),
                    account(id, OwnerKind.MERCHANT, "boulangerie", coop),
                    account(id, OwnerKind.MEMBER, "alice", coop),
                    euros(network, "4.20"),
                    "Ticket 0042")),
        "reward");
    pay(network, "bruno", OwnerKind.MEMBER, "librairie", coop, "18.50", "Un roman");
    pay(network, "boulangerie", OwnerKind.MERCHANT, "librairie", coop, "25.00", "Livres");

    var engagement = StrandKind.ENGAGEMENT;
    AccountId asso = account(id, OwnerKind.ASSOCIATION, "asso", engagement);
    done(
        operations
            .volunteering()
            .grantAllowance(
                id, key("allowance-asso"), asso, sol(network, engagement, "600.00"), demo),
        "allowance");
    volunteer(network, asso, "alice", 120, "2 h au jardin");
    volunteer(network, asso, "bruno", 60, "1 h au jardin");
    pay(network, "alice", OwnerKind.MEMBER, "boulangerie", engagement, "15.00", "Une tarte");

    var affecte = StrandKind.AFFECTE;
    AccountId mairie = account(id, OwnerKind.FUNDER, "mairie", affecte);
    done(
        operations
            .vouchers()
            .fund(id, key("fund-mairie"), mairie, sol(network, affecte, "1000.00"), demo),
        "funding");
    grant(network, mairie, VOUCHER_KEY, "alice", "40.00", "Chèque alimentation de la mairie");
    grant(network, mairie, "demo-voucher-bruno", "bruno", "50.00", "Chèque solidarité du CCAS");
    done(
        operations
            .payments()
            .pay(
                new PaymentOrder(
                    id,
                    key("pay-bruno-vouchers"),
                    new Payer("bruno", Set.of(OwnerKind.MEMBER)),
                    Source.vouchers(),
                    affecte,
                    account(id, OwnerKind.MERCHANT, "boulangerie", affecte),
                    sol(network, affecte, "7.80"),
                    "",
                    "Pain de la semaine")),
        "voucher payment");
  }

  private void buy(Network network, String buyer, OwnerKind kind, String euros) {
    NetworkId id = network.id();
    done(
        operations
            .exchange()
            .buy(
                new SolPurchase(
                    id,
                    key("purchase-" + buyer),
                    OFFICE,
                    account(id, kind, buyer, StrandKind.COOPERATION),
                    euros(network, euros))),
        "purchase of " + buyer);
  }

  private void pay(
      Network network,
      String payer,
      OwnerKind kind,
      String merchant,
      StrandKind strand,
      String amount,
      String memo) {
    NetworkId id = network.id();
    done(
        operations
            .payments()
            .pay(
                new PaymentOrder(
                    id,
                    key("pay-" + payer + "-" + merchant + "-" + strand.name().toLowerCase()),
                    new Payer(payer, Set.of(kind)),
                    Source.account(account(id, kind, payer, strand)),
                    strand,
                    account(id, OwnerKind.MERCHANT, merchant, strand),
                    sol(network, strand, amount),
                    "",
                    memo)),
        "payment of " + payer);
  }

  private void volunteer(
      Network network, AccountId association, String member, long minutes, String what) {
    NetworkId id = network.id();
    done(
        operations
            .volunteering()
            .certify(
                new VolunteerHours(
                    id,
                    key("hours-" + member),
                    association,
                    account(id, OwnerKind.MEMBER, member, StrandKind.ENGAGEMENT),
                    minutes,
                    what)),
        "volunteer hours of " + member);
  }

  private void grant(
      Network network,
      AccountId funder,
      String grantKey,
      String beneficiary,
      String amount,
      String label) {
    NetworkId id = network.id();
    boolean granted =
        operations.vouchers().holdings(id, beneficiary).stream()
            .anyMatch(h -> h.lot().grantKey().equals(grantKey));
    if (!granted) {
      done(
          operations
              .vouchers()
              .grant(
                  new VoucherGrant(
                      id,
                      new IdempotencyKey(grantKey),
                      funder,
                      beneficiary,
                      sol(network, StrandKind.AFFECTE, amount),
                      clock.instant().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS),
                      Set.of("FOOD"),
                      label)),
          "voucher grant to " + beneficiary);
    }
  }

  private static IdempotencyKey key(String what) {
    return new IdempotencyKey("demo-" + what);
  }

  private static Amount sol(Network network, StrandKind strand, String amount) {
    return Decimals.parseAmount(amount, network.scale(strand));
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

  /**
   * A merchant's listing in the directory, unless it has one (which its merchant may have changed).
   */
  private void profile(MerchantProfile profile) {
    var directory = operations.directory();
    if (directory.entry(profile.network(), profile.merchantRef()).isEmpty()) {
      done(directory.save(profile, "demo"), "profile");
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
