package coop.sol.ledger.report;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.CirculationReport.Circulation;
import coop.sol.ledger.report.CirculationReport.CodeFigure;
import coop.sol.ledger.report.CirculationReport.FlowSplit;
import coop.sol.ledger.report.CirculationReport.Fonte;
import coop.sol.ledger.report.CirculationReport.FonteDestination;
import coop.sol.ledger.report.CirculationReport.Header;
import coop.sol.ledger.report.CirculationReport.Issued;
import coop.sol.ledger.report.CirculationReport.MerchantFigure;
import coop.sol.ledger.report.CirculationReport.Payments;
import coop.sol.ledger.report.CirculationReport.Reconversion;
import coop.sol.ledger.report.CirculationReport.Reserve;
import coop.sol.ledger.report.PeriodFacts.AccountTotals;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Derives every figure of a {@link CirculationReport} from {@link PeriodFacts}. */
final class ReportBuilder {
  /** Decimals of every ratio. */
  static final int RATIO_SCALE = 4;

  private ReportBuilder() {}

  static CirculationReport build(
      ReportRequest request,
      String networkCode,
      ZoneId zone,
      Instant asOf,
      Map<StrandKind, Long> heads,
      int scale,
      int euroScale,
      PeriodFacts facts,
      Map<Long, AccountInfo> accounts) {
    ReportPeriod period = request.period();
    var header =
        new Header(
            request.network().value(),
            networkCode,
            request.strand(),
            period,
            zone,
            asOf,
            heads,
            scale,
            euroScale,
            request.euroPerSol(),
            request.top());

    // circulation: start, end, and the mean of the end-of-day figures of the elapsed days
    LocalDate asOfDay = asOf.atZone(zone).toLocalDate();
    LocalDate lastAveraged = asOfDay.isBefore(period.to()) ? asOfDay : period.to().minusDays(1);
    long daysAveraged =
        lastAveraged.isBefore(period.from())
            ? 0
            : ChronoUnit.DAYS.between(period.from(), lastAveraged) + 1;
    long circulation = facts.circulationAtStart;
    BigInteger daySum = BigInteger.ZERO;
    for (LocalDate d = period.from(); d.isBefore(period.to()); d = d.plusDays(1)) {
      circulation = Math.addExact(circulation, facts.dailyNet.getOrDefault(d, 0L));
      if (!d.isAfter(lastAveraged)) {
        daySum = daySum.add(BigInteger.valueOf(circulation));
      }
    }
    Long average =
        daysAveraged == 0
            ? null
            : new BigDecimal(daySum)
                .divide(BigDecimal.valueOf(daysAveraged), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    var circ = new Circulation(facts.circulationAtStart, circulation, daysAveraged, average);

    // euro reserve and coverage (Coopération only)
    Optional<Reserve> reserve = Optional.empty();
    if (request.strand() == StrandKind.COOPERATION) {
      long start = positiveSum(facts.euroAtStart, id -> true);
      long end = positiveSum(facts.euroAtEnd, id -> true);
      long offices =
          positiveSum(
              facts.euroAtEnd,
              id -> {
                AccountInfo info = accounts.get(id);
                return info != null && info.ownerKind() == OwnerKind.EXCHANGE_OFFICE;
              });
      reserve =
          Optional.of(
              new Reserve(
                  start,
                  end,
                  offices,
                  coverage(start, circ.atStart(), request.euroPerSol(), scale, euroScale),
                  coverage(end, circ.atEnd(), request.euroPerSol(), scale, euroScale)));
    }

    // movements by code
    var byCode = new TreeMap<String, CountAmount>();
    facts.flows.forEach((k, v) -> byCode.merge(k.code(), v, CountAmount::plus));
    ToCountAmount code = name -> byCode.getOrDefault(name, CountAmount.ZERO);

    var issued =
        new Issued(
            code.of("ISSUANCE"),
            code.of("PURCHASE_BONUS"),
            code.of("REWARD"),
            code.of("VOLUNTEER_CREDIT"),
            code.of("GRANT"),
            code.of("VOUCHER_EXPIRY"));
    CountAmount reconverted = code.of("RECONVERSION");
    var reconversion =
        new Reconversion(
            reconverted,
            code.of("RECONVERSION_FEE"),
            ratio(
                BigInteger.valueOf(reconverted.amount()),
                BigInteger.valueOf(issued.bought().amount())));

    var destinations = new ArrayList<FonteDestination>();
    new TreeMap<>(facts.fonte)
        .forEach(
            (id, received) -> {
              AccountInfo info = info(accounts, id);
              AccountTotals totals = facts.accounts.get(id);
              destinations.add(
                  new FonteDestination(
                      id,
                      info.ownerKind(),
                      info.ownerRef(),
                      received,
                      totals == null ? 0 : totals.spent));
            });
    var fonte = new Fonte(code.of("FONTE"), destinations);

    // payments, flow split, active accounts, top merchants
    CountAmount payments = code.of("PAYMENT");
    CountAmount memberToMerchant = CountAmount.ZERO;
    CountAmount merchantToMerchant = CountAmount.ZERO;
    CountAmount otherPayments = CountAmount.ZERO;
    for (var e : facts.flows.entrySet()) {
      if (!e.getKey().code().equals("PAYMENT")) {
        continue;
      }
      OwnerKind from = e.getKey().debitKind();
      OwnerKind to = e.getKey().creditKind();
      if (from == OwnerKind.MEMBER && to == OwnerKind.MERCHANT) {
        memberToMerchant = memberToMerchant.plus(e.getValue());
      } else if (from == OwnerKind.MERCHANT && to == OwnerKind.MERCHANT) {
        merchantToMerchant = merchantToMerchant.plus(e.getValue());
      } else {
        otherPayments = otherPayments.plus(e.getValue());
      }
    }
    var split = new FlowSplit(memberToMerchant, merchantToMerchant, reconverted, otherPayments);
    long activeMembers = 0;
    long activeMerchants = 0;
    var received = new ArrayList<MerchantFigure>();
    var respent = new ArrayList<MerchantFigure>();
    for (var e : facts.accounts.entrySet()) {
      AccountTotals t = e.getValue();
      if (t.paymentsIn + t.paymentsOut == 0) {
        continue;
      }
      AccountInfo info = info(accounts, e.getKey());
      if (info.ownerKind() == OwnerKind.MEMBER) {
        activeMembers++;
      } else if (info.ownerKind() == OwnerKind.MERCHANT) {
        activeMerchants++;
        if (t.paymentsIn > 0) {
          received.add(
              new MerchantFigure(
                  info.accountId(),
                  info.ownerRef(),
                  info.name(),
                  new CountAmount(t.paymentsIn, t.paymentsReceived)));
        }
        if (t.paymentsOut > 0) {
          respent.add(
              new MerchantFigure(
                  info.accountId(),
                  info.ownerRef(),
                  info.name(),
                  new CountAmount(t.paymentsOut, t.paymentsSpent)));
        }
      }
    }
    BigDecimal velocity =
        daysAveraged == 0
            ? null
            : ratio(
                BigInteger.valueOf(payments.amount()).multiply(BigInteger.valueOf(daysAveraged)),
                daySum);
    var paymentFigures =
        new Payments(
            payments,
            code.of("REFUND"),
            velocity,
            split,
            activeMembers,
            activeMerchants,
            top(received, request.top()),
            top(respent, request.top()));

    var codes = new ArrayList<CodeFigure>();
    byCode.forEach((name, figure) -> codes.add(new CodeFigure(name, figure)));
    return new CirculationReport(
        header,
        circ,
        reserve,
        issued,
        reconversion,
        fonte,
        paymentFigures,
        code.of("CORRECTION"),
        codes);
  }

  private interface ToCountAmount {
    CountAmount of(String code);
  }

  private static AccountInfo info(Map<Long, AccountInfo> accounts, long id) {
    AccountInfo info = accounts.get(id);
    if (info == null) {
      throw new IllegalStateException("no account " + id + " among the report's accounts");
    }
    return info;
  }

  /** The sum of the strictly positive balances of the accounts {@code which} accepts. */
  private static long positiveSum(
      Map<Long, Long> balances, java.util.function.LongPredicate which) {
    long sum = 0;
    for (var e : balances.entrySet()) {
      if (e.getValue() > 0 && which.test(e.getKey())) {
        sum = Math.addExact(sum, e.getValue());
      }
    }
    return sum;
  }

  /** euros held / (circulation × euroPerSol), both in euros; null unless circulation > 0. */
  static BigDecimal coverage(
      long euros, long circulation, BigDecimal euroPerSol, int scale, int euroScale) {
    if (circulation <= 0) {
      return null;
    }
    BigDecimal held = BigDecimal.valueOf(euros).scaleByPowerOfTen(-euroScale);
    BigDecimal owed =
        BigDecimal.valueOf(circulation).scaleByPowerOfTen(-scale).multiply(euroPerSol);
    return held.divide(owed, RATIO_SCALE, RoundingMode.HALF_EVEN);
  }

  /** numerator / denominator to 4 decimals, half-even; null unless denominator > 0. */
  static BigDecimal ratio(BigInteger numerator, BigInteger denominator) {
    if (denominator.signum() <= 0) {
      return null;
    }
    return new BigDecimal(numerator)
        .divide(new BigDecimal(denominator), RATIO_SCALE, RoundingMode.HALF_EVEN);
  }

  private static List<MerchantFigure> top(List<MerchantFigure> figures, int n) {
    return figures.stream()
        .sorted(
            Comparator.comparingLong((MerchantFigure f) -> f.amount().amount())
                .reversed()
                .thenComparingLong(MerchantFigure::accountId))
        .limit(n)
        .toList();
  }
}
