package coop.sol.ledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aggregator is idempotent, one at a time per network, and catches up while transfers post. */
class AggregatorIT {
  LedgerFixture fx;
  Account alice;
  Account bob;
  Account shop;

  @BeforeEach
  void ledger() {
    fx = LedgerFixture.create();
    alice = fx.aMember().withBalance("1000.00");
    bob = fx.aMember().withBalance("1000.00");
    shop = fx.aMerchant().withBalance("10.00");
  }

  @AfterEach
  void close() {
    fx.close();
  }

  /** Every aggregate row of the network, as text, sorted. */
  List<String> aggregates() {
    var rows = new ArrayList<String>();
    for (String table :
        List.of(
            "report_flow_day", "report_account_day", "report_account_month", "report_fonte_day")) {
      DSL.using(fx.dataSource, SQLDialect.POSTGRES)
          .fetch("SELECT * FROM " + table + " WHERE network_id = ?", fx.network.id().value())
          .forEach(r -> rows.add(table + " " + r.intoList()));
    }
    rows.sort(null);
    return rows;
  }

  @Test
  void running_it_again_changes_nothing() {
    for (int i = 0; i < 20; i++) {
      fx.pay(alice, shop, "1.25");
      fx.pay(shop, bob, "0.50");
    }
    var aggregator = new Aggregator(fx.dataSource, 7);
    AggregationRun first = aggregator.catchUp(fx.network.id());
    assertThat(first.folded().get(StrandKind.COOPERATION)).isEqualTo(43); // 3 fundings + 40
    List<String> once = aggregates();
    assertThat(once).isNotEmpty();

    AggregationRun second = aggregator.catchUp(fx.network.id());
    assertThat(second.totalFolded()).isZero();
    assertThat(aggregates()).isEqualTo(once);
    assertThat(aggregator.watermarks(fx.network.id()).get(StrandKind.COOPERATION)).isEqualTo(43);
  }

  @Test
  void a_second_aggregator_is_told_busy_and_does_nothing() throws Exception {
    fx.pay(alice, shop, "1.00");
    try (var c = fx.dataSource.getConnection();
        var st = c.createStatement()) {
      st.execute("SELECT pg_advisory_lock(" + Aggregator.LOCK_CLASS + ", " + fx.network.id() + ")");
      AggregationRun run = new Aggregator(fx.dataSource).step(fx.network.id());
      assertThat(run.busy()).isTrue();
      assertThat(run.totalFolded()).isZero();
      st.execute(
          "SELECT pg_advisory_unlock(" + Aggregator.LOCK_CLASS + ", " + fx.network.id() + ")");
    }
    assertThat(new Aggregator(fx.dataSource).step(fx.network.id()).totalFolded()).isEqualTo(4);
  }

  @Test
  void it_catches_up_while_transfers_keep_posting_and_agrees_with_a_rebuild() throws Exception {
    var posting = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> payers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Account from = t == 0 ? alice : bob;
        payers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 300 && posting.get(); i++) {
                    var futures = new ArrayList<CompletableFuture<?>>();
                    for (int k = 0; k < 5; k++) {
                      futures.add(
                          fx.ledger
                              .transfers()
                              .submit(
                                  fx.network.id(),
                                  TransferCommand.posted(
                                      LedgerFixture.key(),
                                      StrandKind.COOPERATION,
                                      from.id(),
                                      shop.id(),
                                      LedgerFixture.sol("0.01"),
                                      TransferCode.PAYMENT)));
                    }
                    futures.forEach(CompletableFuture::join);
                  }
                }));
      }
      // two aggregators racing each other while the payers post
      var aggregators = new ArrayList<Future<Long>>();
      for (int a = 0; a < 2; a++) {
        aggregators.add(
            pool.submit(
                () -> {
                  var aggregator = new Aggregator(fx.dataSource, 50);
                  long folded = 0;
                  while (!payers.stream().allMatch(Future::isDone)) {
                    folded += aggregator.catchUp(fx.network.id()).totalFolded();
                  }
                  return folded;
                }));
      }
      for (Future<?> f : payers) {
        f.get();
      }
      long folded = 0;
      for (Future<Long> f : aggregators) {
        folded += f.get();
      }
      folded += new Aggregator(fx.dataSource).catchUp(fx.network.id()).totalFolded();
      long rows = 3 + 2 * 300 * 5;
      assertThat(folded).as("every row folded exactly once").isEqualTo(rows);
    } finally {
      posting.set(false);
      pool.shutdownNow();
    }
    fx.assertInvariants();

    var request =
        ReportRequest.of(
            fx.network.id(),
            StrandKind.COOPERATION,
            ReportPeriod.custom(LocalDate.now().minusDays(2), LocalDate.now().plusDays(2)));
    Instant asOf = Instant.now();
    CirculationReport aggregated =
        new CirculationReports(fx.dataSource, Clock.systemUTC()).report(request, asOf);
    assertThat(aggregated)
        .isEqualTo(new FullScanReports(fx.dataSource, Clock.systemUTC()).report(request, asOf));
    assertThat(aggregated.payments().payments()).isEqualTo(new CountAmount(3000, 3000));

    // dropping the aggregates and rebuilding them from the journal gives the same rows
    List<String> incremental = aggregates();
    var aggregator = new Aggregator(fx.dataSource);
    ZoneId zone = aggregator.timeZone(fx.network.id());
    assertThat(aggregator.changeTimeZone(fx.network.id(), zone)).isTrue();
    assertThat(aggregates()).isEmpty();
    assertThat(new CirculationReports(fx.dataSource, Clock.systemUTC()).report(request, asOf))
        .as("exact from the tail alone")
        .isEqualTo(aggregated);
    aggregator.catchUp(fx.network.id());
    assertThat(aggregates()).isEqualTo(incremental);
    assertThat(aggregated.header().euroPerSol()).isEqualTo(BigDecimal.ONE);
  }
}
