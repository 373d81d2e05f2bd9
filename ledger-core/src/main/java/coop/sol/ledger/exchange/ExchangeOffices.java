package coop.sol.ledger.exchange;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.Networks;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.AccountRequirement;
import coop.sol.ledger.operation.LinkedOutcome;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.SystemAccounts;
import coop.sol.ledger.settings.Versioned;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.Transfers;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Exchange offices: selling SOL Coopération for euros, banking the tills, and the reserve
 * statement.
 *
 * <p>A purchase posts one linked list (all or nothing):
 *
 * <ol>
 *   <li>ISSUANCE, Coopération issuance → buyer: {@code floor(euros / rate)} SOL;
 *   <li>PURCHASE_BONUS, Coopération issuance → buyer: {@code floor(SOL × bonus)}, if not zero;
 *   <li>RESERVE_DEPOSIT, euro ledger, euros outside → the office's till: the euros received.
 * </ol>
 *
 * Rounding is down on the SOL side: the euros received always cover the SOL issued for them; the
 * fraction of a cent that buys no whole minor unit of SOL stays in the reserve.
 */
public final class ExchangeOffices {
  private static final AccountRequirement BUYER =
      AccountRequirement.of(
          StrandKind.COOPERATION, OwnerKind.MEMBER, OwnerKind.MERCHANT, OwnerKind.ASSOCIATION);

  private final Networks networks;
  private final Accounts accounts;
  private final Transfers transfers;
  private final NetworkSettings settings;
  private final ExchangeStore store;
  private final Clock clock;

  public ExchangeOffices(
      DataSource dataSource,
      Networks networks,
      Accounts accounts,
      Transfers transfers,
      NetworkSettings settings,
      Clock clock) {
    this.networks = networks;
    this.accounts = accounts;
    this.transfers = transfers;
    this.settings = settings;
    this.store = new ExchangeStore(dataSource);
    this.clock = clock;
  }

  /**
   * Opens the euro till of an exchange office (an EXCHANGE_OFFICE account on the euro ledger, which
   * cannot go below zero), or returns the one it has.
   */
  public Account openOffice(NetworkId network, String officeRef, String name) {
    // the agent's requests open it on first use, several at once if they come at once: one
    // account, whichever instance answers (a check, then an insert, opened two)
    return till(network, officeRef)
        .orElseGet(
            () ->
                accounts.openOnce(
                    network,
                    StrandKind.EURO,
                    OwnerKind.EXCHANGE_OFFICE,
                    officeRef,
                    name,
                    OptionalLong.of(0)));
  }

  /** The office's euro till (its oldest, should it have several). */
  public Optional<Account> till(NetworkId network, String officeRef) {
    return accounts.findByOwner(network, OwnerKind.EXCHANGE_OFFICE, officeRef).stream()
        .filter(a -> a.strand() == StrandKind.EURO)
        .findFirst();
  }

  /**
   * The purchase one of whose transfers is {@code leg} (its SOL, bonus or euros leg), as {@link
   * #buy} recorded it: what a receipt of the sale shows. Empty for any other transfer.
   */
  public Optional<SolPurchased> purchaseOf(Transfer leg) {
    if (leg.reference() == null || !leg.reference().startsWith("office:")) {
      return Optional.empty();
    }
    String key = leg.key().value();
    int slash = key.lastIndexOf('/');
    if (slash <= 0 || !Set.of("sol", "bonus", "euros").contains(key.substring(slash + 1))) {
      return Optional.empty();
    }
    IdempotencyKey base = new IdempotencyKey(key.substring(0, slash));
    Optional<Transfer> sol = transfers.findByKey(leg.network(), OperationKeys.leg(base, "sol"));
    Optional<Transfer> euros = transfers.findByKey(leg.network(), OperationKeys.leg(base, "euros"));
    if (sol.isEmpty()
        || euros.isEmpty()
        || sol.get().code() != TransferCode.ISSUANCE
        || euros.get().code() != TransferCode.RESERVE_DEPOSIT) {
      return Optional.empty();
    }
    Optional<Transfer> bonus = transfers.findByKey(leg.network(), OperationKeys.leg(base, "bonus"));
    List<Transfer> legs = new ArrayList<>();
    legs.add(sol.get());
    bonus.ifPresent(legs::add);
    legs.add(euros.get());
    return Optional.of(
        new SolPurchased(
            euros.get().amount(),
            sol.get().amount(),
            bonus.map(Transfer::amount).orElse(0L),
            legs,
            true));
  }

  /** Sells SOL Coopération for euros; see the class comment for the transfers and rounding. */
  public Outcome<SolPurchased> buy(SolPurchase purchase) {
    NetworkId network = purchase.network();
    Optional<SystemAccounts> system = settings.systemAccounts(network);
    if (system.isEmpty()) {
      return Outcome.refused(OperationReason.NOT_SET_UP);
    }
    Optional<Versioned<NetworkRates>> rates = settings.rates(network);
    if (rates.isEmpty()) {
      return Outcome.refused(OperationReason.RATES_NOT_SET);
    }
    Optional<OperationReason> buyer = BUYER.refusal(accounts.find(network, purchase.buyer()));
    if (buyer.isPresent()) {
      return Outcome.refused(buyer.get());
    }
    Optional<Account> till = till(network, purchase.officeRef());
    if (till.isEmpty()) {
      return Outcome.refused(OperationReason.UNKNOWN_EXCHANGE_OFFICE);
    }
    Network scales = networks.find(network).orElseThrow();
    int euroScale = scales.scale(StrandKind.EURO);
    int solScale = scales.scale(StrandKind.COOPERATION);
    NetworkRates r = rates.get().value();
    long euros = purchase.euros().minorUnits();
    long sol;
    try {
      sol = r.euroRate().solFor(euros, euroScale, solScale);
    } catch (ArithmeticException tooMuch) {
      return Outcome.rejected(RejectionReason.BALANCE_OVERFLOW);
    }
    if (sol == 0) {
      return Outcome.refused(OperationReason.AMOUNT_ROUNDS_TO_ZERO);
    }
    long bonus = r.purchaseBonus().floorOf(sol);

    String reference = "office:" + purchase.officeRef();
    String memo =
        Decimals.format(euros, euroScale)
            + " EUR -> "
            + Decimals.format(sol, solScale)
            + " SOL"
            + (bonus > 0 ? " + " + Decimals.format(bonus, solScale) + " SOL bonus" : "");
    var issuance = system.get().issuance(StrandKind.COOPERATION);
    IdempotencyKey key = purchase.key();
    var linked = new ArrayList<TransferCommand>(3);
    linked.add(
        TransferCommand.posted(
                OperationKeys.leg(key, "sol"),
                StrandKind.COOPERATION,
                issuance,
                purchase.buyer(),
                Amount.of(sol),
                TransferCode.ISSUANCE)
            .withReference(reference)
            .withMemo(memo));
    if (bonus > 0) {
      linked.add(
          TransferCommand.posted(
                  OperationKeys.leg(key, "bonus"),
                  StrandKind.COOPERATION,
                  issuance,
                  purchase.buyer(),
                  Amount.of(bonus),
                  TransferCode.PURCHASE_BONUS)
              .withReference(reference)
              .withMemo(memo));
    }
    linked.add(
        TransferCommand.posted(
                OperationKeys.leg(key, "euros"),
                StrandKind.EURO,
                system.get().euroOutside(),
                till.get().id(),
                purchase.euros(),
                TransferCode.RESERVE_DEPOSIT)
            .withReference(reference)
            .withMemo(memo));
    // the office's daily limit, a money rule: counted in the database, one sale after the other
    // whatever instance takes it, before the sale posts; taken back if the ledger rejects it
    ExchangeLimits limits = store.limits(network);
    boolean counted = false;
    if (limits.dailyLimit().isPresent()) {
      LocalDate day = LocalDate.ofInstant(clock.instant(), store.timeZone(network));
      ExchangeStore.Counted count =
          store.count(
              network,
              purchase.officeRef(),
              day,
              key.value(),
              euros,
              limits.dailyLimit().getAsLong(),
              clock.instant());
      if (count == ExchangeStore.Counted.OVER_LIMIT) {
        return Outcome.refused(OperationReason.OFFICE_DAILY_LIMIT_EXCEEDED);
      }
      counted = count == ExchangeStore.Counted.COUNTED;
    }
    LinkedOutcome outcome = LinkedOutcome.of(transfers.executeLinked(network, linked));
    if (!outcome.posted()) {
      if (counted) {
        store.uncount(network, key.value());
      }
      return Outcome.rejected(outcome.rejection());
    }
    return Outcome.done(
        new SolPurchased(euros, sol, bonus, outcome.transfers(), outcome.replayed()));
  }

  /** The limits the network sets its offices' sales to. */
  public ExchangeLimits limits(NetworkId network) {
    return store.limits(network);
  }

  /** Sets the limits of the network's offices' sales, from now on. */
  public void setLimits(NetworkId network, ExchangeLimits limits) {
    store.setLimits(network, limits, clock.instant());
  }

  /**
   * The euros an office took today (its network's day), minor units, as counted for its daily limit
   * (sales are counted while a limit is set).
   */
  public long soldToday(NetworkId network, String officeRef) {
    return store.soldOn(
        network, officeRef, LocalDate.ofInstant(clock.instant(), store.timeZone(network)));
  }

  /**
   * Moves euros from an office's till to the guarantee fund (RESERVE_DEPOSIT, till → reserve).
   * Rejected by the ledger with INSUFFICIENT_FUNDS if the till holds less.
   */
  public Outcome<TillBanked> bankTill(
      NetworkId network, IdempotencyKey key, String officeRef, Amount euros) {
    Optional<SystemAccounts> system = settings.systemAccounts(network);
    if (system.isEmpty()) {
      return Outcome.refused(OperationReason.NOT_SET_UP);
    }
    Optional<Account> till = till(network, officeRef);
    if (till.isEmpty()) {
      return Outcome.refused(OperationReason.UNKNOWN_EXCHANGE_OFFICE);
    }
    var command =
        TransferCommand.posted(
                key,
                StrandKind.EURO,
                till.get().id(),
                system.get().euroReserve(),
                euros,
                TransferCode.RESERVE_DEPOSIT)
            .withReference("office:" + officeRef)
            .withMemo("till banked");
    LinkedOutcome outcome = LinkedOutcome.of(transfers.executeLinked(network, List.of(command)));
    if (!outcome.posted()) {
      return Outcome.rejected(outcome.rejection());
    }
    return Outcome.done(new TillBanked(outcome.transfers().get(0), outcome.replayed()));
  }

  /**
   * SOL in circulation and euros held, read together. Refused only if the network is not set up.
   */
  public Outcome<ReserveStatement> reserve(NetworkId network) {
    Optional<SystemAccounts> system = settings.systemAccounts(network);
    if (system.isEmpty()) {
      return Outcome.refused(OperationReason.NOT_SET_UP);
    }
    var at = clock.instant();
    long[] b =
        store.reserveBalances(
            network, system.get().issuance(StrandKind.COOPERATION), system.get().euroReserve());
    Optional<EuroRate> rate = settings.rates(network).map(v -> v.value().euroRate());
    Network scales = networks.find(network).orElseThrow();
    long inEuros =
        rate.map(
                x ->
                    x.eurosFor(
                        Math.max(0, b[0]),
                        scales.scale(StrandKind.COOPERATION),
                        scales.scale(StrandKind.EURO)))
            .orElse(0L);
    return Outcome.done(new ReserveStatement(at, b[0], b[1], b[2], rate, inEuros));
  }
}
