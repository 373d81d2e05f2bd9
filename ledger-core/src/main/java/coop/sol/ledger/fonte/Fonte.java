package coop.sol.ledger.fonte;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.FontePeriod;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.Versioned;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.Transfers;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Previews and runs the fonte of a strand, by hand or on a schedule.
 *
 * <p><b>Who is charged.</b> For a period [start, end) of the rule's schedule (dates in the rule's
 * zone), every open account of the strand held by a member, a merchant or an association, other
 * than the fund and the lots of earmarked vouchers (which expire instead), that was credited before
 * the period started, has a posted balance at the end of the period that is strictly positive, and
 * posted no outgoing payment ({@link #OUTGOING_PAYMENTS}) during the period.
 *
 * <p><b>How much.</b> {@link FonteRule#charge} of the balance at the end of the period (rate
 * rounded down, at least the minimum, at most the balance), and never more than the account's
 * available balance when it is charged: if it spent since the period ended, it is charged what is
 * left (zero: NOTHING_LEFT). Basing the charge on the balance at the end of the period makes a
 * run's charges the same whenever it runs.
 *
 * <p><b>Once per period.</b> A run is recorded per network, strand and period ({@code fonte_run},
 * unique) with the rule version it applies. Each charge is a FONTE transfer (account → fund) keyed
 * {@code fonte:<run>:<account>}, so running the period again, even concurrently, answers the
 * charges already posted and posts nothing new for them. A run completes when every subject account
 * is settled; running a completed period again posts nothing at all. A run interrupted (or with
 * charges the ledger refused) is completed by the next run of the period.
 *
 * <p><b>While payments continue.</b> Charges go through the ledger's writer one by one, between
 * payments; a charge that a payment made in the meantime leaves uncovered is rejected by the ledger
 * and recomputed from the fresh balance (up to three times).
 */
public final class Fonte {
  /** The debits that make an account active: spending in the network. */
  public static final Set<TransferCode> OUTGOING_PAYMENTS =
      Collections.unmodifiableSet(
          EnumSet.of(TransferCode.PAYMENT, TransferCode.REWARD, TransferCode.VOLUNTEER_CREDIT));

  private static final int ATTEMPTS = 3;

  private final Accounts accounts;
  private final Transfers transfers;
  private final NetworkSettings settings;
  private final FonteStore store;
  private final Clock clock;

  public Fonte(
      DataSource dataSource,
      Accounts accounts,
      Transfers transfers,
      NetworkSettings settings,
      Clock clock) {
    this.accounts = accounts;
    this.transfers = transfers;
    this.settings = settings;
    this.store = new FonteStore(dataSource);
    this.clock = clock;
  }

  /** Who a run of {@code period} would charge now, and how much. Records nothing. */
  public Outcome<FontePreview> preview(NetworkId network, StrandKind strand, FontePeriod period) {
    Optional<FonteRun> run = store.run(network, strand, period);
    Outcome<Versioned<FonteRule>> rule =
        run.isPresent() ? ruleOf(run.get()) : ruleFor(network, strand, period);
    if (!(rule instanceof Outcome.Done<Versioned<FonteRule>> done)) {
      return rule.failure();
    }
    if (run.isPresent() && run.get().completedAt().isPresent()) {
      return Outcome.done(
          new FontePreview(strand, period, alreadyCharged(run.get(), done.value().value())));
    }
    var charges = new ArrayList<FonteCharge>();
    Map<String, long[]> posted = Map.of();
    List<FonteStore.Subject> subjects = subjects(network, strand, period, done.value().value());
    if (run.isPresent()) {
      posted =
          store.postedByKey(
              network, subjects.stream().map(s -> key(run.get(), s).value()).toList());
    }
    for (FonteStore.Subject s : subjects) {
      long[] p = run.isPresent() ? posted.get(key(run.get(), s).value()) : null;
      if (p != null) {
        charges.add(charge(s, p[1], ChargeStatus.ALREADY_CHARGED, new TransferId(p[0]), null));
      } else {
        long amount = amount(done.value().value(), s.balanceAtPeriodEnd(), s.availableNow());
        charges.add(
            charge(
                s, amount, amount > 0 ? ChargeStatus.DUE : ChargeStatus.NOTHING_LEFT, null, null));
      }
    }
    return Outcome.done(new FontePreview(strand, period, charges));
  }

  /**
   * Runs the fonte of {@code period} (a coordinator's manual run). Refused if the strand has no
   * enabled rule, the period is not one of its schedule or has not ended, or it overlaps a period
   * already run.
   */
  public Outcome<FonteRunReport> run(
      NetworkId network, StrandKind strand, FontePeriod period, Actor by) {
    Optional<FonteRun> existing = store.run(network, strand, period);
    Outcome<Versioned<FonteRule>> checked =
        existing.isPresent() ? ruleOf(existing.get()) : ruleFor(network, strand, period);
    if (!(checked instanceof Outcome.Done<Versioned<FonteRule>> done)) {
      return checked.failure();
    }
    FonteRule rule = done.value().value();
    FonteRun run =
        existing.orElseGet(
            () -> store.startRun(network, strand, period, done.value().version(), by, now()));
    if (run.completedAt().isPresent()) {
      return Outcome.done(new FonteRunReport(run, alreadyCharged(run, rule)));
    }
    List<FonteStore.Subject> subjects = subjects(network, strand, period, rule);
    Map<String, long[]> posted =
        store.postedByKey(network, subjects.stream().map(s -> key(run, s).value()).toList());

    var charges = new ArrayList<FonteCharge>(Collections.nCopies(subjects.size(), null));
    var pending = new ArrayList<TransferCommand>();
    var pendingIndex = new ArrayList<Integer>();
    for (int i = 0; i < subjects.size(); i++) {
      FonteStore.Subject s = subjects.get(i);
      long[] p = posted.get(key(run, s).value());
      if (p != null) {
        charges.set(i, charge(s, p[1], ChargeStatus.ALREADY_CHARGED, new TransferId(p[0]), null));
        continue;
      }
      long amount = amount(rule, s.balanceAtPeriodEnd(), s.availableNow());
      if (amount <= 0) {
        charges.set(i, charge(s, 0, ChargeStatus.NOTHING_LEFT, null, null));
        continue;
      }
      pending.add(command(run, rule, s, amount));
      pendingIndex.add(i);
    }
    List<TransferOutcome> outcomes = transfers.executeEach(network, pending);
    for (int j = 0; j < pending.size(); j++) {
      int i = pendingIndex.get(j);
      charges.set(i, settle(network, run, rule, subjects.get(i), outcomes.get(j)));
    }

    int count = 0;
    long total = 0;
    boolean settled = true;
    for (FonteCharge c : charges) {
      if (c.status() == ChargeStatus.CHARGED || c.status() == ChargeStatus.ALREADY_CHARGED) {
        count++;
        total += c.amount();
      }
      settled &= c.status() != ChargeStatus.FAILED;
    }
    FonteRun recorded = store.record(run, count, total, settled ? now() : null);
    return Outcome.done(new FonteRunReport(recorded, charges));
  }

  /**
   * The scheduler's entry point: runs the latest period of the rule that has ended (by the clock,
   * in the rule's zone), unless it was run already. Call it as often as you like (daily, hourly): a
   * period is charged once. Periods missed before that one are not caught up (run them by hand, in
   * order). Refused with NOTHING_DUE before the first period ends.
   */
  public Outcome<FonteRunReport> runDue(NetworkId network, StrandKind strand, Actor by) {
    Optional<Versioned<FonteRule>> rule = settings.fonteRule(network, strand);
    if (rule.isEmpty() || !rule.get().value().enabled()) {
      return Outcome.refused(OperationReason.NO_FONTE_RULE);
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), rule.get().value().zone());
    Optional<FontePeriod> due = rule.get().value().lastPeriodEndedBy(today);
    if (due.isEmpty()) {
      return Outcome.refused(OperationReason.NOTHING_DUE);
    }
    return run(network, strand, due.get(), by);
  }

  /**
   * The period in progress (the first of the schedule that has not ended by the clock) and what its
   * run would charge if it ended now — balances and idleness as the journal shows them today: the
   * projection told to account holders before the end (a payment made meanwhile spares them). Empty
   * without an enabled rule, or when no period is in progress.
   */
  public Optional<FontePreview> projection(NetworkId network, StrandKind strand) {
    Optional<Versioned<FonteRule>> found = settings.fonteRule(network, strand);
    if (found.isEmpty() || !found.get().value().enabled()) {
      return Optional.empty();
    }
    FonteRule rule = found.get().value();
    LocalDate today = LocalDate.ofInstant(clock.instant(), rule.zone());
    FontePeriod current = rule.period(0);
    for (int k = 1; !current.end().isAfter(today); k++) {
      current = rule.period(k);
    }
    if (current.start().isAfter(today)) {
      return Optional.empty();
    }
    var charges = new ArrayList<FonteCharge>();
    for (FonteStore.Subject s : subjects(network, strand, current, rule)) {
      long amount = amount(rule, s.balanceAtPeriodEnd(), s.availableNow());
      if (amount > 0) {
        charges.add(charge(s, amount, ChargeStatus.DUE, null, null));
      }
    }
    return Optional.of(new FontePreview(strand, current, charges));
  }

  /** The runs of a strand, by period. */
  public List<FonteRun> runs(NetworkId network, StrandKind strand) {
    return store.runs(network, strand);
  }

  /** The rule in force for a period not run yet, with the checks a new run must pass. */
  private Outcome<Versioned<FonteRule>> ruleFor(
      NetworkId network, StrandKind strand, FontePeriod period) {
    Optional<Versioned<FonteRule>> rule = settings.fonteRule(network, strand);
    if (rule.isEmpty() || !rule.get().value().enabled()) {
      return Outcome.refused(OperationReason.NO_FONTE_RULE);
    }
    FonteRule r = rule.get().value();
    if (!r.isScheduled(period)) {
      return Outcome.refused(OperationReason.PERIOD_NOT_IN_SCHEDULE);
    }
    if (r.startOf(period.end()).isAfter(clock.instant())) {
      return Outcome.refused(OperationReason.PERIOD_NOT_OVER);
    }
    if (store.overlapsOtherRun(network, strand, period)) {
      return Outcome.refused(OperationReason.PERIOD_OVERLAPS_RUN);
    }
    return Outcome.done(rule.get());
  }

  /** The rule a recorded run applies (the version in force when it started). */
  private Outcome<Versioned<FonteRule>> ruleOf(FonteRun run) {
    return Outcome.done(settings.fonteRuleVersion(run.network(), run.ruleVersion()).orElseThrow());
  }

  private List<FonteStore.Subject> subjects(
      NetworkId network, StrandKind strand, FontePeriod period, FonteRule rule) {
    return store.subjects(
        network,
        strand,
        rule.startOf(period.start()),
        rule.startOf(period.end()),
        rule.fund(),
        OUTGOING_PAYMENTS);
  }

  /** The outcome of a charge, retried from a fresh balance if a payment left it uncovered. */
  private FonteCharge settle(
      NetworkId network, FonteRun run, FonteRule rule, FonteStore.Subject s, TransferOutcome o) {
    for (int attempt = 1; ; attempt++) {
      if (o instanceof TransferOutcome.Posted p) {
        Transfer t = p.transfer();
        return charge(
            s,
            t.amount(),
            p.replayed() ? ChargeStatus.ALREADY_CHARGED : ChargeStatus.CHARGED,
            t.id(),
            null);
      }
      RejectionReason reason = ((TransferOutcome.Rejected) o).reason();
      if (reason.name().startsWith("EXISTS_WITH_DIFFERENT_")) {
        // a concurrent run of the period charged it first, from another balance
        Optional<Transfer> t = transfers.findByKey(network, key(run, s));
        if (t.isPresent()) {
          return charge(s, t.get().amount(), ChargeStatus.ALREADY_CHARGED, t.get().id(), null);
        }
      }
      if (reason != RejectionReason.INSUFFICIENT_FUNDS || attempt == ATTEMPTS) {
        return charge(s, 0, ChargeStatus.FAILED, null, reason);
      }
      Optional<Account> now = accounts.find(network, s.account());
      long amount =
          now.map(a -> amount(rule, s.balanceAtPeriodEnd(), a.balance().available())).orElse(0L);
      if (amount <= 0) {
        return charge(s, 0, ChargeStatus.NOTHING_LEFT, null, null);
      }
      o = transfers.execute(network, command(run, rule, s, amount));
    }
  }

  /** The charges of a completed run, as ALREADY_CHARGED (nothing is posted again). */
  private List<FonteCharge> alreadyCharged(FonteRun run, FonteRule rule) {
    List<FonteStore.Subject> subjects = subjects(run.network(), run.strand(), run.period(), rule);
    Map<String, long[]> posted =
        store.postedByKey(run.network(), subjects.stream().map(s -> key(run, s).value()).toList());
    var charges = new ArrayList<FonteCharge>();
    for (FonteStore.Subject s : subjects) {
      long[] p = posted.get(key(run, s).value());
      if (p != null) {
        charges.add(charge(s, p[1], ChargeStatus.ALREADY_CHARGED, new TransferId(p[0]), null));
      }
    }
    return charges;
  }

  private static long amount(FonteRule rule, long balanceAtEnd, long availableNow) {
    return Math.min(rule.charge(balanceAtEnd), Math.max(0, availableNow));
  }

  private static TransferCommand command(
      FonteRun run, FonteRule rule, FonteStore.Subject s, long amount) {
    return TransferCommand.posted(
            key(run, s),
            run.strand(),
            s.account(),
            rule.fund(),
            Amount.of(amount),
            TransferCode.FONTE)
        .withReference("fonte-run:" + run.id())
        .withMemo(
            "fonte "
                + run.period()
                + ": "
                + rule.rate()
                + " of "
                + s.balanceAtPeriodEnd()
                + " (minor units), at least "
                + rule.minimum());
  }

  static IdempotencyKey key(FonteRun run, FonteStore.Subject s) {
    return new IdempotencyKey("fonte:" + run.id() + ":" + s.account());
  }

  private static FonteCharge charge(
      FonteStore.Subject s,
      long amount,
      ChargeStatus status,
      TransferId transfer,
      RejectionReason rejection) {
    return new FonteCharge(
        s.account(),
        s.ownerKind(),
        s.ownerRef(),
        s.balanceAtPeriodEnd(),
        amount,
        status,
        Optional.ofNullable(transfer),
        Optional.ofNullable(rejection));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
