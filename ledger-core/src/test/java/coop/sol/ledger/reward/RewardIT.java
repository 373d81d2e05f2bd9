package coop.sol.ledger.reward;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.TransferCode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RewardIT {
  static OperationsFixture of;
  static Rewards rewards;

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    rewards = of.ops.rewards();
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

  static Account merchantRewarding(String percent, String balance) {
    Account shop = of.aMerchant().withBalance(balance);
    of.ops
        .settings()
        .changeRewardRate(
            of.network(), shop.ownerRef(), BasisPoints.ofPercent(percent), OperationsFixture.ADMIN);
    return shop;
  }

  static Outcome<RewardPaid> reward(Account shop, Account member, String euros) {
    return rewards.reward(
        new PurchaseReward(of.network(), key(), shop.id(), member.id(), sol(euros), "ticket-1"));
  }

  @Test
  void the_member_receives_the_merchants_rate_of_the_purchase_paid_by_the_merchant() {
    Account bakery = merchantRewarding("5", "10.00");
    Account alice = of.aMember().open();

    RewardPaid paid = reward(bakery, alice, "20.00").orElseThrow();

    assertThat(paid.amount()).isEqualTo(100);
    assertThat(paid.rate()).isEqualTo(BasisPoints.of(500));
    assertThat(paid.transfer().code()).isEqualTo(TransferCode.REWARD);
    assertThat(paid.transfer().debit()).isEqualTo(bakery.id());
    assertThat(paid.transfer().reference()).isEqualTo("ticket-1");
    assertThat(of.balance(alice)).isEqualTo(100);
    assertThat(of.balance(bakery)).isEqualTo(900);
  }

  @Test
  void the_reward_is_rounded_down_once_and_refused_when_it_rounds_to_zero() {
    Account bakery = merchantRewarding("5", "10.00");
    Account bruno = of.aMember().open();

    assertThat(reward(bakery, bruno, "0.19"))
        .isEqualTo(Outcome.refused(OperationReason.AMOUNT_ROUNDS_TO_ZERO)); // 0.0095
    assertThat(reward(bakery, bruno, "0.20").orElseThrow().amount()).isEqualTo(1);
    assertThat(reward(bakery, bruno, "0.39").orElseThrow().amount()).isEqualTo(1); // 0.0195
    // at the historic rate 12.34 EUR are 123.4 SOL; 3 % is 3.702 -> 3.70, rounded once
    of.setRates("0.10", 0, 500);
    Account books = merchantRewarding("3", "10.00");
    assertThat(reward(books, bruno, "12.34").orElseThrow().amount()).isEqualTo(370);
    assertThat(of.balance(bruno)).isEqualTo(372);
  }

  @Test
  void a_merchant_without_a_rate_or_without_the_sol_gives_no_reward() {
    Account noRate = of.aMerchant().withBalance("10.00");
    Account zeroRate = merchantRewarding("0", "10.00");
    Account poor = merchantRewarding("10", "0.99");
    Account chloe = of.aMember().open();

    assertThat(reward(noRate, chloe, "10.00"))
        .isEqualTo(Outcome.refused(OperationReason.NO_REWARD_RATE));
    assertThat(reward(zeroRate, chloe, "10.00"))
        .isEqualTo(Outcome.refused(OperationReason.NO_REWARD_RATE));
    assertThat(reward(poor, chloe, "10.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(of.balance(chloe)).isZero();
  }

  @Test
  void only_a_merchant_rewards_and_only_a_member_is_rewarded_in_coopération() {
    Account shop = merchantRewarding("5", "10.00");
    Account other = merchantRewarding("5", "10.00");
    Account dan = of.aMember().withBalance("10.00");
    Account engagement = of.aMember().in(StrandKind.ENGAGEMENT).open();

    assertThat(reward(shop, other, "10.00"))
        .isEqualTo(Outcome.refused(OperationReason.WRONG_OWNER_KIND));
    assertThat(reward(dan, dan, "10.00"))
        .isEqualTo(Outcome.refused(OperationReason.WRONG_OWNER_KIND));
    assertThat(reward(shop, engagement, "10.00"))
        .isEqualTo(Outcome.refused(OperationReason.WRONG_STRAND));
  }

  @Test
  void a_retry_pays_once_and_a_new_rate_applies_to_later_purchases() {
    Account shop = merchantRewarding("5", "10.00");
    Account eve = of.aMember().open();
    var purchase = new PurchaseReward(of.network(), key(), shop.id(), eve.id(), sol("10"), "");

    RewardPaid first = rewards.reward(purchase).orElseThrow();
    assertThat(rewards.reward(purchase).orElseThrow())
        .isEqualTo(new RewardPaid(first.rate(), first.amount(), first.transfer(), true));
    of.clock.advance(Duration.ofMinutes(1));
    of.ops
        .settings()
        .changeRewardRate(
            of.network(), shop.ownerRef(), BasisPoints.ofPercent("10"), OperationsFixture.ADMIN);
    assertThat(reward(shop, eve, "10.00").orElseThrow().amount()).isEqualTo(100);
    assertThat(of.balance(eve)).isEqualTo(150);
  }
}
