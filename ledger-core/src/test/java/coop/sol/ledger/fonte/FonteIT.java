package coop.sol.ledger.fonte;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.FontePeriod;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.HistoryQuery;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fonte on a network of its own per test (a run charges every account of the strand). Monthly
 * periods from 1 February 2030 (UTC), 2 % at least 0.01; accounts are funded in January, the clock
 * moves by hand.
 */
class FonteIT {
  static final Actor COORDINATOR = Actor.of("coordinator");
  static final FontePeriod FEBRUARY =
      new FontePeriod(LocalDate.of(2030, 2, 1), LocalDate.of(2030, 3, 1));
  static final FontePeriod MARCH =
      new FontePeriod(LocalDate.of(2030, 3, 1), LocalDate.of(2030, 4, 1));

  OperationsFixture of;
  Fonte fonte;
  AccountId fund;

  @BeforeEach
  void start() {
    of = OperationsFixture.create(); // 1 January 2030
    fonte = of.ops.fonte();
    fund = of.system.fund(StrandKind.COOPERATION);
    setRule(StrandKind.COOPERATION, true, 200, Period.ofMonths(1), fund);
  }

  @AfterEach
  void stop() {
    of.assertInvariants();
    of.close();
  }

  void setRule(StrandKind strand, boolean enabled, int bp, Period idle, AccountId fundAccount) {
    of.ops
        .settings()
        .changeFonteRule(
            of.network(),
            strand,
            new FonteRule(
                enabled,
                BasisPoints.of(bp),
                idle,
                LocalDate.of(2030, 2, 1),
                ZoneOffset.UTC,
                1,
                fundAccount),
            COORDINATOR)
        .orElseThrow();
  }

  void at(String instant) {
    of.clock.set(Instant.parse(instant));
  }

  Outcome<FonteRunReport> run(FontePeriod period) {
    return fonte.run(of.network(), StrandKind.COOPERATION, period, COORDINATOR);
  }

  static Map<AccountId, FonteCharge> byAccount(List<FonteCharge> charges) {
    return charges.stream().collect(Collectors.toMap(FonteCharge::account, c -> c));
  }

  List<Transfer> fonteTransfers(Account account) {
    return of.fx
        .ledger
        .transfers()
        .history(
            of.network(),
            account.id(),
            new HistoryQuery(null, null, null, java.util.Set.of(TransferCode.FONTE), 100));
  }

  @Test
  void sleeping_balances_melt_into_the_fund_rounded_down_at_least_the_minimum() {
    Account alice = of.aMember().withBalance("100.00");
    Account bob = of.aMember().withBalance("100.00");
    Account carol = of.aMember().withBalance("0.49");
    Account erin = of.aMember().withBalance("0.01");
    Account dan = of.aMember().open();
    Account shop = of.aMerchant().withBalance("1000.00");
    Account asso = of.an(OwnerKind.ASSOCIATION).withBalance("50.00");
    Account frozen = of.aMember().withBalance("100.00");
    of.fx.ledger.accounts().setStatus(of.network(), frozen.id(), AccountStatus.FROZEN);
    Account funder = of.an(OwnerKind.FUNDER).withBalance("100.00");
    at("2030-02-10T12:00:00Z");
    of.fx.pay(bob, shop, "1.00"); // bob spent in February; the shop only received
    at("2030-02-15T12:00:00Z");
    Account frank = of.aMember().withBalance("100.00"); // money that arrived during the period
    at("2030-03-02T09:00:00Z");
    long fundBefore = of.balance(fund);

    FontePreview preview =
        fonte.preview(of.network(), StrandKind.COOPERATION, FEBRUARY).orElseThrow();

    Map<AccountId, Long> expected =
        Map.of(
            alice.id(), 200L, // 2 % of 100.00
            carol.id(), 1L, // 2 % of 0.49 is 0.0098: the minimum
            erin.id(), 1L, // the last cent, to zero and not below
            shop.id(), 2_002L, // 2 % of 1001.00
            asso.id(), 100L);
    assertThat(preview.charges())
        .allMatch(c -> c.status() == ChargeStatus.DUE)
        .extracting(FonteCharge::account)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    preview.charges().forEach(c -> assertThat(c.amount()).isEqualTo(expected.get(c.account())));
    assertThat(preview.totalDue()).isEqualTo(2_304);
    assertThat(of.balance(alice)).as("a preview posts nothing").isEqualTo(10_000);

    FonteRunReport report = run(FEBRUARY).orElseThrow();

    assertThat(report.charges()).allMatch(c -> c.status() == ChargeStatus.CHARGED);
    assertThat(byAccount(report.charges()).keySet()).isEqualTo(expected.keySet());
    assertThat(report.chargedNow()).isEqualTo(2_304);
    assertThat(report.run().chargedCount()).isEqualTo(5);
    assertThat(report.run().chargedTotal()).isEqualTo(2_304);
    assertThat(report.run().completedAt()).isPresent();
    assertThat(report.run().startedBy()).isEqualTo(COORDINATOR);
    assertThat(of.balance(fund) - fundBefore).isEqualTo(2_304);
    assertThat(of.balance(alice)).isEqualTo(9_800);
    assertThat(of.balance(erin)).isZero();
    assertThat(of.balance(carol)).isEqualTo(48);
    for (Account untouched : List.of(bob, dan, frozen, funder, frank)) {
      assertThat(fonteTransfers(untouched)).as(untouched.name()).isEmpty();
    }
    Transfer t = fonteTransfers(alice).get(0);
    assertThat(t.credit()).isEqualTo(fund);
    assertThat(t.reference()).isEqualTo("fonte-run:" + report.run().id());
    assertThat(fonte.runs(of.network(), StrandKind.COOPERATION)).containsExactly(report.run());
  }

  @Test
  void running_the_same_period_again_posts_nothing_new() {
    Account alice = of.aMember().withBalance("100.00");
    Account gus = of.aMember().withBalance("10.00");
    Account shop = of.aMerchant().open();
    at("2030-03-01T10:00:00Z");
    of.fx.pay(gus, shop, "10.00"); // after the period: gus still owes the fonte, but holds nothing
    at("2030-03-02T09:00:00Z");

    FonteRunReport first = run(FEBRUARY).orElseThrow();
    assertThat(byAccount(first.charges()).get(gus.id()).status())
        .isEqualTo(ChargeStatus.NOTHING_LEFT);
    long rows = journalRows();
    of.fx.pay(shop, gus, "10.00"); // gus has money again
    long rowsAfterPayment = journalRows();

    FonteRunReport second = run(FEBRUARY).orElseThrow();
    FonteRunReport scheduled =
        fonte.runDue(of.network(), StrandKind.COOPERATION, COORDINATOR).orElseThrow();

    for (FonteRunReport again : List.of(second, scheduled)) {
      assertThat(again.chargedNow()).isZero();
      assertThat(again.run().id()).isEqualTo(first.run().id());
      assertThat(again.charges())
          .extracting(FonteCharge::account, FonteCharge::status, FonteCharge::amount)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(alice.id(), ChargeStatus.ALREADY_CHARGED, 200L));
    }
    assertThat(journalRows()).isEqualTo(rowsAfterPayment).isEqualTo(rows + 1);
    assertThat(of.balance(alice)).isEqualTo(9_800);
    assertThat(of.balance(gus)).isEqualTo(1_000);
    assertThat(
            fonte.preview(of.network(), StrandKind.COOPERATION, FEBRUARY).orElseThrow().totalDue())
        .isZero();
  }

  @Test
  void a_run_needs_an_enabled_rule_a_scheduled_period_and_its_end() {
    of.aMember().withBalance("100.00");
    at("2030-02-28T23:59:59Z");
    assertThat(run(FEBRUARY)).isEqualTo(Outcome.refused(OperationReason.PERIOD_NOT_OVER));
    assertThat(fonte.preview(of.network(), StrandKind.COOPERATION, FEBRUARY))
        .isEqualTo(Outcome.refused(OperationReason.PERIOD_NOT_OVER));
    assertThat(fonte.runDue(of.network(), StrandKind.COOPERATION, COORDINATOR))
        .isEqualTo(Outcome.refused(OperationReason.NOTHING_DUE));
    at("2030-03-01T00:00:00Z");
    assertThat(run(new FontePeriod(LocalDate.of(2030, 2, 2), LocalDate.of(2030, 3, 2))))
        .isEqualTo(Outcome.refused(OperationReason.PERIOD_NOT_IN_SCHEDULE));
    assertThat(fonte.run(of.network(), StrandKind.ENGAGEMENT, FEBRUARY, COORDINATOR))
        .isEqualTo(Outcome.refused(OperationReason.NO_FONTE_RULE));
    of.clock.advance(java.time.Duration.ofSeconds(1));
    setRule(StrandKind.COOPERATION, false, 200, Period.ofMonths(1), fund);
    assertThat(run(FEBRUARY)).isEqualTo(Outcome.refused(OperationReason.NO_FONTE_RULE));
    assertThat(fonte.runDue(of.network(), StrandKind.COOPERATION, COORDINATOR))
        .isEqualTo(Outcome.refused(OperationReason.NO_FONTE_RULE));
    assertThat(fonte.runs(of.network(), StrandKind.COOPERATION)).isEmpty();
  }

  @Test
  void the_charge_is_on_the_balance_at_the_end_of_the_period_and_never_more_than_what_is_left() {
    Account alice = of.aMember().withBalance("100.00");
    Account bob = of.aMember().withBalance("100.00");
    Account shop = of.aMerchant().open();
    at("2030-03-01T10:00:00Z"); // after the period ended, before the run
    Account friend = of.aMember().withBalance("50.00"); // credited after the period: not subject
    of.fx.pay(friend, alice, "50.00");
    of.fx.pay(bob, shop, "99.50");
    at("2030-03-02T09:00:00Z");

    Map<AccountId, FonteCharge> charges = byAccount(run(FEBRUARY).orElseThrow().charges());

    assertThat(charges.get(alice.id()).balanceAtPeriodEnd()).isEqualTo(10_000);
    assertThat(charges.get(alice.id()).amount()).isEqualTo(200); // not 2 % of 150.00
    assertThat(charges.get(bob.id()).amount()).isEqualTo(50); // 2.00 due, 0.50 left
    assertThat(of.balance(bob)).isZero();
    assertThat(of.balance(alice)).isEqualTo(14_800);
  }

  @Test
  void payments_going_on_during_a_run_are_safe() throws Exception {
    List<Account> members = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      members.add(of.aMember().withBalance("10.00"));
    }
    Account shop = of.aMerchant().open();
    at("2030-03-02T09:00:00Z");
    var pool = Executors.newFixedThreadPool(4);
    var stop = new AtomicBoolean();
    var payments = new ArrayList<CompletableFuture<Void>>();
    for (int t = 0; t < 3; t++) {
      payments.add(
          CompletableFuture.runAsync(
              () -> {
                var random = ThreadLocalRandom.current();
                while (!stop.get()) {
                  Account m = members.get(random.nextInt(members.size()));
                  // often the whole balance, so that charges and payments compete for it
                  of.fx.pay(m, shop, random.nextBoolean() ? "9.90" : "0.10");
                }
              },
              pool));
    }

    FonteRunReport report = run(FEBRUARY).orElseThrow();
    stop.set(true);
    CompletableFuture.allOf(payments.toArray(CompletableFuture[]::new)).get();
    pool.shutdown();

    assertThat(report.charges()).hasSize(150);
    assertThat(report.charges())
        .allMatch(
            c -> c.status() == ChargeStatus.CHARGED || c.status() == ChargeStatus.NOTHING_LEFT)
        .allMatch(c -> c.amount() <= 20);
    for (Account m : members) {
      assertThat(of.balance(m)).isGreaterThanOrEqualTo(0);
      assertThat(fonteTransfers(m)).hasSizeLessThanOrEqualTo(1);
    }
    long charged =
        members.stream().flatMap(m -> fonteTransfers(m).stream()).mapToLong(Transfer::amount).sum();
    assertThat(charged).isEqualTo(report.chargedNow());
    assertThat(run(FEBRUARY).orElseThrow().chargedNow()).isZero();
  }

  @Test
  void the_scheduled_run_charges_each_period_once_as_periods_end() {
    Account alice = of.aMember().withBalance("100.00");
    at("2030-03-15T09:00:00Z");

    FonteRunReport february =
        fonte.runDue(of.network(), StrandKind.COOPERATION, COORDINATOR).orElseThrow();
    assertThat(february.run().period()).isEqualTo(FEBRUARY);
    assertThat(february.chargedNow()).isEqualTo(200);
    at("2030-03-31T23:59:59Z");
    assertThat(
            fonte
                .runDue(of.network(), StrandKind.COOPERATION, COORDINATOR)
                .orElseThrow()
                .chargedNow())
        .isZero();
    at("2030-04-01T00:00:00Z");
    FonteRunReport march =
        fonte.runDue(of.network(), StrandKind.COOPERATION, COORDINATOR).orElseThrow();

    assertThat(march.run().period()).isEqualTo(MARCH);
    assertThat(march.chargedNow()).isEqualTo(196); // 2 % of 98.00: the fonte is not a payment
    assertThat(of.balance(alice)).isEqualTo(9_604);
    assertThat(fonte.runs(of.network(), StrandKind.COOPERATION))
        .extracting(FonteRun::period)
        .containsExactly(FEBRUARY, MARCH);
  }

  @Test
  void a_new_schedule_cannot_run_a_period_overlapping_one_already_run() {
    of.aMember().withBalance("100.00");
    at("2030-04-02T09:00:00Z");
    run(FEBRUARY).orElseThrow();
    setRule(StrandKind.COOPERATION, true, 300, Period.ofMonths(2), fund);

    FontePeriod twoMonths = new FontePeriod(LocalDate.of(2030, 2, 1), LocalDate.of(2030, 4, 1));
    assertThat(run(twoMonths)).isEqualTo(Outcome.refused(OperationReason.PERIOD_OVERLAPS_RUN));
    // the period already run keeps the rule it was run with, and posts nothing new
    assertThat(run(FEBRUARY).orElseThrow().chargedNow()).isZero();
  }

  @Test
  void each_strand_has_its_own_rule_and_fund() {
    Account coop = of.aMember().withBalance("100.00");
    Account engagement = of.aMember().in(StrandKind.ENGAGEMENT).withBalance("10.00");
    AccountId engagementFund = of.system.fund(StrandKind.ENGAGEMENT);
    setRule(StrandKind.ENGAGEMENT, true, 1_000, Period.ofMonths(1), engagementFund);
    at("2030-03-02T09:00:00Z");

    FonteRunReport report =
        fonte.run(of.network(), StrandKind.ENGAGEMENT, FEBRUARY, COORDINATOR).orElseThrow();

    assertThat(report.charges()).extracting(FonteCharge::account).containsExactly(engagement.id());
    assertThat(of.balance(engagement)).isEqualTo(900);
    assertThat(of.balance(engagementFund)).isEqualTo(100);
    assertThat(of.balance(coop)).isEqualTo(10_000);
  }

  long journalRows() {
    return of.fx.ledger.verifier().verify(of.network()).rows().values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }
}
