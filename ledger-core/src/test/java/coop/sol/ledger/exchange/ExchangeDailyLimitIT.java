package coop.sol.ledger.exchange;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.IdempotencyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An exchange office's daily limit, which its network sets: the ledger refuses the sale that would
 * pass it, counts a retried sale once, forgets a sale it rejected, and lets exactly as much through
 * when two application instances sell at once.
 */
class ExchangeDailyLimitIT {
  static OperationsFixture of;
  static ExchangeOffices offices;

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    offices = of.ops.exchange();
  }

  @AfterAll
  static void stop() {
    of.close();
  }

  static Outcome<SolPurchased> buy(
      ExchangeOffices at, String office, Account buyer, IdempotencyKey key, String euros) {
    return at.buy(new SolPurchase(of.network(), key, office, buyer.id(), sol(euros)));
  }

  @Test
  void a_sale_past_the_days_limit_is_refused_and_a_retry_counts_once() {
    String office = "comptoir-limite";
    offices.openOffice(of.network(), office, "Comptoir limité");
    offices.setLimits(
        of.network(), new ExchangeLimits(OptionalLong.of(50_00), OptionalLong.of(100_00)));
    assertThat(offices.limits(of.network()).asksConfirmation(50_01)).isTrue();
    assertThat(offices.limits(of.network()).asksConfirmation(50_00)).isFalse();
    Account alice = of.aMember().open();

    IdempotencyKey first = key();
    assertThat(buy(offices, office, alice, first, "60.00").isDone()).isTrue();
    Outcome<SolPurchased> over = buy(offices, office, alice, key(), "40.01");
    assertThat(over).isEqualTo(new Outcome.Refused<>(OperationReason.OFFICE_DAILY_LIMIT_EXCEEDED));
    // the retry of the first sale is the first sale, counted once
    assertThat(buy(offices, office, alice, first, "60.00").orElseThrow().replayed()).isTrue();
    assertThat(buy(offices, office, alice, key(), "40.00").isDone()).isTrue();
    assertThat(offices.soldToday(of.network(), office)).isEqualTo(100_00);
    assertThat(buy(offices, office, alice, key(), "0.01").isDone()).isFalse();

    // the next day starts again
    of.clock.advance(java.time.Duration.ofDays(1));
    assertThat(offices.soldToday(of.network(), office)).isZero();
    assertThat(buy(offices, office, alice, key(), "100.00").isDone()).isTrue();
    of.assertInvariants();
  }

  @Test
  void two_instances_selling_at_once_never_pass_the_limit_together() throws Exception {
    String office = "comptoir-double";
    offices.openOffice(of.network(), office, "Comptoir à deux guichets");
    offices.setLimits(
        of.network(), new ExchangeLimits(OptionalLong.empty(), OptionalLong.of(100_00)));
    // a second application instance on the same database
    ExchangeOffices other = new Operations(of.fx.ledger, of.fx.dataSource, of.clock).exchange();
    Account bruno = of.aMember().open();
    long before = of.balance(bruno);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> sales = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        ExchangeOffices at = i % 2 == 0 ? offices : other;
        sales.add(() -> buy(at, office, bruno, key(), "15.00").isDone());
      }
      int sold = 0;
      for (Future<Boolean> sale : pool.invokeAll(sales)) {
        sold += sale.get() ? 1 : 0;
      }
      // 6 × 15.00 = 90.00; a 7th would make 105.00
      assertThat(sold).isEqualTo(6);
    } finally {
      pool.shutdownNow();
    }
    assertThat(offices.soldToday(of.network(), office)).isEqualTo(90_00);
    assertThat(of.balance(bruno) - before).isEqualTo(90_00);
    of.assertInvariants();
  }
}
