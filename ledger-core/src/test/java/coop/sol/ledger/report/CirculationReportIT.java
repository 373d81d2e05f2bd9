package coop.sol.ledger.report;

import static coop.sol.ledger.transfer.TransferCode.CORRECTION;
import static coop.sol.ledger.transfer.TransferCode.FONTE;
import static coop.sol.ledger.transfer.TransferCode.ISSUANCE;
import static coop.sol.ledger.transfer.TransferCode.PAYMENT;
import static coop.sol.ledger.transfer.TransferCode.PURCHASE_BONUS;
import static coop.sol.ledger.transfer.TransferCode.RECONVERSION;
import static coop.sol.ledger.transfer.TransferCode.RECONVERSION_FEE;
import static coop.sol.ledger.transfer.TransferCode.REFUND;
import static coop.sol.ledger.transfer.TransferCode.RESERVE_DEPOSIT;
import static coop.sol.ledger.transfer.TransferCode.RESERVE_WITHDRAWAL;
import static coop.sol.ledger.transfer.TransferCode.REWARD;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.CirculationReport.CodeFigure;
import coop.sol.ledger.report.CirculationReport.FonteDestination;
import coop.sol.ledger.report.CirculationReport.MerchantFigure;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.WriterSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every figure of a March report on a hand-built journal whose answers were worked out by hand (see
 * the comments), by the aggregates (with nothing, part or all of the journal aggregated) and by the
 * full scan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CirculationReportIT {
  LedgerFixture fx;
  Journals j;
  Aggregator aggregator;
  CirculationReports reports;
  FullScanReports scans;
  Account issuance, fund, alice, bob, shop1, shop2, asso, outside, reserve, till;
  final ReportPeriod march = ReportPeriod.month(YearMonth.of(2026, 3));
  final Instant asOf = Instant.parse("2026-04-15T12:00:00Z");

  @BeforeAll
  void journal() {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    fx = LedgerFixture.create(WriterSettings.DEFAULTS, clock);
    j = new Journals(fx, clock);
    aggregator = new Aggregator(fx.dataSource, 3); // tiny batches: many steps
    reports = new CirculationReports(fx.dataSource, clock);
    scans = new FullScanReports(fx.dataSource, clock);
    var coop = StrandKind.COOPERATION;
    issuance = j.open(OwnerKind.SYSTEM, coop, "issuance");
    fund = j.open(OwnerKind.SYSTEM, coop, "fund");
    alice = j.open(OwnerKind.MEMBER, coop, "alice");
    bob = j.open(OwnerKind.MEMBER, coop, "bob");
    shop1 = j.open(OwnerKind.MERCHANT, coop, "shop1");
    shop2 = j.open(OwnerKind.MERCHANT, coop, "shop2");
    asso = j.open(OwnerKind.ASSOCIATION, coop, "asso");
    outside = j.open(OwnerKind.SYSTEM, StrandKind.EURO, "euro-outside");
    reserve = j.open(OwnerKind.SYSTEM, StrandKind.EURO, "euro-reserve");
    till = j.open(OwnerKind.EXCHANGE_OFFICE, StrandKind.EURO, "office");

    // February: alice 85.00, shop1 20.00 -> circulation 105.00; euros: till 100.00
    j.at("2026-02-20T10:00").post(ISSUANCE, issuance, alice, 100_00);
    j.post(PURCHASE_BONUS, issuance, alice, 5_00);
    j.post(RESERVE_DEPOSIT, outside, till, 100_00);
    j.at("2026-02-25T10:00").post(PAYMENT, alice, shop1, 20_00);

    // March 1st, 00:30 in Paris (still February 28th in UTC): in March
    j.at("2026-03-01T00:30").post(ISSUANCE, issuance, bob, 50_00); // circulation +5000
    j.post(RESERVE_DEPOSIT, outside, till, 50_00);
    j.at("2026-03-02T11:00").post(PAYMENT, alice, shop1, 30_00); // member -> merchant
    j.post(PAYMENT, bob, shop2, 10_00); // member -> merchant
    j.post(PAYMENT, shop1, shop2, 15_00); // merchant -> merchant
    j.post(PAYMENT, alice, bob, 5_00); // other
    j.at("2026-03-03T09:00").post(RESERVE_DEPOSIT, till, reserve, 120_00);
    j.at("2026-03-05T15:00").post(RECONVERSION, shop2, issuance, 20_00); // circulation -2000
    j.post(RECONVERSION_FEE, shop2, fund, 1_00); // circulation -100
    j.post(RESERVE_WITHDRAWAL, reserve, outside, 20_00);
    j.at("2026-03-10T10:00").post(REWARD, shop1, alice, 2_00);
    j.at("2026-03-15T03:00").post(FONTE, bob, fund, 80); // circulation -80
    j.post(FONTE, alice, fund, 1_00); // circulation -100
    j.at("2026-03-16T10:00").post(PAYMENT, fund, asso, 1_50); // other; circulation +150
    j.at("2026-03-20T10:00").post(REFUND, shop2, bob, 3_00);
    j.at("2026-03-21T10:00").post(CORRECTION, alice, shop1, 50);
    Transfer voided = j.at("2026-03-22T10:00").pending(PAYMENT, alice, shop1, 4_00);
    j.voidPending(voided); // moves nothing
    Transfer held = j.pending(PAYMENT, bob, shop1, 6_00);
    j.at("2026-03-23T10:00").postPending(held, 5_00); // a payment of 5.00 on the 23rd
    // March 31st, 23:30 in Paris (21:30 UTC, summer time): still March
    j.at("2026-03-31T23:30").post(PAYMENT, bob, shop1, 1_00);
    // April 1st, 00:30 in Paris (March 31st in UTC): April
    j.at("2026-04-01T00:30").post(PAYMENT, alice, shop2, 2_00);
    j.post(ISSUANCE, issuance, alice, 10_00);
    fx.assertInvariants();
  }

  @AfterAll
  void close() {
    fx.close();
  }

  ReportRequest marchRequest() {
    return new ReportRequest(
        fx.network.id(), StrandKind.COOPERATION, march, BigDecimal.ONE, ReportRequest.DEFAULT_TOP);
  }

  @Test
  void the_full_scan_gives_the_known_figures() {
    assertMarchFigures(scans.report(marchRequest(), asOf));
  }

  @Test
  void the_aggregates_give_the_known_figures_whatever_part_of_the_journal_they_hold() {
    // nothing aggregated yet: everything is the tail
    assertMarchFigures(reports.report(marchRequest(), asOf));
    // one step of 3 rows per strand: the rest is the tail
    aggregator.step(fx.network.id());
    assertMarchFigures(reports.report(marchRequest(), asOf));
    // all of it
    AggregationRun run = aggregator.catchUp(fx.network.id());
    assertThat(run.busy()).isFalse();
    assertThat(run.watermarks().get(StrandKind.COOPERATION))
        .isEqualTo(headOf(StrandKind.COOPERATION));
    CirculationReport aggregated = reports.report(marchRequest(), asOf);
    assertMarchFigures(aggregated);
    assertThat(aggregated).isEqualTo(scans.report(marchRequest(), asOf));
  }

  long headOf(StrandKind strand) {
    return ReportStore.snapshot(
        fx.dataSource, true, store -> store.heads(fx.network.id().value()).get(strand));
  }

  void assertMarchFigures(CirculationReport r) {
    assertThat(r.header().period()).isEqualTo(march);
    assertThat(r.header().timeZone()).isEqualTo(Journals.PARIS);
    assertThat(r.header().networkCode()).isEqualTo(fx.network.code());

    // circulation: 105.00 at start; +50.00 -20.00 -1.00 -1.80 +1.50 = 133.70 at end
    assertThat(r.circulation().atStart()).isEqualTo(105_00);
    assertThat(r.circulation().atEnd()).isEqualTo(133_70);
    // end of day: 1st-4th 155.00, 5th-14th 134.00, 15th 132.20, 16th-31st 133.70
    // sum 4*15500 + 10*13400 + 13220 + 16*13370 = 423140 over 31 days = 13649.68
    assertThat(r.circulation().daysAveraged()).isEqualTo(31);
    assertThat(r.circulation().average()).isEqualTo(136_50);

    // euros: 100.00 at start (the till); at end till 30.00 + reserve 100.00 = 130.00
    var reserveFigures = r.reserve().orElseThrow();
    assertThat(reserveFigures.atStart()).isEqualTo(100_00);
    assertThat(reserveFigures.atEnd()).isEqualTo(130_00);
    assertThat(reserveFigures.exchangeOfficesAtEnd()).isEqualTo(30_00);
    assertThat(reserveFigures.coverageAtStart()).isEqualTo(new BigDecimal("0.9524")); // 100/105
    assertThat(reserveFigures.coverageAtEnd()).isEqualTo(new BigDecimal("0.9723")); // 130/133.7

    assertThat(r.issued().bought()).isEqualTo(new CountAmount(1, 50_00));
    assertThat(r.issued().bonus()).isEqualTo(CountAmount.ZERO); // February's is before
    assertThat(r.issued().rewards()).isEqualTo(new CountAmount(1, 2_00));
    assertThat(r.issued().volunteerCredits()).isEqualTo(CountAmount.ZERO);
    assertThat(r.issued().vouchersIssued()).isEqualTo(CountAmount.ZERO);
    assertThat(r.issued().vouchersExpired()).isEqualTo(CountAmount.ZERO);

    assertThat(r.reconversion().reconverted()).isEqualTo(new CountAmount(1, 20_00));
    assertThat(r.reconversion().fees()).isEqualTo(new CountAmount(1, 1_00));
    assertThat(r.reconversion().rate()).isEqualTo(new BigDecimal("0.4000")); // 20 / 50

    assertThat(r.fonte().charged()).isEqualTo(new CountAmount(2, 1_80));
    assertThat(r.fonte().destinations())
        .containsExactly(
            new FonteDestination(
                fund.id().value(),
                OwnerKind.SYSTEM,
                "fund",
                new CountAmount(2, 1_80),
                1_50)); // what the fund paid the association

    var p = r.payments();
    // 30 + 10 + 15 + 5 + 1.50 + 5 (pending posted for less) + 1 = 67.50 in 7 payments
    assertThat(p.payments()).isEqualTo(new CountAmount(7, 67_50));
    assertThat(p.refunds()).isEqualTo(new CountAmount(1, 3_00));
    assertThat(p.split().memberToMerchant()).isEqualTo(new CountAmount(4, 46_00));
    assertThat(p.split().merchantToMerchant()).isEqualTo(new CountAmount(1, 15_00));
    assertThat(p.split().merchantToEuros()).isEqualTo(new CountAmount(1, 20_00));
    assertThat(p.split().other()).isEqualTo(new CountAmount(2, 6_50));
    // 6750 * 31 / 423140 = 0.49452
    assertThat(p.velocity()).isEqualTo(new BigDecimal("0.4945"));
    assertThat(p.activeMembers()).isEqualTo(2);
    assertThat(p.activeMerchants()).isEqualTo(2);
    assertThat(p.topByReceived())
        .containsExactly(
            new MerchantFigure(shop1.id().value(), "shop1", "shop1", new CountAmount(3, 36_00)),
            new MerchantFigure(shop2.id().value(), "shop2", "shop2", new CountAmount(2, 25_00)));
    assertThat(p.topByRespent())
        .containsExactly(
            new MerchantFigure(shop1.id().value(), "shop1", "shop1", new CountAmount(1, 15_00)));

    assertThat(r.corrections()).isEqualTo(new CountAmount(1, 50));
    assertThat(r.byCode())
        .containsExactly(
            new CodeFigure("CORRECTION", new CountAmount(1, 50)),
            new CodeFigure("FONTE", new CountAmount(2, 1_80)),
            new CodeFigure("ISSUANCE", new CountAmount(1, 50_00)),
            new CodeFigure("PAYMENT", new CountAmount(7, 67_50)),
            new CodeFigure("RECONVERSION", new CountAmount(1, 20_00)),
            new CodeFigure("RECONVERSION_FEE", new CountAmount(1, 1_00)),
            new CodeFigure("REFUND", new CountAmount(1, 3_00)),
            new CodeFigure("REWARD", new CountAmount(1, 2_00)));
  }

  @Test
  void a_period_not_over_averages_only_the_days_elapsed() {
    // asOf March 2nd at noon: days 1 and 2, both at 155.00
    Instant second = LocalDate.of(2026, 3, 2).atTime(12, 0).atZone(Journals.PARIS).toInstant();
    CirculationReport r = scans.report(marchRequest(), second);
    assertThat(r.circulation().daysAveraged()).isEqualTo(2);
    assertThat(r.circulation().average()).isEqualTo(155_00);
    assertThat(reports.report(marchRequest(), second)).isEqualTo(r);
  }

  @Test
  void a_day_report_counts_the_rows_of_that_paris_day() {
    var request =
        new ReportRequest(
            fx.network.id(),
            StrandKind.COOPERATION,
            ReportPeriod.day(LocalDate.of(2026, 4, 1)),
            BigDecimal.ONE,
            5);
    CirculationReport r = scans.report(request, asOf);
    assertThat(r.payments().payments()).isEqualTo(new CountAmount(1, 2_00));
    assertThat(r.issued().bought()).isEqualTo(new CountAmount(1, 10_00));
    assertThat(r.circulation().atStart()).isEqualTo(133_70);
    assertThat(r.circulation().atEnd()).isEqualTo(143_70);
    assertThat(reports.report(request, asOf)).isEqualTo(r);
  }
}
