package coop.sol.ledger.volunteer;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.TransferCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VolunteeringIT {
  static OperationsFixture of;
  static Volunteering volunteering;
  static final Actor COORDINATOR = Actor.of("coordinator");

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    volunteering = of.ops.volunteering();
  }

  @AfterAll
  static void stop() {
    of.close();
  }

  @AfterEach
  void invariantsHold() {
    of.assertInvariants();
  }

  /** An association with an allowance and a rate in minor units per hour. */
  static Account association(String allowance, long minorPerHour) {
    Account asso = of.an(OwnerKind.ASSOCIATION).in(StrandKind.ENGAGEMENT).open();
    if (!allowance.equals("0")) {
      volunteering
          .grantAllowance(of.network(), key(), asso.id(), sol(allowance), COORDINATOR)
          .orElseThrow();
    }
    of.ops.settings().changeVolunteerRate(of.network(), asso.ownerRef(), minorPerHour, COORDINATOR);
    return asso;
  }

  static Account volunteer() {
    return of.aMember().in(StrandKind.ENGAGEMENT).open();
  }

  static Outcome<HoursCredited> certify(Account asso, Account member, long minutes) {
    return volunteering.certify(
        new VolunteerHours(of.network(), key(), asso.id(), member.id(), minutes, "jardin"));
  }

  @Test
  void hours_are_credited_at_the_associations_rate_out_of_its_allowance() {
    Account garden = association("600.00", 6_000); // 60.00 SOL an hour: 1 SOL a minute
    Account alice = volunteer();

    HoursCredited credited = certify(garden, alice, 120).orElseThrow();

    assertThat(credited.amount()).isEqualTo(12_000);
    assertThat(credited.transfer().code()).isEqualTo(TransferCode.VOLUNTEER_CREDIT);
    assertThat(credited.transfer().memo()).isEqualTo("120 min - jardin");
    assertThat(of.balance(alice)).isEqualTo(12_000);
    assertThat(volunteering.remainingAllowance(of.network(), garden.id()).orElseThrow())
        .isEqualTo(48_000);
    var allowance =
        of.fx
            .ledger
            .transfers()
            .history(of.network(), garden.id(), coop.sol.ledger.transfer.HistoryQuery.latest(10));
    assertThat(allowance)
        .extracting(t -> t.code())
        .containsExactly(TransferCode.VOLUNTEER_CREDIT, TransferCode.VOLUNTEER_ALLOWANCE);
    assertThat(allowance.get(1).debit()).isEqualTo(of.system.issuance(StrandKind.ENGAGEMENT));
  }

  @Test
  void the_credit_is_rounded_down_and_refused_when_it_rounds_to_zero() {
    Account slow = association("10.00", 100); // 1.00 SOL an hour
    Account cheap = association("10.00", 59); // 0.59 SOL an hour: a minute is worth 0.0098
    Account bruno = volunteer();

    assertThat(certify(slow, bruno, 1).orElseThrow().amount()).isEqualTo(1); // 1.67 -> 1
    assertThat(certify(slow, bruno, 59).orElseThrow().amount()).isEqualTo(98); // 98.3 -> 98
    assertThat(certify(slow, bruno, 60).orElseThrow().amount()).isEqualTo(100);
    assertThat(certify(cheap, bruno, 1))
        .isEqualTo(Outcome.refused(OperationReason.AMOUNT_ROUNDS_TO_ZERO));
    assertThat(certify(cheap, bruno, 2).orElseThrow().amount()).isEqualTo(1);
  }

  @Test
  void hours_beyond_the_allowance_are_refused_with_their_own_reason() {
    Account small = association("1.00", 6_000);
    Account none = association("0", 6_000);
    Account chloe = volunteer();

    assertThat(certify(none, chloe, 1)).isEqualTo(Outcome.refused(OperationReason.OVER_ALLOWANCE));
    assertThat(
            volunteering.certify(
                new VolunteerHours(of.network(), key(), small.id(), chloe.id(), 2, "")))
        .isEqualTo(Outcome.refused(OperationReason.OVER_ALLOWANCE)); // 2.00 > 1.00
    assertThat(certify(small, chloe, 1).orElseThrow().amount()).isEqualTo(100); // all of it
    assertThat(certify(small, chloe, 1)).isEqualTo(Outcome.refused(OperationReason.OVER_ALLOWANCE));
    assertThat(of.balance(chloe)).isEqualTo(100);
    assertThat(of.balance(small)).isZero();
  }

  @Test
  void concurrent_certifications_never_spend_more_than_the_allowance() {
    Account busy = association("50.00", 1_000); // 10.00 SOL an hour
    List<Account> members = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      members.add(volunteer());
    }

    ExecutorService pool = Executors.newFixedThreadPool(12);
    var outcomes =
        members.stream()
            .map(m -> CompletableFuture.supplyAsync(() -> certify(busy, m, 60), pool))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();
    pool.shutdown();

    assertThat(outcomes.stream().filter(Outcome::isDone)).hasSize(5);
    assertThat(outcomes.stream().filter(o -> !o.isDone()))
        .allMatch(o -> o.equals(Outcome.refused(OperationReason.OVER_ALLOWANCE)));
    assertThat(of.balance(busy)).isZero();
    assertThat(members.stream().mapToLong(of::balance).sum()).isEqualTo(5_000);
  }

  @Test
  void only_associations_credit_members_in_engagement_at_a_set_rate() {
    Account asso = association("10.00", 6_000);
    Account noRate = of.an(OwnerKind.ASSOCIATION).in(StrandKind.ENGAGEMENT).open();
    Account dan = volunteer();
    Account coopMember = of.aMember().open();
    Account shop = of.aMerchant().in(StrandKind.ENGAGEMENT).open();

    assertThat(certify(noRate, dan, 60))
        .isEqualTo(Outcome.refused(OperationReason.NO_VOLUNTEER_RATE));
    assertThat(certify(asso, coopMember, 60))
        .isEqualTo(Outcome.refused(OperationReason.WRONG_STRAND));
    assertThat(certify(asso, shop, 60))
        .isEqualTo(Outcome.refused(OperationReason.WRONG_OWNER_KIND));
    assertThat(certify(dan, dan, 60)).isEqualTo(Outcome.refused(OperationReason.WRONG_OWNER_KIND));
    assertThat(volunteering.grantAllowance(of.network(), key(), dan.id(), sol("1.00"), COORDINATOR))
        .isEqualTo(Outcome.refused(OperationReason.WRONG_OWNER_KIND));
  }
}
