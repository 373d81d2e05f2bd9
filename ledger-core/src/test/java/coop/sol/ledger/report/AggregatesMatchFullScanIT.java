package coop.sol.ledger.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.WriterSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random journals (every code, pending rows posted for less or voided, the euro ledger, a second
 * strand, times across a month end and a daylight-saving change, several report time zones), with
 * the aggregator run at random points so that part of the journal is always the tail: every report
 * from the aggregates equals the same report by full scan, for day, month, year and custom periods.
 */
class AggregatesMatchFullScanIT {
  static LedgerFixture fx;
  static SettableClock clock;
  static final AtomicInteger NETWORKS = new AtomicInteger();
  static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("Europe/Paris"),
          ZoneId.of("UTC"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Pacific/Chatham"));

  @BeforeAll
  static void start() {
    clock = new SettableClock(Instant.parse("2026-03-27T00:00:00Z"));
    fx =
        LedgerFixture.create(
            new WriterSettings(1_000, 1_000, Duration.ZERO, Duration.ofMillis(50)), clock);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /**
   * @param minutes how far the clock moves before the operation
   * @param what which operation
   * @param step the aggregator runs one step (of {@code step} rows) before the operation when <= 3
   */
  record Op(int minutes, int what, int a, int b, long amount, int step) {}

  static Gen<List<Op>> journals() {
    Gen<Op> op =
        integers()
            .between(0, 2 * 24 * 60)
            .zip(
                integers().between(0, 11),
                integers().between(0, 20),
                integers().between(0, 20),
                (m, w, a, b) -> new int[] {m, w, a, b})
            .zip(
                longs().between(1, 6_000),
                integers().between(1, 12),
                (x, amount, step) -> new Op(x[0], x[1], x[2], x[3], amount, step));
    return lists().of(op).ofSizeBetween(5, 45);
  }

  @Test
  void reports_from_the_aggregates_equal_the_full_scan() {
    qt().withExamples(25)
        .withShrinkCycles(0)
        .forAll(journals(), integers().between(0, ZONES.size() - 1))
        .checkAssert(this::check);
  }

  final class World {
    final Network network;
    final Account issuance, fund, euroOutside, euroReserve, till, engIssuance, engAsso;
    final List<Account> people; // members, merchants, an association (Coopération)
    final List<Account> merchants;
    final List<Account> engPeople;

    World() {
      network = fx.ledger.networks().create("agg-" + NETWORKS.incrementAndGet(), "Agrégats");
      var c = StrandKind.COOPERATION;
      issuance = open(OwnerKind.SYSTEM, c);
      fund = open(OwnerKind.SYSTEM, c);
      var m1 = open(OwnerKind.MEMBER, c);
      var m2 = open(OwnerKind.MEMBER, c);
      var m3 = open(OwnerKind.MEMBER, c);
      var s1 = open(OwnerKind.MERCHANT, c);
      var s2 = open(OwnerKind.MERCHANT, c);
      var s3 = open(OwnerKind.MERCHANT, c);
      var asso = open(OwnerKind.ASSOCIATION, c);
      people = List.of(m1, m2, m3, s1, s2, s3, asso);
      merchants = List.of(s1, s2, s3);
      euroOutside = open(OwnerKind.SYSTEM, StrandKind.EURO);
      euroReserve = open(OwnerKind.SYSTEM, StrandKind.EURO);
      till = open(OwnerKind.EXCHANGE_OFFICE, StrandKind.EURO);
      engIssuance = open(OwnerKind.SYSTEM, StrandKind.ENGAGEMENT);
      engAsso = open(OwnerKind.ASSOCIATION, StrandKind.ENGAGEMENT);
      engPeople =
          List.of(
              open(OwnerKind.MEMBER, StrandKind.ENGAGEMENT),
              open(OwnerKind.MERCHANT, StrandKind.ENGAGEMENT));
    }

    Account open(OwnerKind kind, StrandKind strand) {
      return fx.ledger
          .accounts()
          .open(
              network.id(),
              strand,
              kind,
              kind.name().toLowerCase(),
              kind + " " + strand,
              kind == OwnerKind.SYSTEM ? OptionalLong.empty() : OptionalLong.of(0));
    }

    TransferOutcome post(TransferCode code, Account from, Account to, long amount) {
      if (from.id().equals(to.id())) {
        return null;
      }
      return fx.ledger
          .transfers()
          .execute(
              network.id(),
              TransferCommand.posted(
                  LedgerFixture.key(), from.strand(), from.id(), to.id(), Amount.of(amount), code));
    }

    void run(Op op) {
      Account a = people.get(op.a() % people.size());
      Account b = people.get(op.b() % people.size());
      Account merchant = merchants.get(op.a() % merchants.size());
      long amount = op.amount();
      switch (op.what()) {
        case 0, 1, 2, 3 -> post(TransferCode.PAYMENT, a, b, amount);
        case 4 -> post(TransferCode.ISSUANCE, issuance, a, amount);
        case 5 -> post(TransferCode.RECONVERSION, merchant, issuance, amount);
        case 6 -> post(TransferCode.FONTE, a, fund, amount);
        case 7 ->
            post(
                op.b() % 2 == 0 ? TransferCode.PAYMENT : TransferCode.RECONVERSION_FEE,
                op.b() % 2 == 0 ? fund : merchant,
                op.b() % 2 == 0 ? a : fund,
                amount);
        case 8 -> {
          var pending =
              fx.ledger
                  .transfers()
                  .execute(
                      network.id(),
                      TransferCommand.pending(
                          LedgerFixture.key(),
                          StrandKind.COOPERATION,
                          a.id(),
                          b.id(),
                          Amount.of(amount),
                          TransferCode.PAYMENT,
                          null));
          if (pending instanceof TransferOutcome.Posted p) {
            clock.set(clock.instant().plus(Duration.ofMinutes(op.minutes() / 3)));
            var id = p.transfer().id();
            fx.ledger
                .transfers()
                .execute(
                    network.id(),
                    op.b() % 3 == 0
                        ? TransferCommand.voidPending(LedgerFixture.key(), id)
                        : TransferCommand.postPending(
                            LedgerFixture.key(), id, Amount.of(amount / 2 + 1)));
          }
        }
        case 9 -> {
          switch (op.b() % 3) {
            case 0 -> post(TransferCode.RESERVE_DEPOSIT, euroOutside, till, amount);
            case 1 -> post(TransferCode.RESERVE_DEPOSIT, till, euroReserve, amount);
            default -> post(TransferCode.RESERVE_WITHDRAWAL, euroReserve, euroOutside, amount);
          }
        }
        case 10 -> {
          Account e = engPeople.get(op.b() % engPeople.size());
          if (op.a() % 2 == 0) {
            post(TransferCode.VOLUNTEER_ALLOWANCE, engIssuance, engAsso, amount);
          } else if (op.a() % 3 == 0) {
            post(TransferCode.VOLUNTEER_CREDIT, engAsso, e, amount);
          } else {
            post(TransferCode.PAYMENT, engPeople.get(0), engPeople.get(1), amount);
          }
        }
        default -> {
          TransferCode[] others = {
            TransferCode.REWARD,
            TransferCode.REFUND,
            TransferCode.CORRECTION,
            TransferCode.GRANT,
            TransferCode.VOUCHER_EXPIRY,
            TransferCode.PURCHASE_BONUS
          };
          TransferCode code = others[(int) (amount % others.length)];
          Account from = code == TransferCode.PURCHASE_BONUS ? issuance : a;
          post(code, from, b, amount);
        }
      }
    }
  }

  void check(List<Op> ops, Integer zoneIndex) {
    ZoneId zone = ZONES.get(zoneIndex);
    clock.set(Instant.parse("2026-03-27T00:00:00Z"));
    World w = new World();
    var aggregator = new Aggregator(fx.dataSource, 1 + ops.size() % 5);
    assertThat(aggregator.changeTimeZone(w.network.id(), zone)).isTrue();
    for (Op op : ops) {
      clock.set(clock.instant().plus(Duration.ofMinutes(op.minutes())));
      if (op.step() <= 3) {
        aggregator.step(w.network.id());
      }
      w.run(op);
    }
    var reports = new CirculationReports(fx.dataSource, clock);
    var scans = new FullScanReports(fx.dataSource, clock);
    LocalDate first = LocalDate.of(2026, 3, 27);
    LocalDate later = clock.instant().atZone(zone).toLocalDate();
    List<ReportPeriod> periods =
        List.of(
            ReportPeriod.month(YearMonth.of(2026, 3)),
            ReportPeriod.month(YearMonth.of(2026, 4)),
            ReportPeriod.year(Year.of(2026)),
            ReportPeriod.day(first.plusDays(2)),
            ReportPeriod.day(later),
            ReportPeriod.custom(first.plusDays(1), later.plusDays(3)),
            ReportPeriod.custom(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 5, 3)),
            ReportPeriod.custom(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 2, 1)));
    List<Instant> asOfs =
        List.of(
            clock.instant(),
            Instant.parse("2026-03-30T10:00:00Z"),
            Instant.parse("2027-01-01T00:00:00Z"));
    for (StrandKind strand : List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT)) {
      for (ReportPeriod period : periods) {
        var request = new ReportRequest(w.network.id(), strand, period, new BigDecimal("0.10"), 2);
        for (Instant asOf : asOfs) {
          assertThat(reports.report(request, asOf))
              .as("%s %s as of %s in %s", strand, period, asOf, zone)
              .isEqualTo(scans.report(request, asOf));
        }
      }
    }
    // once everything is aggregated (no tail), still equal; and running again changes nothing
    aggregator.catchUp(w.network.id());
    var request =
        new ReportRequest(
            w.network.id(),
            StrandKind.COOPERATION,
            ReportPeriod.custom(first, later.plusDays(1)),
            BigDecimal.ONE,
            3);
    CirculationReport aggregated = reports.report(request, clock.instant());
    assertThat(aggregated).isEqualTo(scans.report(request, clock.instant()));
    assertThat(aggregator.catchUp(w.network.id()).totalFolded()).isZero();
    assertThat(reports.report(request, clock.instant())).isEqualTo(aggregated);
  }
}
