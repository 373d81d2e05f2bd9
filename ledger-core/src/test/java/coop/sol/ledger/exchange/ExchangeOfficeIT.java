package coop.sol.ledger.exchange;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExchangeOfficeIT {
  static OperationsFixture of;
  static ExchangeOffices offices;
  static final String OFFICE = "comptoir-centre";
  static Account till;

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    offices = of.ops.exchange();
    till = offices.openOffice(of.network(), OFFICE, "Comptoir du centre");
  }

  @AfterAll
  static void stop() {
    of.close();
  }

  @BeforeEach
  void defaultRates() {
    of.setRates("1", 0, 500);
  }

  @AfterEach
  void invariantsHold() {
    of.assertInvariants();
  }

  static Outcome<SolPurchased> buy(Account buyer, String euros) {
    return offices.buy(new SolPurchase(of.network(), key(), OFFICE, buyer.id(), sol(euros)));
  }

  static ReserveStatement reserve() {
    return offices.reserve(of.network()).orElseThrow();
  }

  @Test
  void a_purchase_issues_sol_with_the_bonus_and_puts_the_euros_in_the_till() {
    of.setRates("1", 500, 500); // 63 SOL for 60 EUR
    Account alice = of.aMember().open();
    long tillBefore = of.balance(till);
    ReserveStatement before = reserve();

    SolPurchased p = buy(alice, "60.00").orElseThrow();

    assertThat(p.sol()).isEqualTo(6000);
    assertThat(p.bonus()).isEqualTo(300);
    assertThat(p.replayed()).isFalse();
    assertThat(of.balance(alice)).isEqualTo(6300);
    assertThat(of.balance(till) - tillBefore).isEqualTo(6000);
    assertThat(p.transfers())
        .extracting(Transfer::code)
        .containsExactly(
            TransferCode.ISSUANCE, TransferCode.PURCHASE_BONUS, TransferCode.RESERVE_DEPOSIT);
    assertThat(p.transfers())
        .extracting(Transfer::strand)
        .containsExactly(StrandKind.COOPERATION, StrandKind.COOPERATION, StrandKind.EURO);
    assertThat(p.transfers().get(0).debit()).isEqualTo(of.system.issuance(StrandKind.COOPERATION));
    assertThat(p.transfers().get(2).debit()).isEqualTo(of.system.euroOutside());
    assertThat(p.transfers().get(2).credit()).isEqualTo(till.id());

    ReserveStatement after = reserve();
    assertThat(after.solInCirculation() - before.solInCirculation()).isEqualTo(6300);
    assertThat(after.eurosInTills() - before.eurosInTills()).isEqualTo(6000);
    assertThat(after.eurosBanked()).isEqualTo(before.eurosBanked());
  }

  @Test
  void the_historic_rate_gives_ten_sol_per_euro() {
    of.setRates("0.10", 0, 500);
    Account bruno = of.aMember().open();

    assertThat(buy(bruno, "1.00").orElseThrow().sol()).isEqualTo(1000);
    assertThat(buy(bruno, "0.01").orElseThrow().sol()).isEqualTo(10);
  }

  @Test
  void sol_and_bonus_are_rounded_down_and_the_remainder_stays_in_the_reserve() {
    of.setRates("0.30", 500, 500); // 1.00 EUR buys 3.333... SOL
    Account chloe = of.aMember().open();

    SolPurchased p = buy(chloe, "1.00").orElseThrow();

    assertThat(p.sol()).isEqualTo(333); // 3.33, not 3.34: the euros must cover the SOL
    assertThat(p.bonus()).isEqualTo(16); // 5 % of 3.33 = 0.1665 -> 0.16
    assertThat(p.euros()).isEqualTo(100);
    // 0.01 EUR buys 0.0333 SOL -> 0.03, and no bonus (5 % of 0.03 rounds to 0): two transfers
    SolPurchased tiny = buy(chloe, "0.01").orElseThrow();
    assertThat(tiny.sol()).isEqualTo(3);
    assertThat(tiny.bonus()).isZero();
    assertThat(tiny.transfers())
        .extracting(Transfer::code)
        .containsExactly(TransferCode.ISSUANCE, TransferCode.RESERVE_DEPOSIT);
  }

  @Test
  void euros_that_buy_less_than_a_minor_unit_are_refused_and_nothing_is_posted() {
    of.setRates("3", 0, 500); // 1 SOL = 3 EUR: one cent buys 0.0033 SOL
    Account dan = of.aMember().open();
    long tillBefore = of.balance(till);

    assertThat(buy(dan, "0.01")).isEqualTo(Outcome.refused(OperationReason.AMOUNT_ROUNDS_TO_ZERO));
    assertThat(buy(dan, "0.03").orElseThrow().sol()).isEqualTo(1);
    assertThat(of.balance(till) - tillBefore).isEqualTo(3);
  }

  @Test
  void a_retry_with_the_same_key_answers_the_original_purchase_and_posts_nothing() {
    Account eve = of.aMember().open();
    var purchase = new SolPurchase(of.network(), key(), OFFICE, eve.id(), sol("20.00"));

    SolPurchased first = offices.buy(purchase).orElseThrow();
    SolPurchased again = offices.buy(purchase).orElseThrow();

    assertThat(again.replayed()).isTrue();
    assertThat(again.transfers()).isEqualTo(first.transfers());
    assertThat(of.balance(eve)).isEqualTo(2000);
  }

  @Test
  void the_purchase_is_atomic_when_a_leg_is_rejected() {
    Account frozen = of.aMember().open();
    of.fx.ledger.accounts().setStatus(of.network(), frozen.id(), AccountStatus.FROZEN);
    long tillBefore = of.balance(till);

    assertThat(buy(frozen, "10.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.CREDIT_ACCOUNT_FROZEN));
    assertThat(of.balance(till)).isEqualTo(tillBefore);
  }

  @Test
  void only_coopération_accounts_of_members_merchants_and_associations_buy_at_an_office() {
    Account engagement = of.aMember().in(StrandKind.ENGAGEMENT).open();
    Account funder = of.an(OwnerKind.FUNDER).open();
    Account shop = of.aMerchant().open();

    assertThat(buy(engagement, "1.00")).isEqualTo(Outcome.refused(OperationReason.WRONG_STRAND));
    assertThat(buy(funder, "1.00")).isEqualTo(Outcome.refused(OperationReason.WRONG_OWNER_KIND));
    assertThat(
            offices.buy(
                new SolPurchase(
                    of.network(), key(), OFFICE, new AccountId(987_654_321L), sol("1.00"))))
        .isEqualTo(Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND));
    assertThat(offices.buy(new SolPurchase(of.network(), key(), "nowhere", shop.id(), sol("1"))))
        .isEqualTo(Outcome.refused(OperationReason.UNKNOWN_EXCHANGE_OFFICE));
    assertThat(buy(shop, "1.00").isDone()).isTrue();
  }

  @Test
  void an_office_opened_by_many_requests_at_once_has_one_till() throws Exception {
    int requests = 8;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      // several offices, each opened by eight requests released at once: a check then an insert
      // opened two tills for some of them
      for (int round = 0; round < 20; round++) {
        String office = "comptoir-simultane-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Account>> opened = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
          opened.add(
              pool.submit(
                  () -> {
                    start.await();
                    return offices.openOffice(of.network(), office, "Comptoir simultané");
                  }));
        }
        start.countDown();
        Set<AccountId> tills = new HashSet<>();
        for (Future<Account> till : opened) {
          tills.add(till.get(30, TimeUnit.SECONDS).id());
        }
        assertThat(tills).as(office).hasSize(1);
        assertThat(
                of.fx
                    .ledger
                    .accounts()
                    .findByOwner(of.network(), OwnerKind.EXCHANGE_OFFICE, office))
            .as(office)
            .hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void banking_a_till_moves_its_euros_to_the_guarantee_fund_and_no_more_than_it_holds() {
    String office = "comptoir-gare";
    Account gare = offices.openOffice(of.network(), office, "Comptoir de la gare");
    assertThat(offices.openOffice(of.network(), office, "again").id()).isEqualTo(gare.id());
    Account fred = of.aMember().open();
    offices
        .buy(new SolPurchase(of.network(), key(), office, fred.id(), sol("30.00")))
        .orElseThrow();
    ReserveStatement before = reserve();

    assertThat(offices.bankTill(of.network(), key(), office, sol("30.01")))
        .isEqualTo(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS));
    TillBanked banked = offices.bankTill(of.network(), key(), office, sol("30.00")).orElseThrow();

    assertThat(banked.transfer().code()).isEqualTo(TransferCode.RESERVE_DEPOSIT);
    assertThat(of.balance(gare)).isZero();
    ReserveStatement after = reserve();
    assertThat(after.eurosBanked() - before.eurosBanked()).isEqualTo(3000);
    assertThat(after.eurosHeld()).isEqualTo(before.eurosHeld());
    assertThat(after.solInCirculation()).isEqualTo(before.solInCirculation());
  }

  @Test
  void the_reserve_statement_compares_circulation_and_euros_at_the_rate() {
    // a network of its own, so the statement holds only what this test does
    var network = of.fx.ledger.networks().create("reserve-" + System.nanoTime() % 100_000, "R");
    var settings = of.ops.settings();
    assertThat(offices.reserve(network.id()))
        .isEqualTo(Outcome.refused(OperationReason.NOT_SET_UP));
    settings.setUp(network.id());
    Account member =
        of.fx
            .ledger
            .accounts()
            .open(
                network.id(),
                StrandKind.COOPERATION,
                OwnerKind.MEMBER,
                "m",
                "m",
                java.util.OptionalLong.of(0));
    offices.openOffice(network.id(), "o", "o");
    var purchase = new SolPurchase(network.id(), key(), "o", member.id(), sol("100.00"));
    assertThat(offices.buy(purchase)).isEqualTo(Outcome.refused(OperationReason.RATES_NOT_SET));

    settings.changeRates(
        network.id(),
        new coop.sol.ledger.settings.NetworkRates(
            coop.sol.ledger.settings.EuroRate.of("0.10"),
            coop.sol.ledger.settings.BasisPoints.of(1000),
            coop.sol.ledger.settings.BasisPoints.of(500)),
        OperationsFixture.ADMIN);
    offices.buy(purchase).orElseThrow(); // 100 EUR -> 1000 SOL + 100 bonus

    ReserveStatement s = offices.reserve(network.id()).orElseThrow();
    assertThat(s.solInCirculation()).isEqualTo(110_000);
    assertThat(s.circulationInEuros()).isEqualTo(11_000); // 1100 SOL at 0.10
    assertThat(s.eurosHeld()).isEqualTo(10_000);
    assertThat(s.coverage()).contains(new BigDecimal("0.9090")); // the bonus is not backed
    var report = of.fx.ledger.verifier().verify(network.id());
    assertThat(report.valid()).isTrue();
  }
}
