package coop.sol.ledger.report;

import coop.sol.ledger.account.OwnerKind;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sums a circulation report is derived from (see {@link ReportBuilder}). Both computations fill
 * it: the full scan row by row with {@link #strandRow} and {@link #euroRow}; the aggregate one from
 * the aggregate tables, then the rows after the watermark with the same two methods.
 */
final class PeriodFacts {
  final ReportPeriod period;

  /** Circulation after every movement dated before the period. */
  long circulationAtStart;

  /** Per day of the period: the net change of circulation (days without any are absent). */
  final TreeMap<LocalDate, Long> dailyNet = new TreeMap<>();

  /** Movements in the period by code and owner kinds. */
  final Map<FlowKey, CountAmount> flows = new HashMap<>();

  /** Movements in the period per account. */
  final Map<Long, AccountTotals> accounts = new HashMap<>();

  /** FONTE movements in the period per credited account. */
  final Map<Long, CountAmount> fonte = new HashMap<>();

  /** Euro ledger posted balances per account, before the period and before its end. */
  final Map<Long, Long> euroAtStart = new HashMap<>();

  final Map<Long, Long> euroAtEnd = new HashMap<>();

  record FlowKey(String code, OwnerKind debitKind, OwnerKind creditKind) {}

  /** One account's movements in the period (all codes, and the PAYMENT part). */
  static final class AccountTotals {
    long received;
    long spent;
    long countIn;
    long countOut;
    long paymentsReceived;
    long paymentsSpent;
    long paymentsIn;
    long paymentsOut;

    void add(AccountTotals o) {
      received = Math.addExact(received, o.received);
      spent = Math.addExact(spent, o.spent);
      countIn += o.countIn;
      countOut += o.countOut;
      paymentsReceived = Math.addExact(paymentsReceived, o.paymentsReceived);
      paymentsSpent = Math.addExact(paymentsSpent, o.paymentsSpent);
      paymentsIn += o.paymentsIn;
      paymentsOut += o.paymentsOut;
    }
  }

  PeriodFacts(ReportPeriod period) {
    this.period = period;
  }

  /**
   * How a movement changes circulation: + amount from a system account to another one, − amount the
   * other way, 0 between two system or two non-system accounts.
   */
  static long circulationEffect(OwnerKind debit, OwnerKind credit, long amount) {
    boolean fromSystem = debit == OwnerKind.SYSTEM;
    boolean toSystem = credit == OwnerKind.SYSTEM;
    if (fromSystem == toSystem) {
      return 0;
    }
    return fromSystem ? amount : -amount;
  }

  /** Folds in a row of the report's strand, dated {@code day}. */
  void strandRow(JournalRow row, OwnerKind debitKind, OwnerKind creditKind, LocalDate day) {
    if (!row.movement() || !day.isBefore(period.to())) {
      return;
    }
    long effect = circulationEffect(debitKind, creditKind, row.amount());
    if (day.isBefore(period.from())) {
      circulationAtStart = Math.addExact(circulationAtStart, effect);
      return;
    }
    dailyNet.merge(day, effect, Math::addExact);
    flows.merge(
        new FlowKey(row.code(), debitKind, creditKind),
        new CountAmount(1, row.amount()),
        CountAmount::plus);
    boolean payment = "PAYMENT".equals(row.code());
    AccountTotals debit = accounts.computeIfAbsent(row.debit(), id -> new AccountTotals());
    debit.spent = Math.addExact(debit.spent, row.amount());
    debit.countOut++;
    AccountTotals credit = accounts.computeIfAbsent(row.credit(), id -> new AccountTotals());
    credit.received = Math.addExact(credit.received, row.amount());
    credit.countIn++;
    if (payment) {
      debit.paymentsSpent = Math.addExact(debit.paymentsSpent, row.amount());
      debit.paymentsOut++;
      credit.paymentsReceived = Math.addExact(credit.paymentsReceived, row.amount());
      credit.paymentsIn++;
    }
    if ("FONTE".equals(row.code())) {
      fonte.merge(row.credit(), new CountAmount(1, row.amount()), CountAmount::plus);
    }
  }

  /** Folds in a row of the euro ledger, dated {@code day}. */
  void euroRow(JournalRow row, LocalDate day) {
    if (!row.movement() || !day.isBefore(period.to())) {
      return;
    }
    if (day.isBefore(period.from())) {
      euroAtStart.merge(row.debit(), -row.amount(), Math::addExact);
      euroAtStart.merge(row.credit(), row.amount(), Math::addExact);
    }
    euroAtEnd.merge(row.debit(), -row.amount(), Math::addExact);
    euroAtEnd.merge(row.credit(), row.amount(), Math::addExact);
  }
}
